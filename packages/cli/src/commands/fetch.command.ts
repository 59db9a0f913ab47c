import { UsageError } from '@echotrace/core';
import { fetchUrls } from '@echotrace/app';
import { writeJson, type Command } from '../command.ts';
import { createFetcher } from '../acquisition.factory.ts';

export const fetchCommand: Command = {
  name: 'fetch',
  summary: 'Fetch URLs politely and archive each response (bytes, headers, SHA-256)',
  usage: 'fetch URL... [--json]',
  help: `
Fetches each URL (robots.txt, per-host delay, retries on transient errors), stores the payload as a
capture and the exchange in the archive. A URL fetched before is requested conditionally
(If-None-Match / If-Modified-Since); a 304 is archived too. Private and loopback addresses are
refused unless ECHOTRACE_ALLOW_PRIVATE_NETWORK=1; cloud metadata addresses always are.
--json prints [{url, status, finalUrl, sha256, bytes, archiveId} | {url, status: null, error}].`,
  options: [{ name: 'json', type: 'boolean', description: 'Print one result per URL as JSON' }],
  async run(context) {
    if (context.positionals.length === 0) throw new UsageError('give at least one URL');
    const store = await context.openStore();
    const outcomes = await fetchUrls(
      { store, fetcher: createFetcher(context.config) },
      context.positionals,
      context.signal,
    );
    if (context.options.json) writeJson(context.stdout, outcomes);
    else {
      for (const outcome of outcomes) {
        if (outcome.error) context.stderr.write(`failed  ${outcome.error}\n`);
        else
          context.stdout.write(
            `${outcome.status}  ${outcome.finalUrl}  sha256:${outcome.sha256}  ${outcome.bytes} bytes\n`,
          );
      }
    }
    return outcomes.some((outcome) => outcome.error) ? 1 : 0;
  },
};
