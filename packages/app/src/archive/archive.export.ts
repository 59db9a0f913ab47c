// Choosing what an archive export holds: every archived HTTP exchange (by fetch time), or every
// fetch of any version of some documents, with a document ingested from a file as its capture.
// The entry point writes what this hands it (as WARC records: @echotrace/fetch).
import { InputError, NotFoundError, type ArchiveEntry, type Capture, type Store } from '@echotrace/core';

const PAGE = 500;

/** Receives the selected items in order; what it writes them as is the entry point's choice. */
export interface ArchiveExportSink {
  exchange(entry: ArchiveEntry, payload: Uint8Array): void;
  /** A capture no archived fetch produced (a file): its bytes as they were ingested. */
  resource(capture: Capture, payload: Uint8Array): void;
}

export interface ArchiveExportRequest {
  /** Only the captures of these documents (all their versions); excludes from/to. */
  documents?: string[];
  /** ISO 8601 UTC bounds on the fetch time: from inclusive, to exclusive. */
  from?: string;
  to?: string;
  signal?: AbortSignal;
  /** An archived exchange whose capture bytes are missing: skipped, and said. */
  onSkipped?: (entry: ArchiveEntry) => void;
}

export async function exportArchive(
  store: Store,
  request: ArchiveExportRequest,
  sink: ArchiveExportSink,
): Promise<{ exchanges: number; resources: number; skipped: number }> {
  const documents = request.documents ?? [];
  if (documents.length > 0 && (request.from || request.to))
    throw new InputError('archive export', 'select by documents or by fetch time, not both');
  let exchanges = 0;
  let resources = 0;
  let skipped = 0;
  const writeEntry = async (entry: ArchiveEntry): Promise<void> => {
    const payload = await store.captures.bytes(entry.sha256);
    if (!payload) {
      skipped++;
      request.onSkipped?.(entry);
      return;
    }
    sink.exchange(entry, payload);
    exchanges++;
  };
  if (documents.length > 0) {
    for (const sha256 of await captureHashes(store, documents)) {
      const entries = await store.archive.list({ sha256s: [sha256] });
      for (const entry of entries) await writeEntry(entry);
      if (entries.length === 0) {
        const [capture, payload] = await Promise.all([
          store.captures.get(sha256),
          store.captures.bytes(sha256),
        ]);
        if (capture && payload) {
          sink.resource(capture, payload);
          resources++;
        }
      }
    }
  } else {
    let afterId: string | undefined;
    for (;;) {
      const page = await store.archive.list({ from: request.from, to: request.to, afterId, limit: PAGE });
      for (const entry of page) await writeEntry(entry);
      if (page.length < PAGE || request.signal?.aborted) break;
      afterId = page.at(-1)!.id;
    }
  }
  return { exchanges, resources, skipped };
}

/**
 * An ISO 8601 bound as the UTC text the archive stores; a bare date as an end bound means the next
 * midnight, so that the whole day is included.
 */
export function archiveTimeBound(value: string, name: string, endOfDay: boolean): string {
  const bareDate = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(bareDate ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime()))
    throw new InputError(name, `${JSON.stringify(value)} is not an ISO 8601 date or time`);
  if (bareDate && endOfDay) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString();
}

async function captureHashes(store: Store, documentIds: string[]): Promise<string[]> {
  const hashes = new Set<string>();
  for (const id of documentIds) {
    const document = await store.documents.get(id);
    if (!document) throw new NotFoundError('document', id);
    hashes.add(document.captureSha256);
    for (const version of await store.documents.versions(id)) hashes.add(version.captureSha256);
  }
  return [...hashes];
}
