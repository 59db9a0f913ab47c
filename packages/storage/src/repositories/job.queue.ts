// The job queue, written once over Kysely for every dialect. Leases instead of held locks, so a
// crashed worker's jobs become claimable again when their lease expires. Claiming reads the due jobs
// with the dialect's row lock (FOR UPDATE SKIP LOCKED on PostgreSQL, so that workers on many
// machines claim disjoint jobs without waiting on each other; on SQLite the unit already holds the
// one write lock) and leases them in the same unit.
import type { JobQueue, JobRecord, QueueStats } from '@echotrace/core';
import { sql, type Selectable } from 'kysely';
import type { JobsTable } from '../database/schema.ts';
import type { StoreContext } from '../database/unit-of-work.ts';

const COLUMNS = ['id', 'queue', 'key', 'payload', 'state', 'attempts', 'run_at', 'last_error'] as const;

const fromRow = (row: Pick<Selectable<JobsTable>, (typeof COLUMNS)[number]>): JobRecord => ({
  id: String(row.id),
  queue: row.queue,
  key: row.key,
  payload: JSON.parse(row.payload) as unknown,
  state: row.state,
  attempts: Number(row.attempts),
  runAt: row.run_at,
  lastError: row.last_error,
});

export function createJobQueue(context: StoreContext, now: () => Date = () => new Date()): JobQueue {
  const { dialect } = context;
  const state = (name: JobRecord['state']) =>
    sql<number>`count(*) FILTER (WHERE state = ${sql.lit(name)})`.as(name);
  return {
    async enqueue(queue, key, payload, runAt) {
      const nowIso = now().toISOString();
      const result = await context
        .db()
        .insertInto('jobs')
        .values({
          queue,
          key,
          payload: JSON.stringify(payload ?? null),
          run_at: runAt ?? nowIso,
          created_at: nowIso,
          updated_at: nowIso,
        })
        .onConflict((oc) => oc.columns(['queue', 'key']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    claim(queue, workerId, leaseMs, limit) {
      return context.transaction(async () => {
        const at = now();
        const nowIso = at.toISOString();
        const until = new Date(at.getTime() + leaseMs).toISOString();
        const due = await dialect
          .lockRows(
            context
              .db()
              .selectFrom('jobs')
              .select(COLUMNS)
              .where('queue', '=', queue)
              .where((eb) =>
                eb.or([
                  eb.and([eb('state', '=', 'queued'), eb('run_at', '<=', nowIso)]),
                  eb.and([eb('state', '=', 'running'), eb('locked_until', '<=', nowIso)]),
                ]),
              )
              .orderBy('run_at')
              .orderBy('id')
              .limit(limit),
            { skipLocked: true },
          )
          .execute();
        if (due.length === 0) return [];
        await context
          .db()
          .updateTable('jobs')
          .set((eb) => ({
            state: 'running',
            attempts: eb('attempts', '+', 1),
            locked_by: workerId,
            locked_until: until,
            updated_at: nowIso,
          }))
          .where(
            'id',
            'in',
            due.map((row) => Number(row.id)),
          )
          .execute();
        return due.map((row) => fromRow({ ...row, state: 'running', attempts: Number(row.attempts) + 1 }));
      });
    },
    async complete(id) {
      await context
        .db()
        .updateTable('jobs')
        .set({ state: 'done', locked_by: null, locked_until: null, updated_at: now().toISOString() })
        .where('id', '=', Number(id))
        .execute();
    },
    async fail(id, error, retryAt) {
      const released = {
        last_error: error,
        locked_by: null,
        locked_until: null,
        updated_at: now().toISOString(),
      };
      await context
        .db()
        .updateTable('jobs')
        .set(retryAt ? { ...released, state: 'queued', run_at: retryAt } : { ...released, state: 'dead' })
        .where('id', '=', Number(id))
        .execute();
    },
    async stats() {
      const rows = await context
        .db()
        .selectFrom('jobs')
        .select(['queue', state('queued'), state('running'), state('done'), state('dead')])
        .groupBy('queue')
        .orderBy('queue')
        .execute();
      return rows.map((row): QueueStats => ({
        queue: row.queue,
        queued: dialect.decodeCount(row.queued),
        running: dialect.decodeCount(row.running),
        done: dialect.decodeCount(row.done),
        dead: dialect.decodeCount(row.dead),
      }));
    },
    async failures(limit) {
      const rows = await context
        .db()
        .selectFrom('jobs')
        .select(COLUMNS)
        .where('state', '=', 'dead')
        .orderBy('updated_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(fromRow);
    },
  };
}
