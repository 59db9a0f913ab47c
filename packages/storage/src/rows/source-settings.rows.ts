// Row ↔ domain mapping for source settings and health, shared by both adapters. URL lists are
// JSON text; `enabled` is 0/1.
import type { SourceHealth, SourceSettings } from '@echotrace/core';

export interface SettingsRow {
  source_id: string;
  feeds: string;
  sitemaps: string;
  poll_interval_minutes: number;
  enabled: number;
}

export interface HealthRow {
  source_id: string;
  last_poll_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  consecutive_failures: number;
  last_new_items: number;
  next_poll_at: string | null;
}

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
