// The worker loop over the JobQueue port (SQLite or PostgreSQL alike): claim a batch under a lease,
// run each job's handler, complete it, or retry with exponential backoff on OperationalError and
// dead-letter after maxAttempts. Any other error is the input's fault and dead-letters at once.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  describeError,
  InputError,
  OperationalError,
  type Clock,
  type JobRecord,
  type Enrichment,
  type Store,
  type WatchDependencies,
} from '@echotrace/core';
import type { JobContext, JobHandler } from './job.handlers.ts';
import type { HtmlLimits } from '@echotrace/extract';
import { crashPoint } from '../crash.points.ts';

export interface WorkerOptions {
  store: Store;
  /** Enrichers for the documents jobs store (default none). */
  enrichers?: Enrichment;
  /** Fetching and extraction for fetch-url jobs. */
  acquisition?: () => WatchDependencies;
  handlers: Map<string, JobHandler>;
  queues: string[];
  workerId: string;
  clock: Clock;
  maxFileBytes: number;
  /** Bounds an HTML page must keep to be extracted (ECHOTRACE_HTML_MAX_*). */
  htmlLimits?: HtmlLimits;
  /** How long a claimed job stays ours; a crashed worker's jobs come back after it. */
  leaseMs: number;
  batch: number;
  maxAttempts: number;
  /** First retry delay; doubles with every attempt. */
  backoffMs: number;
  pollMs: number;
  /** Stop when no job is queued or running in the worker's queues (for batch runs and tests). */
  untilEmpty: boolean;
  signal: AbortSignal;
  onJob?: (job: JobRecord, outcome: 'done' | 'retry' | 'dead', error?: string) => void;
}

export interface WorkerSummary {
  done: number;
  retried: number;
  dead: number;
}

/** Refuses (InputError) to serve a queue no handler is registered for. */
export function checkHandlers(queues: string[], handlers: Map<string, JobHandler>): void {
  const missing = queues.filter((q) => !handlers.has(q));
  if (missing.length > 0) {
    throw new InputError(
      `queue ${missing.join(', ')}`,
      `no handler is registered for it (known queues: ${[...handlers.keys()].join(', ')})`,
    );
  }
}

export function retryDelayMs(attempts: number, backoffMs: number): number {
  return backoffMs * 2 ** Math.max(0, attempts - 1);
}

export async function runWorker(options: WorkerOptions): Promise<WorkerSummary> {
  checkHandlers(options.queues, options.handlers);
  const summary: WorkerSummary = { done: 0, retried: 0, dead: 0 };
  const context: JobContext = {
    store: options.store,
    clock: options.clock,
    maxFileBytes: options.maxFileBytes,
    htmlLimits: options.htmlLimits,
    enrichers: options.enrichers ?? [],
    acquisition:
      options.acquisition ??
      (() => {
        throw new OperationalError(
          'this worker was started without fetching; fetch-url jobs wait for one that has it',
        );
      }),
  };
  while (!options.signal.aborted) {
    let claimedAny = false;
    for (const queue of options.queues) {
      const jobs = await options.store.jobs.claim(queue, options.workerId, options.leaseMs, options.batch);
      claimedAny ||= jobs.length > 0;
      for (const job of jobs) {
        if (options.signal.aborted) break; // its lease expires and another worker takes it
        await runJob(job, options.handlers.get(queue)!, context, options, summary);
      }
    }
    if (claimedAny) continue;
    if (options.untilEmpty && (await isEmpty(options.store, options.queues))) break;
    // An abort ends the wait early; the loop then sees the signal and stops.
    await sleep(options.pollMs, undefined, { signal: options.signal }).catch((error: unknown) => {
      if (!options.signal.aborted) throw error;
    });
  }
  return summary;
}

async function runJob(
  job: JobRecord,
  handler: JobHandler,
  context: JobContext,
  options: WorkerOptions,
  summary: WorkerSummary,
): Promise<void> {
  try {
    await handler(job.payload, context);
  } catch (error) {
    const message = describeError(error);
    const retryable = error instanceof OperationalError && job.attempts < options.maxAttempts;
    if (retryable) {
      const at = options.clock.now().getTime() + retryDelayMs(job.attempts, options.backoffMs);
      await options.store.jobs.fail(job.id, message, new Date(at).toISOString());
      summary.retried++;
      options.onJob?.(job, 'retry', message);
    } else {
      await options.store.jobs.fail(job.id, message, null);
      summary.dead++;
      options.onJob?.(job, 'dead', message);
    }
    return;
  }
  crashPoint('job-handled', summary.done);
  await options.store.jobs.complete(job.id);
  summary.done++;
  options.onJob?.(job, 'done');
}

async function isEmpty(store: Store, queues: string[]): Promise<boolean> {
  const stats = await store.jobs.stats();
  return stats.filter((s) => queues.includes(s.queue)).every((s) => s.queued === 0 && s.running === 0);
}
