// The job queue on PostgreSQL: the same lease model as SQLite's (a crashed worker's jobs come back
// when the lease expires), with FOR UPDATE SKIP LOCKED so that many workers on many machines claim
// disjoint jobs without waiting on each other.
import type { JobQueue, JobRecord, QueueStats } from '@echotrace/core';
import type { Sql } from './sql.client.ts';

interface JobRow {
  id: string | number;
  queue: string;
  key: string;
  payload: string;
  state: JobRecord['state'];
  attempts: number;
  run_at: string;
  last_error: string | null;
}

const fromRow = (row: JobRow): JobRecord => ({
  id: String(row.id),
  queue: row.queue,
  key: row.key,
  payload: JSON.parse(row.payload) as unknown,
  state: row.state,
  attempts: Number(row.attempts),
  runAt: row.run_at,
  lastError: row.last_error,
});

export function createJobQueue(sql: Sql, now: () => Date = () => new Date()): JobQueue {
  return {
    async enqueue(queue, key, payload, runAt) {
      const nowIso = now().toISOString();
      const changed = await sql.run(
        `INSERT INTO jobs (queue, key, payload, run_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)
         ON CONFLICT (queue, key) DO NOTHING`,
        [queue, key, JSON.stringify(payload ?? null), runAt ?? nowIso, nowIso],
      );
      return changed === 1;
    },
    async claim(queue, workerId, leaseMs, limit) {
      const at = now();
      const nowIso = at.toISOString();
      const until = new Date(at.getTime() + leaseMs).toISOString();
      const rows = await sql.rows<JobRow>(
        `UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = $2, locked_until = $3, updated_at = $4
         WHERE id IN (
           SELECT id FROM jobs
           WHERE queue = $1 AND ((state = 'queued' AND run_at <= $4) OR (state = 'running' AND locked_until <= $4))
           ORDER BY run_at, id LIMIT $5 FOR UPDATE SKIP LOCKED)
         RETURNING id, queue, key, payload, state, attempts, run_at, last_error`,
        [queue, workerId, until, nowIso, limit],
      );
      return rows
        .map(fromRow)
        .sort((a, b) => (a.runAt < b.runAt ? -1 : a.runAt > b.runAt ? 1 : Number(a.id) - Number(b.id)));
    },
    async complete(id) {
      await sql.run(
        `UPDATE jobs SET state = 'done', locked_by = NULL, locked_until = NULL, updated_at = $1 WHERE id = $2`,
        [now().toISOString(), Number(id)],
      );
    },
    async fail(id, error, retryAt) {
      const nowIso = now().toISOString();
      if (retryAt) {
        await sql.run(
          `UPDATE jobs SET state = 'queued', run_at = $1, last_error = $2, locked_by = NULL, locked_until = NULL, updated_at = $3
           WHERE id = $4`,
          [retryAt, error, nowIso, Number(id)],
        );
      } else {
        await sql.run(
          `UPDATE jobs SET state = 'dead', last_error = $1, locked_by = NULL, locked_until = NULL, updated_at = $2 WHERE id = $3`,
          [error, nowIso, Number(id)],
        );
      }
    },
    async stats() {
      const rows = await sql.rows<QueueStats>(
        `SELECT queue, count(*) FILTER (WHERE state = 'queued')::int AS queued,
           count(*) FILTER (WHERE state = 'running')::int AS running,
           count(*) FILTER (WHERE state = 'done')::int AS done,
           count(*) FILTER (WHERE state = 'dead')::int AS dead
         FROM jobs GROUP BY queue ORDER BY queue`,
      );
      return rows;
    },
    async failures(limit) {
      const rows = await sql.rows<JobRow>(
        `SELECT id, queue, key, payload, state, attempts, run_at, last_error FROM jobs WHERE state = 'dead'
         ORDER BY updated_at DESC, id DESC LIMIT $1`,
        [limit],
      );
      return rows.map(fromRow);
    },
  };
}
