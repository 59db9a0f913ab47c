// The in-process job queue on SQLite: leases instead of locks, so a crashed worker's jobs become
// claimable again when their lease expires.
import type { JobQueue, JobRecord, QueueStats } from '@echotrace/core';
import type Database from 'better-sqlite3';

interface JobRow {
  id: number;
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
  attempts: row.attempts,
  runAt: row.run_at,
  lastError: row.last_error,
});

export function createJobQueue(db: Database.Database, now: () => Date = () => new Date()): JobQueue {
  const insert = db.prepare(
    `INSERT INTO jobs (queue, key, payload, run_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (queue, key) DO NOTHING`,
  );
  const due = db.prepare(
    `SELECT * FROM jobs WHERE queue = ? AND ((state = 'queued' AND run_at <= ?) OR (state = 'running' AND locked_until <= ?))
     ORDER BY run_at, id LIMIT ?`,
  );
  const lease = db.prepare(
    `UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = ?, locked_until = ?, updated_at = ? WHERE id = ?`,
  );
  const complete = db.prepare(
    `UPDATE jobs SET state = 'done', locked_by = NULL, locked_until = NULL, updated_at = ? WHERE id = ?`,
  );
  const retry = db.prepare(
    `UPDATE jobs SET state = 'queued', run_at = ?, last_error = ?, locked_by = NULL, locked_until = NULL, updated_at = ? WHERE id = ?`,
  );
  const dead = db.prepare(
    `UPDATE jobs SET state = 'dead', last_error = ?, locked_by = NULL, locked_until = NULL, updated_at = ? WHERE id = ?`,
  );
  const claim = db.transaction((queue: string, workerId: string, leaseMs: number, limit: number) => {
    const at = now();
    const nowIso = at.toISOString();
    const until = new Date(at.getTime() + leaseMs).toISOString();
    const rows = due.all(queue, nowIso, nowIso, limit) as JobRow[];
    for (const row of rows) lease.run(workerId, until, nowIso, row.id);
    return rows.map((row) => fromRow({ ...row, state: 'running', attempts: row.attempts + 1 }));
  });
  return {
    async enqueue(queue, key, payload, runAt) {
      const nowIso = now().toISOString();
      const result = insert.run(queue, key, JSON.stringify(payload ?? null), runAt ?? nowIso, nowIso, nowIso);
      return result.changes === 1;
    },
    async claim(queue, workerId, leaseMs, limit) {
      return claim(queue, workerId, leaseMs, limit);
    },
    async complete(id) {
      complete.run(now().toISOString(), Number(id));
    },
    async fail(id, error, retryAt) {
      const nowIso = now().toISOString();
      if (retryAt) retry.run(retryAt, error, nowIso, Number(id));
      else dead.run(error, nowIso, Number(id));
    },
    async stats() {
      const rows = db
        .prepare(
          `SELECT queue, sum(state = 'queued') AS queued, sum(state = 'running') AS running, sum(state = 'done') AS done,
             sum(state = 'dead') AS dead FROM jobs GROUP BY queue ORDER BY queue`,
        )
        .all() as QueueStats[];
      return rows;
    },
    async failures(limit) {
      const rows = db
        .prepare(`SELECT * FROM jobs WHERE state = 'dead' ORDER BY updated_at DESC, id DESC LIMIT ?`)
        .all(limit) as JobRow[];
      return rows.map(fromRow);
    },
  };
}
