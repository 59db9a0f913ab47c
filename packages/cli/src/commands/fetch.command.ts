import {
  archiveResponse,
  describeError,
  InputError,
  OperationalError,
  UsageError,
  type FetchedResponse,
} from '@echotrace/core';
import { decodeBytes } from '@echotrace/extract';
import { writeJson, type Command } from '../command.ts';
import { createFetcher, openArchive } from '../acquisition.factory.ts';

interface FetchOutcome {
  url: string;
  status: number | null;
  finalUrl?: string;
  sha256?: string;
  bytes?: number;
  archiveId?: string;
  error?: string;
}

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
    const archive = openArchive(store);
    const fetcher = createFetcher(context.config);
    const outcomes: FetchOutcome[] = [];
    for (const url of context.positionals) {
      if (context.signal.aborted) break;
      try {
        const previous = await archive.latestFor(url);
        const response: FetchedResponse = await fetcher.fetch({
          url,
          etag: previous?.headers.etag ?? null,
          lastModified: previous?.headers['last-modified'] ?? null,
          signal: context.signal,
        });
        const charset = isText(response)
          ? decodeBytes(response.bytes, {
              origin: response.finalUrl,
              contentTypeHeader: response.headers['content-type'],
            }).charset
          : null;
        const entry = await archiveResponse(response, { archive, captures: store.captures }, charset);
        outcomes.push({
          url,
          status: response.status,
          finalUrl: response.finalUrl,
          sha256: response.sha256,
          bytes: response.bytes.byteLength,
          archiveId: entry.id,
        });
      } catch (error) {
        if (!(error instanceof InputError) && !(error instanceof OperationalError)) throw error;
        outcomes.push({ url, status: null, error: describeError(error) });
      }
    }
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

function isText(response: FetchedResponse): boolean {
  const type = response.headers['content-type'] ?? '';
  return (
    response.bytes.byteLength > 0 &&
    /^(text\/|application\/(xhtml\+xml|xml|rss\+xml|atom\+xml|json|feed\+json))/i.test(type)
  );
}
