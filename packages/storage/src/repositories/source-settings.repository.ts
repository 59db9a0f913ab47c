// Source settings (feeds, sitemaps, poll interval) and poll health, written once over Kysely for
// every dialect. URL lists are JSON text; `enabled` is 0/1 on both databases.
import type { SourceSettingsRepository } from '@echotrace/core';
import type { StoreContext } from '../database/unit-of-work.ts';
import { healthFromRow, settingsFromRow } from '../rows/source-settings.rows.ts';

export function createSourceSettingsRepository(context: StoreContext): SourceSettingsRepository {
  return {
    async upsert(settings) {
      await context
        .db()
        .insertInto('source_settings')
        .values({
          source_id: settings.sourceId,
          feeds: JSON.stringify(settings.feeds),
          sitemaps: JSON.stringify(settings.sitemaps),
          poll_interval_minutes: settings.pollIntervalMinutes,
          enabled: settings.enabled ? 1 : 0,
        })
        .onConflict((oc) =>
          oc.column('source_id').doUpdateSet((eb) => ({
            feeds: eb.ref('excluded.feeds'),
            sitemaps: eb.ref('excluded.sitemaps'),
            poll_interval_minutes: eb.ref('excluded.poll_interval_minutes'),
            enabled: eb.ref('excluded.enabled'),
          })),
        )
        .execute();
    },
    async get(sourceId) {
      const row = await context
        .db()
        .selectFrom('source_settings')
        .selectAll()
        .where('source_id', '=', sourceId)
        .executeTakeFirst();
      return row ? settingsFromRow(row) : null;
    },
    async list() {
      const rows = await context
        .db()
        .selectFrom('source_settings')
        .selectAll()
        .orderBy('source_id')
        .execute();
      return rows.map(settingsFromRow);
    },
    async remove(sourceId) {
      await context.transaction(async () => {
        await context.db().deleteFrom('source_settings').where('source_id', '=', sourceId).execute();
        await context.db().deleteFrom('source_health').where('source_id', '=', sourceId).execute();
      });
    },
    async recordHealth(h) {
      await context
        .db()
        .insertInto('source_health')
        .values({
          source_id: h.sourceId,
          last_poll_at: h.lastPollAt,
          last_success_at: h.lastSuccessAt,
          last_error: h.lastError,
          consecutive_failures: h.consecutiveFailures,
          last_new_items: h.lastNewItems,
          next_poll_at: h.nextPollAt,
        })
        .onConflict((oc) =>
          oc.column('source_id').doUpdateSet((eb) => ({
            last_poll_at: eb.ref('excluded.last_poll_at'),
            last_success_at: eb.ref('excluded.last_success_at'),
            last_error: eb.ref('excluded.last_error'),
            consecutive_failures: eb.ref('excluded.consecutive_failures'),
            last_new_items: eb.ref('excluded.last_new_items'),
            next_poll_at: eb.ref('excluded.next_poll_at'),
          })),
        )
        .execute();
    },
    async health(sourceId) {
      const row = await context
        .db()
        .selectFrom('source_health')
        .selectAll()
        .where('source_id', '=', sourceId)
        .executeTakeFirst();
      return row ? healthFromRow(row) : null;
    },
    async listHealth() {
      const rows = await context.db().selectFrom('source_health').selectAll().orderBy('source_id').execute();
      return rows.map(healthFromRow);
    },
  };
}
