// Enrichment on two cores with one copy of each model and index per thread that needs it: the
// calling thread runs the first enrichers (recognition and resolution); one thread runs those that
// read their output (screening) on each chunk as soon as the chunk's entities are known, and, once
// it has built everything, also takes whole chunks (recognition included) while the calling thread
// is busy, so both cores stay at work. The thread is started when the executor is made: it builds
// the sanctions index while the caller reads and prepares its first documents. Results equal a
// sequential run: every document goes through the same pipeline, and its screening receives
// exactly the entity annotations the sequential pipeline hands it.
import {
  EnrichmentPipeline,
  type EnrichmentExecutor,
  type EnrichmentOutput,
  type EnrichmentTask,
  type EnrichOptions,
} from '@echotrace/core';
import { buildEnrichers, type EnrichmentDescription } from './enrichment.factory.ts';
import { createThreadExecutor } from './enrichment.threads.ts';

// Small, so that the thread starts early and the two finish close together.
const CHUNK = 16;
// Whole chunks queued for the thread at a time: enough that it never waits for the caller.
const AHEAD = 2;

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * `local` producers are computed in the calling thread; `local` must come first in the plan's order
 * (what only the thread runs may read what they produce, not the reverse).
 */
export function createStagedExecutor(
  description: EnrichmentDescription,
  local: readonly string[],
): EnrichmentExecutor {
  const pipeline = new EnrichmentPipeline(buildEnrichers(description, local));
  const isLocal = new Set(local);
  let ready = false;
  // Woken by every reply and by the thread's readiness: what a busy caller waits for besides the end
  // of its write.
  let wakers: Array<() => void> = [];
  const wake = (): void => {
    const waiting = wakers;
    wakers = [];
    for (const resolve of waiting) resolve();
  };
  const changed = (): Promise<void> => new Promise((resolve) => wakers.push(resolve));
  const remote = createThreadExecutor(description, 1, {
    eager: true,
    onReady: () => {
      ready = true;
      wake();
    },
  });
  return {
    async enrich(tasks: readonly EnrichmentTask[], options: EnrichOptions = {}) {
      const outputs = new Array<EnrichmentOutput>(tasks.length);
      const sent: Array<Promise<void>> = [];
      let queued = 0;
      const send = (forward: EnrichmentTask[], at: number[], whole: boolean): void => {
        if (whole) queued++;
        const done = remote.enrich(forward).then((results) => {
          if (whole) queued--;
          for (const [k, result] of results.entries()) outputs[at[k]!] = { ...outputs[at[k]!], ...result };
        });
        // Awaited below; until then a failure must not count as unhandled.
        done.catch(() => {});
        void done.finally(wake).catch(() => {});
        sent.push(done);
      };
      for (let from = 0; from < tasks.length; from += CHUNK) {
        const to = Math.min(tasks.length, from + CHUNK);
        // Replies (and the thread's readiness) arrive as events: let them in between chunks.
        await turn();
        // While the caller writes, nothing is computed here: whole chunks go to the thread as it
        // has room, and this waits for room, readiness or the end of the write.
        let busy = options.busy?.() ?? null;
        while (busy && !(ready && queued < AHEAD)) {
          await Promise.race([busy, changed()]);
          busy = options.busy?.() ?? null;
        }
        if (ready && queued < AHEAD) {
          const at = Array.from({ length: to - from }, (_, k) => from + k);
          send(tasks.slice(from, to), at, true);
          continue;
        }
        const forward: EnrichmentTask[] = [];
        const at: number[] = [];
        for (let i = from; i < to; i++) {
          const task = tasks[i]!;
          const here = task.producers.filter((p) => isLocal.has(p));
          const output = here.length > 0 ? await pipeline.enrichDocument({ ...task, producers: here }) : {};
          outputs[i] = output;
          const there = task.producers.filter((p) => !isLocal.has(p));
          if (there.length === 0) continue;
          forward.push({
            document: task.document,
            producers: there,
            stored: [...task.stored, ...here.flatMap((p) => output[p] ?? [])],
          });
          at.push(i);
        }
        if (forward.length > 0) send(forward, at, false);
      }
      await Promise.all(sent);
      return outputs;
    },
    close: () => remote.close(),
  };
}
