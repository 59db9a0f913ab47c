// Archiving one fetched response: payload into captures (deduplicated by hash), the exchange into
// the archive. Separate from fetching so that any Fetcher, real or fake, archives the same way.
import { sha256Hex } from '../hashing.ts';
import type { CaptureRepository } from '../ports.ts';
import type { ArchiveEntry, ArchiveRepository } from './archive.port.ts';
import type { FetchedResponse } from './fetcher.port.ts';

export function archiveEntryId(requestUrl: string, fetchedAt: string, sha256: string): string {
  return sha256Hex(`${requestUrl}\n${fetchedAt}\n${sha256}`).slice(0, 16);
}

/** The media type of a Content-Type header without parameters, lower case. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (
    (contentType ?? 'application/octet-stream').split(';')[0]!.trim().toLowerCase() ||
    'application/octet-stream'
  );
}

export async function archiveResponse(
  response: FetchedResponse,
  stores: { archive: ArchiveRepository; captures: CaptureRepository },
  charset: string | null = null,
): Promise<ArchiveEntry> {
  await stores.captures.put(response.bytes, {
    mediaType: mediaTypeOf(response.headers['content-type']),
    charset,
    capturedAt: response.fetchedAt,
    origin: response.finalUrl,
  });
  return stores.archive.record({
    id: archiveEntryId(response.requestUrl, response.fetchedAt, response.sha256),
    requestUrl: response.requestUrl,
    finalUrl: response.finalUrl,
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    requestHeaders: response.requestHeaders,
    fetchedAt: response.fetchedAt,
    sha256: response.sha256,
    byteLength: response.bytes.byteLength,
  });
}
