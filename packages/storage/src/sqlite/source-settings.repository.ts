// SourceSettingsRepository over SQLite; URL lists are JSON text.
import type { SourceSettingsRepository } from '@echotrace/core';
import {
  healthFromRow,
  settingsFromRow,
  type HealthRow,
  type SettingsRow,
} from '../rows/source-settings.rows.ts';
import type Database from 'better-sqlite3';

export function createSourceSettingsRepository(db: Database.Database): SourceSettingsRepository {
  const upsert = db.prepare(
    `INSERT INTO source_settings (source_id, feeds, sitemaps, poll_interval_minutes, enabled) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (source_id) DO UPDATE SET feeds = excluded.feeds, sitemaps = excluded.sitemaps,
       poll_interval_minutes = excluded.poll_interval_minutes, enabled = excluded.enabled`,
  );
  const get = db.prepare('SELECT * FROM source_settings WHERE source_id = ?');
  const list = db.prepare('SELECT * FROM source_settings ORDER BY source_id');
  const remove = db.prepare('DELETE FROM source_settings WHERE source_id = ?');
  const removeHealth = db.prepare('DELETE FROM source_health WHERE source_id = ?');
  const recordHealth = db.prepare(
    `INSERT INTO source_health (source_id, last_poll_at, last_success_at, last_error, consecutive_failures, last_new_items, next_poll_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (source_id) DO UPDATE SET last_poll_at = excluded.last_poll_at, last_success_at = excluded.last_success_at,
       last_error = excluded.last_error, consecutive_failures = excluded.consecutive_failures,
       last_new_items = excluded.last_new_items, next_poll_at = excluded.next_poll_at`,
  );
  const health = db.prepare('SELECT * FROM source_health WHERE source_id = ?');
  const listHealth = db.prepare('SELECT * FROM source_health ORDER BY source_id');
  return {
    async upsert(settings) {
      upsert.run(
        settings.sourceId,
        JSON.stringify(settings.feeds),
        JSON.stringify(settings.sitemaps),
        settings.pollIntervalMinutes,
        settings.enabled ? 1 : 0,
      );
    },
    async get(sourceId) {
      const row = get.get(sourceId) as SettingsRow | undefined;
      return row ? settingsFromRow(row) : null;
    },
    async list() {
      return (list.all() as SettingsRow[]).map(settingsFromRow);
    },
    async remove(sourceId) {
      remove.run(sourceId);
      removeHealth.run(sourceId);
    },
    async recordHealth(h) {
      recordHealth.run(
        h.sourceId,
        h.lastPollAt,
        h.lastSuccessAt,
        h.lastError,
        h.consecutiveFailures,
        h.lastNewItems,
        h.nextPollAt,
      );
    },
    async health(sourceId) {
      const row = health.get(sourceId) as HealthRow | undefined;
      return row ? healthFromRow(row) : null;
    },
    async listHealth() {
      return (listHealth.all() as HealthRow[]).map(healthFromRow);
    },
  };
}
