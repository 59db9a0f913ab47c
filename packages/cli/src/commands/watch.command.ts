import type { PollReport } from '@echotrace/core';
import {
  closeEnrichment,
  createEnrichment,
  createWatchDependencies,
  watchFailed,
  watchSources,
} from '@echotrace/app';
import { createFetcher } from '../acquisition.factory.ts';
import { writeJson, type Command } from '../command.ts';

export const watchCommand: Command = {
  name: 'watch',
  summary: 'Poll due sources: feeds and sitemaps → new pages → archive → extract → ingest',
  usage: 'watch [--once] [--source ID]... [--max-items N] [--check-every SECONDS] [--json]',
  help: `
Polls every enabled source whose next poll is due (see sources health), fetches the pages its
feeds and sitemaps list that are not yet in the corpus, archives every response, extracts the text
and ingests it. Feeds are fetched conditionally. Without --once it keeps checking until Ctrl-C.
A Telegram channel (a source of kind telegram whose homepage is https://t.me/NAME) is read
through its public web preview, ECHOTRACE_TELEGRAM_URL/s/NAME (no login): new posts are added,
edited ones get a new version, views and forward origins are kept, and a post stored earlier that
the page no longer shows within its range of ids is marked deleted.
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
    const deps = createWatchDependencies({
      store,
      fetcher: createFetcher(context.config),
      enrichers: await createEnrichment(store, {
        threads: context.config.enrichThreads,
        maxChars: context.config.enrichMaxChars,
      }),
      telegramBaseUrl: context.config.telegramUrl,
      htmlLimits: context.config.htmlLimits,
    });
    const json = context.options.json === true;
    const reports = await watchSources(deps, {
      maxItems,
      sourceIds: context.options.source as string[] | undefined,
      once: context.options.once === true,
      checkEverySeconds: checkEvery,
      signal: context.signal,
      onReports: json
        ? undefined
        : (done) => done.forEach((report) => context.stdout.write(describe(report))),
    }).finally(() => closeEnrichment(deps.enrichers));
    if (json) writeJson(context.stdout, reports);
    return watchFailed(reports) ? 1 : 0;
  },
};

function describe(report: PollReport): string {
  const { ingest } = report;
  let text = `${report.sourceId}: ${report.listings} listings, ${report.listed} items listed, ${report.fetched} pages fetched; ${ingest.added} added, ${ingest.updated} updated, ${ingest.unchanged} unchanged\n`;
  if (report.telegram) {
    const t = report.telegram;
    text += `  t.me/${t.channel}: ${t.posts} posts on the preview, ${t.edited} newly marked edited, ${t.deleted} deleted, ${t.forwards} forwards\n`;
  }
  for (const error of report.errors.slice(0, 10)) text += `  ${error.url}: ${error.error}\n`;
  if (report.errors.length > 10) text += `  … ${report.errors.length - 10} more errors\n`;
  return text;
}
