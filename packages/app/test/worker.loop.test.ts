import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { InputError, OperationalError, type Clock } from '@echotrace/core';
import { openSqliteStore } from '@echotrace/storage';
import type { JobHandler } from '../src/worker/job.handlers.ts';
import { checkHandlers, retryDelayMs, runWorker, type WorkerOptions } from '../src/worker/worker.loop.ts';
import { tempDir } from './helpers/temp.dir.ts';

const clock: Clock = { now: () => new Date() };

function options(
  overrides: Partial<WorkerOptions> & Pick<WorkerOptions, 'store' | 'handlers'>,
): WorkerOptions {
  return {
    queues: ['q'],
    workerId: 'test',
    clock,
    maxFileBytes: 1 << 20,
    leaseMs: 60_000,
    batch: 10,
    maxAttempts: 3,
    backoffMs: 1,
    pollMs: 5,
    untilEmpty: true,
    signal: new AbortController().signal,
    ...overrides,
  };
}

describe('worker loop', () => {
  it('retries operational failures with backoff and dead-letters after max attempts', async () => {
    const store = openSqliteStore(path.join(tempDir(), 'q.db'));
    try {
      const calls = new Map<string, number>();
      const handler: JobHandler = async (payload) => {
        const { name } = payload as { name: string };
        const n = (calls.get(name) ?? 0) + 1;
        calls.set(name, n);
        if (name === 'flaky' && n < 2) throw new OperationalError('connection reset');
        if (name === 'down') throw new OperationalError('still down');
        if (name === 'bad') throw new InputError('payload bad', 'is malformed');
      };
      for (const name of ['ok', 'flaky', 'down', 'bad']) await store.jobs.enqueue('q', name, { name });
      const outcomes: string[] = [];
      const summary = await runWorker(
        options({
          store,
          handlers: new Map([['q', handler]]),
          onJob: (job, outcome) => outcomes.push(`${job.key}:${outcome}`),
        }),
      );
      assert.deepEqual(summary, { done: 2, retried: 3, dead: 2 });
      assert.deepEqual(Object.fromEntries(calls), { ok: 1, flaky: 2, down: 3, bad: 1 });
      assert.ok(outcomes.includes('bad:dead') && outcomes.includes('down:dead'));
      const failures = await store.jobs.failures(10);
      assert.deepEqual(failures.map((f) => [f.key, f.attempts]).sort(), [
        ['bad', 1],
        ['down', 3],
      ]);
      assert.match(failures.find((f) => f.key === 'down')!.lastError!, /still down/);
    } finally {
      await store.close();
    }
  });
  it('doubles the retry delay per attempt', () => {
    assert.deepEqual(
      [1, 2, 3, 4].map((a) => retryDelayMs(a, 1000)),
      [1000, 2000, 4000, 8000],
    );
  });
  it('refuses to serve a queue without a handler', () => {
    assert.throws(
      () => checkHandlers(['ingest-file', 'fetch'], new Map([['ingest-file', async () => {}]])),
      /fetch/,
    );
  });
});
