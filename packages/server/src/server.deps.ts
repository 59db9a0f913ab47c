// What an entry point hands the server: the adapters it chose. The server opens nothing itself.
import type { Clock, Fetcher, Store } from '@echotrace/core';
import type { OpenAPIHono } from '@hono/zod-openapi';

export interface ServerDeps {
  store: Store;
  clock: Clock;
  /** Needed only to discover a new source's feeds (`POST /api/sources` with `discover`). */
  createFetcher?: () => Fetcher;
  /** Largest request body accepted, in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** How often the jobs event stream sends a snapshot, in ms (default 1000). */
  jobsEventIntervalMs?: number;
  /** Where unexpected errors are logged with their stack (default: stderr). */
  log?: (message: string) => void;
}

/** Per-request values the middleware sets for the handlers. */
export interface ApiEnv {
  Variables: Record<string, never>;
}

export type ApiApp = OpenAPIHono<ApiEnv>;
