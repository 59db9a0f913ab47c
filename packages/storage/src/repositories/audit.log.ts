// The audit log, written once over Kysely for every dialect: appended to, read newest first. The
// tables' triggers refuse updates and deletes (migration 0140).
import type { AuditEvent, AuditLog } from '@echotrace/core';
import type { Selectable } from 'kysely';
import type { AuditEventsTable } from '../database/schema.ts';
import type { StoreContext } from '../database/unit-of-work.ts';

const event = (row: Selectable<AuditEventsTable>): AuditEvent => ({
  id: Number(row.id),
  at: row.at,
  actor: row.actor,
  action: row.action,
  target: row.target,
  details: JSON.parse(row.details) as Record<string, unknown>,
});

export function createAuditLog(context: StoreContext): AuditLog {
  return {
    async record(e) {
      const row = await context
        .db()
        .insertInto('audit_events')
        .values({
          at: e.at,
          actor: e.actor,
          action: e.action,
          target: e.target,
          details: JSON.stringify(e.details),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return event(row);
    },
    async list(query) {
      let select = context.db().selectFrom('audit_events').selectAll();
      if (query.actor !== undefined) select = select.where('actor', '=', query.actor);
      if (query.action !== undefined) select = select.where('action', '=', query.action);
      if (query.beforeId !== undefined) select = select.where('id', '<', query.beforeId);
      return (await select.orderBy('id', 'desc').limit(query.limit).execute()).map(event);
    },
  };
}
