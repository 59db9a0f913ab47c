// The archive: a record of every HTTP exchange (request URL, final URL, status, headers, time)
// pointing at its payload by SHA-256. The bytes themselves live in the CaptureRepository, so an
// unchanged page fetched a hundred times is stored once while each fetch stays on record.
import type { Timestamp } from '../model.ts';

export interface ArchiveEntry {
  /** Stable id: derived from request URL, fetch time and payload hash. */
  id: string;
  requestUrl: string;
  finalUrl: string;
  status: number;
  statusText: string;
  headers: Record<string, string>;
  requestHeaders: Record<string, string>;
  fetchedAt: Timestamp;
  /** SHA-256 of the payload; its bytes are in the CaptureRepository under this hash. */
  sha256: string;
  byteLength: number;
}

export interface ArchiveQuery {
  /** Inclusive lower bound on fetchedAt (ISO 8601). */
  from?: Timestamp;
  /** Exclusive upper bound on fetchedAt (ISO 8601). */
  to?: Timestamp;
  /** Only entries whose payload is one of these captures. */
  sha256s?: string[];
  /** Keyset cursor over (fetchedAt, id). */
  afterId?: string;
  limit?: number;
}

export interface ArchiveRepository {
  /** Records one exchange; recording the same id again is a no-op returning the stored entry. */
  record(entry: ArchiveEntry): Promise<ArchiveEntry>;
  get(id: string): Promise<ArchiveEntry | null>;
  /** Entries ordered by fetchedAt, then id. */
  list(query: ArchiveQuery): Promise<ArchiveEntry[]>;
  /** The most recent successful (2xx) entry for a request URL: its validators drive conditional GET. */
  latestFor(requestUrl: string): Promise<ArchiveEntry | null>;
}
