// The Fetcher port: how core asks for a URL without knowing about sockets, robots.txt or
// address guards. The adapter in packages/fetch implements it; tests may substitute a fake.
import { InputError } from '../errors.ts';
import type { Timestamp } from '../model.ts';

export interface FetchRequest {
  url: string;
  /** Validators from an earlier response: sent as If-None-Match / If-Modified-Since. */
  etag?: string | null;
  lastModified?: string | null;
  signal?: AbortSignal;
}

/** One HTTP exchange as archived: what was asked, where it ended, and the exact payload bytes. */
export interface FetchedResponse {
  requestUrl: string;
  /** After redirects. */
  finalUrl: string;
  /** URLs that answered with a redirect on the way, in order. */
  redirects: string[];
  status: number;
  statusText: string;
  /** Response headers, names in lower case, repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** Request headers actually sent for the final URL (kept for WARC request records). */
  requestHeaders: Record<string, string>;
  fetchedAt: Timestamp;
  /** Payload after Content-Encoding was removed; empty for 304. */
  bytes: Uint8Array;
  sha256: string;
}

export interface Fetcher {
  /**
   * Fetches one URL. Resolves with any final HTTP status (callers decide what 404 or 304 means);
   * rejects with FetchRefusedError (never fetched), InputError (response unusable: too large, too
   * many redirects) or OperationalError (transient, retries exhausted).
   */
  fetch(request: FetchRequest): Promise<FetchedResponse>;
}

export type FetchRefusal = 'scheme' | 'address' | 'robots';

/** The fetcher refused to contact the URL at all: a forbidden scheme or address, or robots.txt. */
export class FetchRefusedError extends InputError {
  readonly reason: FetchRefusal;
  constructor(url: string, reason: FetchRefusal, problem: string) {
    super(url, problem);
    this.name = 'FetchRefusedError';
    this.reason = reason;
  }
}
