// The enrichers' compute on every core: a small pool of worker threads, each building the enrichers
// from the same plain-data description (docs/decisions/0005-enrichment-worker-threads.md says why
// this is hand-written). A batch is cut into chunks handed to whichever thread is free; results come
// back in task order, so output equals a sequential run.
import { Worker } from 'node:worker_threads';
import {
  InputError,
  type EnrichmentExecutor,
  type EnrichmentOutput,
  type EnrichmentTask,
} from '@echotrace/core';
import type { EnrichmentDescription } from './enrichment.factory.ts';

/** An enrichment thread failed or stopped; `cause` names what the thread reported. */
export class EnrichmentThreadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`enrichment thread: ${message}`, options);
    this.name = 'EnrichmentThreadError';
  }
}

type Reply =
  | { id: number; outputs: EnrichmentOutput[] }
  | { id: number; error: { name: string; message: string } }
  | { ready: true };

interface Pending {
  resolve: (outputs: EnrichmentOutput[]) => void;
  reject: (error: Error) => void;
}

// Small enough that threads finish together, large enough that messaging costs little.
const CHUNK = 16;

/** What a thread is started with: the description, and which producers it builds (all by default). */
export interface EnrichmentThreadData {
  description: EnrichmentDescription;
  producers?: readonly string[];
}

export interface ThreadExecutorOptions {
  /** Only these producers are built in the threads; tasks must ask for no others. */
  producers?: readonly string[];
  /**
   * Start the threads now, so that building their models and indexes overlaps the caller's own
   * work, and drop the description (the caller's copy can be collected). Default: at first use.
   */
  eager?: boolean;
  /** Called as each thread has built its enrichers. */
  onReady?: () => void;
}

export function createThreadExecutor(
  initial: EnrichmentDescription,
  threads: number,
  options: ThreadExecutorOptions = {},
): EnrichmentExecutor {
  let description: EnrichmentDescription | null = initial;
  let workers: Worker[] | null = null;
  let closed = false;
  let nextId = 0;
  let active = 0;
  const pending = new Map<number, Pending>();

  const start = (): Worker[] => {
    if (closed) throw new EnrichmentThreadError('the executor is closed');
    if (workers) return workers;
    const workerData: EnrichmentThreadData = {
      description: description!,
      ...(options.producers ? { producers: options.producers } : {}),
    };
    workers = Array.from({ length: threads }, () => {
      const worker = new Worker(new URL('./enrichment.thread.ts', import.meta.url), { workerData });
      // Idle threads must not keep the process alive when a caller forgets close().
      worker.unref();
      worker.on('message', (reply: Reply) => {
        if ('ready' in reply) {
          options.onReady?.();
          return;
        }
        const waiting = pending.get(reply.id);
        if (!waiting) return;
        pending.delete(reply.id);
        if ('outputs' in reply) waiting.resolve(reply.outputs);
        else
          waiting.reject(
            reply.error.name === 'InputError'
              ? new InputError('enrichment', reply.error.message)
              : new EnrichmentThreadError(`${reply.error.name}: ${reply.error.message}`),
          );
      });
      worker.on('error', (error: Error) =>
        failAll(new EnrichmentThreadError(error.message, { cause: error })),
      );
      worker.on('exit', (code) => {
        if (!closed) failAll(new EnrichmentThreadError(`exited with code ${code}`));
      });
      return worker;
    });
    description = null;
    return workers;
  };

  // A thread that died (a started-early thread may die before any task is sent) fails every later
  // task at once instead of leaving it waiting for a reply that never comes.
  let broken: Error | null = null;
  const failAll = (error: Error): void => {
    if (!closed) broken ??= error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };

  const send = (worker: Worker, tasks: EnrichmentTask[]): Promise<EnrichmentOutput[]> =>
    new Promise((resolve, reject) => {
      if (broken) return reject(broken);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, tasks });
    });

  if (options.eager) start();

  return {
    async enrich(tasks) {
      if (tasks.length === 0) return [];
      const pool = start();
      const outputs: EnrichmentOutput[] = new Array<EnrichmentOutput>(tasks.length);
      let next = 0;
      // Each thread takes the next chunk when it finishes one.
      const drain = async (worker: Worker): Promise<void> => {
        while (next < tasks.length) {
          const from = next;
          next = Math.min(tasks.length, next + CHUNK);
          const chunk = await send(worker, tasks.slice(from, next));
          for (const [i, output] of chunk.entries()) outputs[from + i] = output;
        }
      };
      // Calls may overlap (the staged executor sends a chunk while computing the next): threads
      // keep the process alive while any call waits for them.
      if (active++ === 0) for (const worker of pool) worker.ref();
      try {
        await Promise.all(pool.map(drain));
      } finally {
        if (--active === 0) for (const worker of pool) worker.unref();
      }
      return outputs;
    },
    async close() {
      closed = true;
      const running = workers ?? [];
      workers = null;
      failAll(new EnrichmentThreadError('the executor was closed'));
      await Promise.all(running.map((w) => w.terminate()));
    },
  };
}
