import { pollDueSources, type PollReport } from '@echotrace/core';
import { writeJson, type Command } from '../command.ts';
import { sleep } from '../sleep.ts';
import { createEnrichers } from '../enrichment.factory.ts';
import { watchDependencies } from '../watch.dependencies.ts';

export const watchCommand: Command = {
  name: 'watch',
  summary: 'Poll due sources: feeds and sitemaps → new pages → archive → extract → ingest',
  usage: 'watch [--once] [--source ID]... [--max-items N] [--check-every SECONDS] [--json]',
  help: `
Polls every enabled source whose next poll is due (see sources health), fetches the pages its
feeds and sitemaps list that are not yet in the corpus, archives every response, extracts the text
and ingests it. Feeds are fetched conditionally. Without --once it keeps checking until Ctrl-C.
--source polls the named sources now, due or not. --json (with --once) prints the poll reports.`,
  options: [
    { name: 'once', type: 'boolean', description: 'One pass over due sources, then exit' },
    {
      name: 'source',
      type: 'string',
      multiple: true,
      value: 'ID',
      description: 'Poll this source now',
    },
    {
      name: 'max-items',
      type: 'integer',
      min: 1,
      value: 'N',
      description: 'Pages fetched per source per poll (default 50)',
    },
    {
      name: 'check-every',
      type: 'number',
      min: 0.001,
      value: 'SECONDS',
      description: 'How often to look for due sources (default 60)',
    },
    { name: 'json', type: 'boolean', description: 'Print the poll reports as JSON' },
  ],
  async run(context) {
    const maxItems = (context.options['max-items'] as number | undefined) ?? 50;
    const checkEvery = (context.options['check-every'] as number | undefined) ?? 60;
    const store = await context.openStore();
    const deps = watchDependencies(store, context.config, await createEnrichers(store));
    const sourceIds = context.options.source as string[] | undefined;
    const all: PollReport[] = [];
    for (;;) {
      const reports = await pollDueSources(deps, { maxItems, sourceIds, signal: context.signal });
      all.push(...reports);
      if (!context.options.json) for (const report of reports) context.stdout.write(describe(report));
      if (context.options.once || sourceIds || context.signal.aborted) break;
      try {
        await sleep(checkEvery * 1000, context.signal);
      } catch {
        break;
      }
    }
    if (context.options.json) writeJson(context.stdout, all);
    return all.some((report) => report.health.consecutiveFailures > 0) ? 1 : 0;
  },
};

function describe(report: PollReport): string {
  const { ingest } = report;
  let text = `${report.sourceId}: ${report.listings} listings, ${report.listed} items listed, ${report.fetched} pages fetched; ${ingest.added} added, ${ingest.updated} updated, ${ingest.unchanged} unchanged\n`;
  for (const error of report.errors.slice(0, 10)) text += `  ${error.url}: ${error.error}\n`;
  if (report.errors.length > 10) text += `  … ${report.errors.length - 10} more errors\n`;
  return text;
}
