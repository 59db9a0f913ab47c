// One enrichment thread: builds the enrichers from the description it is started with, then computes
// the batches of tasks the pool sends it. Nothing here touches the store.
import module from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type { EnrichmentTask } from '@echotrace/core';
import type { EnrichmentThreadData } from './enrichment.threads.ts';

// Each thread loads the whole module graph again; the compile cache (decision 0005) only serves a
// thread that enables it itself, before its imports, so those are dynamic.
module.enableCompileCache?.();
const { EnrichmentPipeline } = await import('@echotrace/core');
const { buildEnrichers } = await import('./enrichment.factory.ts');

const { description, producers } = workerData as EnrichmentThreadData;
const pipeline = new EnrichmentPipeline(buildEnrichers(description, producers));
// Tasks sent meanwhile wait in the port; the staged executor gives this thread whole chunks once
// it knows the models and indexes are built.
parentPort!.postMessage({ ready: true });

parentPort!.on('message', (message: { id: number; tasks: EnrichmentTask[] }) => {
  const run = async () => {
    const outputs = [];
    for (const task of message.tasks) outputs.push(await pipeline.enrichDocument(task));
    return outputs;
  };
  run().then(
    (outputs) => parentPort!.postMessage({ id: message.id, outputs }),
    (error: unknown) =>
      parentPort!.postMessage({
        id: message.id,
        error: {
          name: error instanceof Error ? error.name : 'Error',
          message: error instanceof Error ? error.message : String(error),
        },
      }),
  );
});
