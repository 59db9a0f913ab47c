import { hostname } from 'node:os';
import type { WatchDependencies } from '@echotrace/core';
import { writeJson, type Command } from '../command.ts';
import {
  checkHandlers,
  closeEnrichment,
  createEnrichment,
  createWatchDependencies,
  defaultHandlers,
  INGEST_FILE_QUEUE,
  runWorker,
} from '@echotrace/app';
import { createFetcher } from '../acquisition.factory.ts';
import { systemClock } from '../system.clock.ts';

export const workerCommand: Command = {
  name: 'worker',
  summary: 'Process queued jobs (ingest-file, …); run several, on several machines, against one database',
  usage: 'worker [--queue NAME]... [--until-empty] [--batch N] [--lease-ms N] [--max-attempts N] [--json]',
  help: `
Claims jobs under a lease, runs the queue's handler, and marks them done. A transient failure
(OperationalError) is retried with exponential backoff (--backoff-ms, doubling per attempt); after
--max-attempts, or at once for bad input, the job is dead-lettered (see \`echotrace jobs\`). A killed
worker loses nothing: its leased jobs are handed out again when the lease expires, and handlers are
idempotent. With DATABASE_URL=postgres://… many workers share the queue (FOR UPDATE SKIP LOCKED).

Examples:
  echotrace jobs add ingest-file exports/
  echotrace worker --until-empty`,
  options: [
    {
      name: 'queue',
      type: 'string',
      multiple: true,
      value: 'NAME',
      description: `Queue to serve (default ${INGEST_FILE_QUEUE})`,
    },
    { name: 'until-empty', type: 'boolean', description: 'Exit when no job is queued or running' },
    {
      name: 'batch',
      type: 'integer',
      min: 1,
      value: 'N',
      description: 'Jobs claimed at a time (default 10)',
    },
    {
      name: 'lease-ms',
      type: 'integer',
      min: 1,
      value: 'N',
      description: 'Lease per claim in ms (default 60000)',
    },
    {
      name: 'max-attempts',
      type: 'integer',
      min: 1,
      value: 'N',
      description: 'Attempts before dead-lettering (default 5)',
    },
    {
      name: 'backoff-ms',
      type: 'integer',
      min: 1,
      value: 'N',
      description: 'First retry delay in ms (default 1000)',
    },
    {
      name: 'poll-ms',
      type: 'integer',
      min: 1,
      value: 'N',
      description: 'Wait when idle in ms (default 1000)',
    },
    { name: 'verbose', type: 'boolean', description: 'Print one line per finished job' },
    { name: 'json', type: 'boolean', description: 'Print the summary as JSON: {done, retried, dead}' },
  ],
  async run(context) {
    const queues = (context.options.queue as string[] | undefined) ?? [INGEST_FILE_QUEUE];
    const handlers = defaultHandlers();
    checkHandlers(queues, handlers);
    const store = await context.openStore();
    // Memoized: a worker that never sees a fetch-url job never builds a fetcher.
    let acquisition: WatchDependencies | null = null;
    const enrichers = await createEnrichment(store, {
      threads: context.config.enrichThreads,
      maxChars: context.config.enrichMaxChars,
    });
    const summary = await runWorker({
      store,
      enrichers,
      acquisition: () =>
        (acquisition ??= createWatchDependencies({
          store,
          fetcher: createFetcher(context.config),
          enrichers,
          telegramBaseUrl: context.config.telegramUrl,
          htmlLimits: context.config.htmlLimits,
        })),
      handlers,
      queues,
      workerId: `${hostname()}:${process.pid}`,
      clock: systemClock,
      maxFileBytes: context.config.maxFileBytes,
      htmlLimits: context.config.htmlLimits,
      leaseMs: (context.options['lease-ms'] as number | undefined) ?? 60_000,
      batch: (context.options.batch as number | undefined) ?? 10,
      maxAttempts: (context.options['max-attempts'] as number | undefined) ?? 5,
      backoffMs: (context.options['backoff-ms'] as number | undefined) ?? 1000,
      pollMs: (context.options['poll-ms'] as number | undefined) ?? 1000,
      untilEmpty: context.options['until-empty'] === true,
      signal: context.signal,
      onJob: context.options.verbose
        ? (job, outcome, error) =>
            context.stdout.write(`${outcome} ${job.queue} ${job.key}${error ? `: ${error}` : ''}\n`)
        : undefined,
    }).finally(() => closeEnrichment(enrichers));
    if (context.options.json) writeJson(context.stdout, summary);
    else context.stdout.write(`done ${summary.done}, retried ${summary.retried}, dead ${summary.dead}\n`);
    return 0;
  },
};
