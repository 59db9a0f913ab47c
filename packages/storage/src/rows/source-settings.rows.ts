// Row ↔ domain mapping for source settings and health, read by the source settings repository. URL lists are
// JSON text; `enabled` is 0/1.
import type { SourceHealth, SourceSettings } from '@echotrace/core';
import type { Selectable } from 'kysely';
import type { SourceHealthTable, SourceSettingsTable } from '../database/schema.ts';

export type SettingsRow = Selectable<SourceSettingsTable>;
export type HealthRow = Selectable<SourceHealthTable>;

export const settingsFromRow = (row: SettingsRow): SourceSettings => ({
  sourceId: row.source_id,
  feeds: JSON.parse(row.feeds) as string[],
  sitemaps: JSON.parse(row.sitemaps) as string[],
  pollIntervalMinutes: row.poll_interval_minutes,
  enabled: row.enabled === 1,
});

export const healthFromRow = (row: HealthRow): SourceHealth => ({
  sourceId: row.source_id,
  lastPollAt: row.last_poll_at,
  lastSuccessAt: row.last_success_at,
  lastError: row.last_error,
  consecutiveFailures: row.consecutive_failures,
  lastNewItems: row.last_new_items,
  nextPollAt: row.next_poll_at,
});
