// Finding what to poll for a homepage: the feeds it advertises (<link rel="alternate">), else the
// first common feed path that answers with a feed; and the sitemaps its robots.txt declares.
// Fetches go through the fetcher the entry point passes (the guarded one). A homepage that cannot
// be fetched at all rejects with the fetcher's error.
import { InputError, OperationalError, type Fetcher } from '@echotrace/core';
import { decodeBytes, feedCandidates, parseFeed, sitemapsFromRobots } from '@echotrace/extract';

export interface DiscoveryOptions {
  signal?: AbortSignal;
  onWarning?: (message: string) => void;
}

export async function discoverFeeds(
  fetcher: Fetcher,
  homepage: string,
  options: DiscoveryOptions = {},
): Promise<string[]> {
  let html: string | null = null;
  try {
    const page = await fetcher.fetch({ url: homepage, signal: options.signal });
    if (page.status === 200) {
      html = decodeBytes(page.bytes, {
        origin: page.finalUrl,
        contentTypeHeader: page.headers['content-type'],
      }).text;
    }
  } catch (error) {
    // A refused, unknown or unreachable homepage is not a source to save: the common feed paths
    // on the same host would fail the same way, and a saved source would poll nothing for months.
    throw error instanceof InputError || error instanceof OperationalError
      ? error
      : new OperationalError(`could not fetch ${homepage}: ${String(error)}`, { cause: error });
  }
  const candidates = feedCandidates(html, homepage);
  const advertised = candidates
    .filter((candidate) => candidate.via === 'link')
    .map((candidate) => candidate.url);
  if (advertised.length > 0) return advertised;
  for (const candidate of candidates) {
    try {
      const response = await fetcher.fetch({ url: candidate.url, signal: options.signal });
      if (response.status !== 200) continue;
      parseFeed(response.bytes, {
        origin: candidate.url,
        contentTypeHeader: response.headers['content-type'],
      });
      return [response.finalUrl];
    } catch {
      // Not a feed there: try the next path.
    }
  }
  return [];
}

/** Sitemaps robots.txt declares; none when it cannot be fetched. */
export async function discoverSitemaps(
  fetcher: Fetcher,
  homepage: string,
  options: DiscoveryOptions = {},
): Promise<string[]> {
  const robotsUrl = new URL('/robots.txt', homepage).href;
  try {
    const response = await fetcher.fetch({ url: robotsUrl, signal: options.signal });
    if (response.status !== 200) return [];
    return sitemapsFromRobots(new TextDecoder().decode(response.bytes), response.finalUrl);
  } catch {
    return [];
  }
}
