// Saved searches, their evaluation state, seen keys, events and the delivery outbox, written once
// over Kysely for every dialect.
import type {
  AlertEvent,
  AlertRepository,
  AlertState,
  AlertTrigger,
  Delivery,
  DeliveryChannel,
  DeliveryStatus,
  DeliveryView,
  SavedSearch,
} from '@echotrace/core';
import { sql, type Selectable } from 'kysely';
import type {
  AlertDeliveriesTable,
  AlertEventsTable,
  AlertSearchesTable,
  AlertStateTable,
} from '../database/schema.ts';
import type { StoreContext } from '../database/unit-of-work.ts';

/** Keys asked about per statement: well under both databases' bound-parameter limits. */
const KEY_CHUNK = 500;

function searchOf(row: Selectable<AlertSearchesTable>): SavedSearch {
  return {
    name: row.name,
    query: row.query,
    everyMinutes: Number(row.every_minutes),
    triggers: JSON.parse(row.triggers) as AlertTrigger[],
    webhookUrl: row.webhook_url,
    webhookSecretEnv: row.webhook_secret_env,
    email: row.email,
    createdAt: row.created_at,
  };
}

function stateOf(row: Selectable<AlertStateTable>): AlertState {
  return {
    name: row.name,
    watermark: Number(row.watermark),
    spikePeriod: row.spike_period,
    evaluatedAt: row.evaluated_at,
    nextDueAt: row.next_due_at,
  };
}

function eventOf(row: Selectable<AlertEventsTable>): AlertEvent {
  return {
    id: row.id,
    name: row.name,
    trigger: row.trigger as AlertTrigger,
    key: row.key,
    firedAt: row.fired_at,
    title: row.title,
    summary: row.summary,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}

function deliveryOf(row: Selectable<AlertDeliveriesTable>): Delivery {
  return {
    eventId: row.event_id,
    channel: row.channel as DeliveryChannel,
    target: row.target,
    status: row.status as DeliveryStatus,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    deliveredAt: row.delivered_at,
  };
}

export function createAlertRepository(context: StoreContext): AlertRepository {
  const db = () => context.db();

  const viewsOf = async (rows: Selectable<AlertDeliveriesTable>[]): Promise<DeliveryView[]> => {
    if (rows.length === 0) return [];
    const ids = [...new Set(rows.map((r) => r.event_id))];
    const events = new Map<string, AlertEvent>();
    for (let i = 0; i < ids.length; i += KEY_CHUNK) {
      const found = await db()
        .selectFrom('alert_events')
        .selectAll()
        .where('id', 'in', ids.slice(i, i + KEY_CHUNK))
        .execute();
      for (const row of found) events.set(row.id, eventOf(row));
    }
    return rows.map((row) => ({ ...deliveryOf(row), event: events.get(row.event_id)! }));
  };

  return {
    async create(search) {
      await db()
        .insertInto('alert_searches')
        .values({
          name: search.name,
          query: search.query,
          every_minutes: search.everyMinutes,
          triggers: JSON.stringify(search.triggers),
          webhook_url: search.webhookUrl,
          webhook_secret_env: search.webhookSecretEnv,
          email: search.email,
          created_at: search.createdAt,
        })
        .execute();
    },
    async get(name) {
      const row = await db()
        .selectFrom('alert_searches')
        .selectAll()
        .where('name', '=', name)
        .executeTakeFirst();
      return row ? searchOf(row) : null;
    },
    async list() {
      const rows = await db().selectFrom('alert_searches').selectAll().orderBy('name').execute();
      return rows.map(searchOf);
    },
    async remove(name) {
      return context.transaction(async () => {
        const events = db().selectFrom('alert_events').select('id').where('name', '=', name);
        await db().deleteFrom('alert_deliveries').where('event_id', 'in', events).execute();
        await db().deleteFrom('alert_events').where('name', '=', name).execute();
        await db().deleteFrom('alert_seen').where('name', '=', name).execute();
        await db().deleteFrom('alert_state').where('name', '=', name).execute();
        const result = await db().deleteFrom('alert_searches').where('name', '=', name).executeTakeFirst();
        return Number(result.numDeletedRows) > 0;
      });
    },
    async state(name) {
      const row = await db()
        .selectFrom('alert_state')
        .selectAll()
        .where('name', '=', name)
        .executeTakeFirst();
      return row ? stateOf(row) : null;
    },
    async due(now, limit) {
      const rows = await db()
        .selectFrom('alert_searches as s')
        .leftJoin('alert_state as t', 't.name', 's.name')
        .selectAll('s')
        .where((eb) => eb.or([eb('t.next_due_at', 'is', null), eb('t.next_due_at', '<=', now)]))
        // Never evaluated first on both databases (they sort NULL differently), then oldest due.
        .orderBy((eb) => eb.fn.coalesce('t.next_due_at', sql.lit('')))
        .orderBy('s.name')
        .limit(limit)
        .execute();
      return rows.map(searchOf);
    },
    async documentCursor() {
      const row = await db()
        .selectFrom('documents')
        .select((eb) => eb.fn.max('rowid').as('cursor'))
        .executeTakeFirst();
      return Number(row?.cursor ?? 0);
    },
    async seen(name, keys) {
      const out = new Set<string>();
      const unique = [...new Set(keys)];
      for (let i = 0; i < unique.length; i += KEY_CHUNK) {
        const rows = await db()
          .selectFrom('alert_seen')
          .select('key')
          .where('name', '=', name)
          .where('key', 'in', unique.slice(i, i + KEY_CHUNK))
          .execute();
        for (const row of rows) out.add(row.key);
      }
      return out;
    },
    async advance({ state, events, deliveries, seen }) {
      await context.transaction(async () => {
        const stateRow = {
          name: state.name,
          watermark: state.watermark,
          spike_period: state.spikePeriod,
          evaluated_at: state.evaluatedAt,
          next_due_at: state.nextDueAt,
        };
        await db()
          .insertInto('alert_state')
          .values(stateRow)
          .onConflict((oc) =>
            oc.column('name').doUpdateSet({
              watermark: stateRow.watermark,
              spike_period: stateRow.spike_period,
              evaluated_at: stateRow.evaluated_at,
              next_due_at: stateRow.next_due_at,
            }),
          )
          .execute();
        const fresh = new Set<string>();
        for (const event of events) {
          const result = await db()
            .insertInto('alert_events')
            .values({
              id: event.id,
              name: event.name,
              trigger: event.trigger,
              key: event.key,
              fired_at: event.firedAt,
              title: event.title,
              summary: event.summary,
              details: JSON.stringify(event.details),
            })
            .onConflict((oc) => oc.column('id').doNothing())
            .executeTakeFirst();
          if (Number(result.numInsertedOrUpdatedRows ?? 0) > 0) fresh.add(event.id);
        }
        for (const d of deliveries) {
          if (!fresh.has(d.eventId)) continue;
          await db()
            .insertInto('alert_deliveries')
            .values({
              event_id: d.eventId,
              channel: d.channel,
              target: d.target,
              status: d.status,
              attempts: d.attempts,
              next_attempt_at: d.nextAttemptAt,
              last_error: d.lastError,
              delivered_at: d.deliveredAt,
            })
            .execute();
        }
        const keys = [...new Set(seen)];
        for (let i = 0; i < keys.length; i += KEY_CHUNK)
          await db()
            .insertInto('alert_seen')
            .values(keys.slice(i, i + KEY_CHUNK).map((key) => ({ name: state.name, key })))
            .onConflict((oc) => oc.columns(['name', 'key']).doNothing())
            .execute();
      });
    },
    async events({ name, limit }) {
      let query = db().selectFrom('alert_events').selectAll();
      if (name !== undefined) query = query.where('name', '=', name);
      const rows = await query.orderBy('fired_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows.map(eventOf);
    },
    async deliveries({ status, name, limit }) {
      let query = db()
        .selectFrom('alert_deliveries as d')
        .innerJoin('alert_events as e', 'e.id', 'd.event_id')
        .selectAll('d');
      if (status !== undefined) query = query.where('d.status', '=', status);
      if (name !== undefined) query = query.where('e.name', '=', name);
      const rows = await query
        .orderBy('e.fired_at', 'desc')
        .orderBy('d.event_id', 'desc')
        .orderBy('d.channel')
        .limit(limit)
        .execute();
      return viewsOf(rows);
    },
    async claimDue(now, leaseUntil, limit) {
      const candidates = await db()
        .selectFrom('alert_deliveries')
        .selectAll()
        .where('status', '<>', 'delivered')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .orderBy('event_id')
        .limit(limit)
        .execute();
      const claimed: Selectable<AlertDeliveriesTable>[] = [];
      for (const row of candidates) {
        // Compare-and-set on the attempt time read: of two runners, one moves it and one sees 0 rows.
        const result = await db()
          .updateTable('alert_deliveries')
          .set({ next_attempt_at: leaseUntil })
          .where('event_id', '=', row.event_id)
          .where('channel', '=', row.channel)
          .where('status', '<>', 'delivered')
          .where('next_attempt_at', '=', row.next_attempt_at)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) > 0) claimed.push({ ...row, next_attempt_at: leaseUntil });
      }
      return viewsOf(claimed);
    },
    async markDelivered(eventId, channel, at) {
      await db()
        .updateTable('alert_deliveries')
        .set((eb) => ({
          status: 'delivered',
          attempts: eb('attempts', '+', 1),
          delivered_at: at,
          next_attempt_at: null,
          last_error: null,
        }))
        .where('event_id', '=', eventId)
        .where('channel', '=', channel)
        .execute();
    },
    async markFailed(eventId, channel, error, nextAttemptAt) {
      await db()
        .updateTable('alert_deliveries')
        .set((eb) => ({
          status: 'failed',
          attempts: eb('attempts', '+', 1),
          next_attempt_at: nextAttemptAt,
          last_error: error,
        }))
        .where('event_id', '=', eventId)
        .where('channel', '=', channel)
        .where('status', '<>', 'delivered')
        .execute();
    },
  };
}
