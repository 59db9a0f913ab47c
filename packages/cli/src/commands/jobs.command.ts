import { UsageError } from '@echotrace/core';
import { writeJson, type Command } from '../command.ts';
import { expandPaths } from '../ingest.files.ts';
import { defaultHandlers, INGEST_FILE_QUEUE } from '../worker/job.handlers.ts';
import { checkHandlers } from '../worker/worker.loop.ts';

export const jobsCommand: Command = {
  name: 'jobs',
  summary: 'Show job queues (queued, running, done, dead) and the latest failures',
  usage: 'jobs [--failures N] [--json]',
  help: `
--json prints {"queues": [{queue, queued, running, done, dead}], "failures": [{id, queue, key,
attempts, lastError}]}.`,
  options: [
    { name: 'failures', type: 'string', value: 'N', description: 'Dead-lettered jobs to list (default 20)' },
    { name: 'json', type: 'boolean', description: 'Print queues and failures as JSON' },
  ],
  async run(context) {
    const limit = context.options.failures === undefined ? 20 : Number(context.options.failures);
    if (!Number.isInteger(limit) || limit < 0) throw new UsageError('--failures must be a whole number');
    const store = await context.openStore();
    const queues = await store.jobs.stats();
    const failures = (await store.jobs.failures(limit)).map((j) => ({
      id: j.id,
      queue: j.queue,
      key: j.key,
      attempts: j.attempts,
      lastError: j.lastError,
    }));
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
  summary: 'Enqueue jobs: `jobs add ingest-file PATH...` queues one job per file (once per path)',
  usage: 'jobs add QUEUE PATH|GLOB... [--json]',
  options: [{ name: 'json', type: 'boolean', description: 'Print {"added": N, "existing": N} as JSON' }],
  async run(context) {
    const [queue, ...paths] = context.positionals;
    if (!queue || paths.length === 0) throw new UsageError('give a queue and at least one path');
    checkHandlers([queue], defaultHandlers());
    if (queue !== INGEST_FILE_QUEUE)
      throw new UsageError(`only ${INGEST_FILE_QUEUE} jobs can be added from files`);
    const store = await context.openStore();
    let added = 0;
    let existing = 0;
    for (const entry of await expandPaths(paths)) {
      if (!('path' in entry)) {
        context.stderr.write(`skipped ${entry.missing}: ${entry.reason}\n`);
        continue;
      }
      if (await store.jobs.enqueue(queue, entry.path, { path: entry.path })) added++;
      else existing++;
    }
    if (context.options.json) writeJson(context.stdout, { added, existing });
    else context.stdout.write(`added ${added} jobs, ${existing} already queued\n`);
    return 0;
  },
};
