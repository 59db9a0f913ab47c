// Enrichment across two threads by stage: the calling thread runs the first enrichers (recognition
// and resolution), a thread runs those that read their output (screening) on each chunk as soon as
// the chunk's entities are known, so both cores work at once and each model or index exists once.
// The thread is started when the executor is made: it builds the sanctions index while the caller
// is still reading and preparing its first documents. Results equal a sequential run: each
// document's screening receives exactly the entity annotations the sequential pipeline hands it.
import {
  EnrichmentPipeline,
  type EnrichmentExecutor,
  type EnrichmentOutput,
  type EnrichmentTask,
} from '@echotrace/core';
import { buildEnrichers, type EnrichmentDescription } from './enrichment.factory.ts';
import { createThreadExecutor } from './enrichment.threads.ts';

// Small, so that the thread starts early and finishes soon after the calling thread.
const CHUNK = 16;

/**
 * `local` producers are computed in the calling thread, the others in one thread; `local` must
 * come first in the plan's order (what the thread runs may read what they produce, not the
 * reverse).
 */
export function createStagedExecutor(
  description: EnrichmentDescription,
  local: readonly string[],
): EnrichmentExecutor {
  const enrichers = buildEnrichers(description, local);
  const pipeline = new EnrichmentPipeline(enrichers);
  const isLocal = new Set(local);
  const remoteProducers = pipeline.producers.filter((p) => !isLocal.has(p));
  const remote = createThreadExecutor(description, 1, { producers: remoteProducers, eager: true });
  return {
    async enrich(tasks: readonly EnrichmentTask[]) {
      const outputs: EnrichmentOutput[] = [];
      const sent: Array<Promise<void>> = [];
      for (let from = 0; from < tasks.length; from += CHUNK) {
        const forward: EnrichmentTask[] = [];
        const at: number[] = [];
        for (let i = from; i < Math.min(tasks.length, from + CHUNK); i++) {
          const task = tasks[i]!;
          const here = task.producers.filter((p) => isLocal.has(p));
          const output = here.length > 0 ? await pipeline.enrichDocument({ ...task, producers: here }) : {};
          outputs.push(output);
          const there = task.producers.filter((p) => !isLocal.has(p));
          if (there.length === 0) continue;
          forward.push({
            document: task.document,
            producers: there,
            stored: [...task.stored, ...here.flatMap((p) => output[p] ?? [])],
          });
          at.push(i);
        }
        if (forward.length === 0) continue;
        const done = remote.enrich(forward).then((results) => {
          for (const [k, result] of results.entries()) Object.assign(outputs[at[k]!]!, result);
        });
        // Awaited below; until then a failure must not count as unhandled.
        done.catch(() => {});
        sent.push(done);
      }
      await Promise.all(sent);
      return outputs;
    },
    close: () => remote.close(),
  };
}
