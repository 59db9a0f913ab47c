// SourceSettingsRepository over PostgreSQL; same behaviour as sqlite/source-settings.repository.ts,
// checked by the same contract suite. URL lists are JSON text, `enabled` is 0/1 as in SQLite.
import type { SourceSettingsRepository } from '@echotrace/core';
import {
  healthFromRow,
  settingsFromRow,
  type HealthRow,
  type SettingsRow,
} from '../rows/source-settings.rows.ts';
import type { Sql } from './sql.client.ts';

export function createSourceSettingsRepository(sql: Sql): SourceSettingsRepository {
  return {
    async upsert(settings) {
      await sql.run(
        `INSERT INTO source_settings (source_id, feeds, sitemaps, poll_interval_minutes, enabled)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (source_id) DO UPDATE SET feeds = excluded.feeds, sitemaps = excluded.sitemaps,
           poll_interval_minutes = excluded.poll_interval_minutes, enabled = excluded.enabled`,
        [
          settings.sourceId,
          JSON.stringify(settings.feeds),
          JSON.stringify(settings.sitemaps),
          settings.pollIntervalMinutes,
          settings.enabled ? 1 : 0,
        ],
      );
    },
    async get(sourceId) {
      const [row] = await sql.rows<SettingsRow>('SELECT * FROM source_settings WHERE source_id = $1', [
        sourceId,
      ]);
      return row ? settingsFromRow(row) : null;
    },
    async list() {
      return (await sql.rows<SettingsRow>('SELECT * FROM source_settings ORDER BY source_id')).map(
        settingsFromRow,
      );
    },
    async remove(sourceId) {
      await sql.transaction(async () => {
        await sql.run('DELETE FROM source_settings WHERE source_id = $1', [sourceId]);
        await sql.run('DELETE FROM source_health WHERE source_id = $1', [sourceId]);
      });
    },
    async recordHealth(h) {
      await sql.run(
        `INSERT INTO source_health (source_id, last_poll_at, last_success_at, last_error, consecutive_failures,
           last_new_items, next_poll_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (source_id) DO UPDATE SET last_poll_at = excluded.last_poll_at,
           last_success_at = excluded.last_success_at, last_error = excluded.last_error,
           consecutive_failures = excluded.consecutive_failures, last_new_items = excluded.last_new_items,
           next_poll_at = excluded.next_poll_at`,
        [
          h.sourceId,
          h.lastPollAt,
          h.lastSuccessAt,
          h.lastError,
          h.consecutiveFailures,
          h.lastNewItems,
          h.nextPollAt,
        ],
      );
    },
    async health(sourceId) {
      const [row] = await sql.rows<HealthRow>('SELECT * FROM source_health WHERE source_id = $1', [sourceId]);
      return row ? healthFromRow(row) : null;
    },
    async listHealth() {
      return (await sql.rows<HealthRow>('SELECT * FROM source_health ORDER BY source_id')).map(healthFromRow);
    },
  };
}
