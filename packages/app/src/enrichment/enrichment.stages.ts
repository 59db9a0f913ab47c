// Enrichment on two cores: the calling thread runs the first enrichers (recognition and
// resolution); one thread runs those that read their output (quotes, screening, labels) on each
// chunk as soon as the chunk's entities are known. The thread never loads the tagger or the
// knowledge base (decision 0005: an earlier thread built everything to also take whole chunks,
// which held a second tagger and knowledge base for no gain, the two halves being close to
// balanced). The thread is started when the executor is made: it builds the sanctions index while
// the caller reads and prepares its first documents. Results equal a sequential run: every document
// goes through the same pipeline, and the thread's enrichers receive exactly the entity annotations
// the sequential pipeline hands them.
import {
  EnrichmentPipeline,
  type EnrichmentExecutor,
  type EnrichmentOutput,
  type EnrichmentTask,
  type EnrichOptions,
} from '@echotrace/core';
import { buildEnrichers, describeEnrichers, type EnrichmentDescription } from './enrichment.factory.ts';
import { createThreadExecutor } from './enrichment.threads.ts';

// Small, so that the thread starts early and the two finish close together.
const CHUNK = 16;

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
  const remoteProducers = describeEnrichers(description)
    .map((e) => e.producer)
    .filter((p) => !isLocal.has(p));
  const remote = createThreadExecutor(description, 1, { eager: true, producers: remoteProducers });
  return {
    async enrich(tasks: readonly EnrichmentTask[], options: EnrichOptions = {}) {
      const outputs = new Array<EnrichmentOutput>(tasks.length);
      const sent: Array<Promise<void>> = [];
      const send = (forward: EnrichmentTask[], at: number[]): void => {
        const done = remote.enrich(forward).then((results) => {
          for (const [k, result] of results.entries()) outputs[at[k]!] = { ...outputs[at[k]!], ...result };
        });
        // Awaited below; until then a failure must not count as unhandled.
        done.catch(() => {});
        sent.push(done);
      };
      for (let from = 0; from < tasks.length; from += CHUNK) {
        const to = Math.min(tasks.length, from + CHUNK);
        // Replies arrive as events: let them in between chunks.
        await turn();
        // Nothing is computed here while the caller writes (the thread goes on meanwhile).
        let busy = options.busy?.() ?? null;
        while (busy) {
          await busy;
          busy = options.busy?.() ?? null;
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
        if (forward.length > 0) send(forward, at);
      }
      await Promise.all(sent);
      return outputs;
    },
    close: () => remote.close(),
  };
}
