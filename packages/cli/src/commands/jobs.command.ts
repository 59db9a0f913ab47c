import { UsageError } from '@echotrace/core';
import { writeJson, type Command } from '../command.ts';
import {
  checkHandlers,
  defaultHandlers,
  ENRICH_DOCUMENT_QUEUE,
  enqueueJobs,
  FETCH_URL_QUEUE,
  INGEST_FILE_QUEUE,
  jobsOverview,
} from '@echotrace/app';

export const jobsCommand: Command = {
  name: 'jobs',
  summary: 'Show job queues (queued, running, done, dead) and the latest failures',
  usage: 'jobs [--failures N] [--json]',
  help: `
--json prints {"queues": [{queue, queued, running, done, dead}], "failures": [{id, queue, key,
attempts, lastError}]}.`,
  options: [
    {
      name: 'failures',
      type: 'integer',
      min: 0,
      value: 'N',
      description: 'Dead-lettered jobs to list (default 20)',
    },
    { name: 'json', type: 'boolean', description: 'Print queues and failures as JSON' },
  ],
  async run(context) {
    const limit = (context.options.failures as number | undefined) ?? 20;
    const { queues, failures } = await jobsOverview(await context.openStore(), limit);
    if (context.options.json) {
      writeJson(context.stdout, { queues, failures });
      return 0;
    }
    const out = context.stdout;
    if (queues.length === 0) out.write('no jobs\n');
    for (const q of queues)
      out.write(`${q.queue}: queued ${q.queued}, running ${q.running}, done ${q.done}, dead ${q.dead}\n`);
    if (failures.length) out.write('\nFailures (dead-lettered):\n');
    for (const f of failures) out.write(`  ${f.queue} ${f.key} (attempts ${f.attempts}): ${f.lastError}\n`);
    return 0;
  },
};

export const jobsAddCommand: Command = {
  name: 'jobs add',
  summary: 'Enqueue jobs for workers: files to ingest, URLs to fetch, documents to re-enrich',
  usage:
    'jobs add ingest-file PATH|GLOB... [--source NAME] [--published DATE] [--language LANG] [--exclude GLOB]... [--include-paperwork] | fetch-url URL... [--source ID] | enrich-document ID...|--all [--json]',
  help: `
Each job is added once per queue and key (the path, URL or document id), so adding the same work
twice queues it once. Workers (\`echotrace worker --queue NAME\`) on any machine sharing the store
process them. ingest-file takes what \`echotrace ingest\` takes beside its paths (--source names the
source of files that carry none, --published, --language, --exclude, --include-paperwork), and a
worker then does exactly what that command does.`,
  options: [
    {
      name: 'source',
      type: 'string',
      value: 'ID',
      description:
        'fetch-url: the registered source the pages belong to; ingest-file: the source NAME for files that name none',
    },
    {
      name: 'published',
      type: 'string',
      value: 'DATE',
      description: 'ingest-file: publication date or time for files that carry none',
    },
    {
      name: 'language',
      type: 'string',
      value: 'LANG',
      description: 'ingest-file: language code for files that state none',
    },
    {
      name: 'exclude',
      type: 'string',
      value: 'GLOB',
      multiple: true,
      description: 'ingest-file: leave out files or folders matching GLOB (repeatable)',
    },
    {
      name: 'include-paperwork',
      type: 'boolean',
      description: "ingest-file: also queue a folder's README, LICENSE, CHANGELOG… files",
    },
    { name: 'all', type: 'boolean', description: 'enrich-document: every stored document' },
    { name: 'json', type: 'boolean', description: 'Print {"added": N, "existing": N} as JSON' },
  ],
  async run(context) {
    const [queue, ...items] = context.positionals;
    if (!queue) throw new UsageError('give a queue: ingest-file, fetch-url or enrich-document');
    checkHandlers([queue], defaultHandlers());
    const all = context.options.all === true;
    if (items.length === 0 && !(queue === ENRICH_DOCUMENT_QUEUE && all)) {
      throw new UsageError(
        `give at least one ${queue === FETCH_URL_QUEUE ? 'URL' : queue === ENRICH_DOCUMENT_QUEUE ? 'document id (or --all)' : 'path'}`,
      );
    }
    const { added, existing } = await enqueueJobs(await context.openStore(), queue, {
      items,
      ...(queue === INGEST_FILE_QUEUE
        ? {
            ingest: {
              sourceName: context.options.source as string | undefined,
              published: context.options.published as string | undefined,
              language: context.options.language as string | undefined,
              exclude: (context.options.exclude as string[] | undefined) ?? [],
              includePaperwork: context.options['include-paperwork'] === true,
            },
          }
        : { sourceId: context.options.source as string | undefined }),
      all,
      now: new Date(),
      onSkipped: (item, reason) => context.stderr.write(`skipped ${item}: ${reason}\n`),
    });
    if (context.options.json) writeJson(context.stdout, { added, existing });
    else context.stdout.write(`added ${added} jobs, ${existing} already queued\n`);
    return 0;
  },
};
