// Fetching URLs into the archive: each URL through the guarded fetcher (conditionally, when it was
// fetched before), the exchange archived with its payload as a capture. Bad or unreachable URLs are
// reported per URL; anything else (a bug, a broken store) propagates.
import {
  archiveResponse,
  describeError,
  InputError,
  OperationalError,
  type FetchedResponse,
  type Fetcher,
  type Store,
} from '@echotrace/core';
import { decodeBytes } from '@echotrace/extract';

export interface FetchOutcome {
  url: string;
  status: number | null;
  finalUrl?: string;
  sha256?: string;
  bytes?: number;
  archiveId?: string;
  error?: string;
}

export interface ArchivingPorts {
  store: Pick<Store, 'archive' | 'captures'>;
  fetcher: Fetcher;
}

/** Fetches one URL and archives the exchange; rejects as the fetcher does. */
export async function fetchArchived(
  ports: ArchivingPorts,
  url: string,
  signal?: AbortSignal,
): Promise<{ response: FetchedResponse; archiveId: string }> {
  const { archive, captures } = ports.store;
  const previous = await archive.latestFor(url);
  const response = await ports.fetcher.fetch({
    url,
    etag: previous?.headers.etag ?? null,
    lastModified: previous?.headers['last-modified'] ?? null,
    signal,
  });
  const charset = isText(response)
    ? decodeBytes(response.bytes, {
        origin: response.finalUrl,
        contentTypeHeader: response.headers['content-type'],
      }).charset
    : null;
  const entry = await archiveResponse(response, { archive, captures }, charset);
  return { response, archiveId: entry.id };
}

export async function fetchUrls(
  ports: ArchivingPorts,
  urls: string[],
  signal?: AbortSignal,
): Promise<FetchOutcome[]> {
  const outcomes: FetchOutcome[] = [];
  for (const url of urls) {
    if (signal?.aborted) break;
    try {
      const { response, archiveId } = await fetchArchived(ports, url, signal);
      outcomes.push({
        url,
        status: response.status,
        finalUrl: response.finalUrl,
        sha256: response.sha256,
        bytes: response.bytes.byteLength,
        archiveId,
      });
    } catch (error) {
      if (!(error instanceof InputError) && !(error instanceof OperationalError)) throw error;
      outcomes.push({ url, status: null, error: describeError(error) });
    }
  }
  return outcomes;
}

function isText(response: FetchedResponse): boolean {
  const type = response.headers['content-type'] ?? '';
  return (
    response.bytes.byteLength > 0 &&
    /^(text\/|application\/(xhtml\+xml|xml|rss\+xml|atom\+xml|json|feed\+json))/i.test(type)
  );
}
