// One enrichment thread: builds the enrichers from the description it is started with, then computes
// the batches of tasks the pool sends it. Nothing here touches the store.
import { parentPort, workerData } from 'node:worker_threads';
import { EnrichmentPipeline, type EnrichmentTask } from '@echotrace/core';
import { buildEnrichers } from './enrichment.factory.ts';
import type { EnrichmentThreadData } from './enrichment.threads.ts';

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
