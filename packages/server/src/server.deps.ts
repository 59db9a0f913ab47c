// What an entry point hands the server: the adapters it chose. The server opens nothing itself.
import type { PublicUser } from '@echotrace/app';
import type { Clock, Fetcher, Session, Store } from '@echotrace/core';
import type { Context } from 'hono';
import type { OpenAPIHono } from '@hono/zod-openapi';

export interface ServerDeps {
  store: Store;
  clock: Clock;
  /** Needed only to discover a new source's feeds (`POST /api/sources` with `discover`). */
  createFetcher?: () => Fetcher;
  /** Where a saved search's webhook may point (the fetcher's address guard); throws InputError. */
  checkWebhookTarget?: (url: string) => void;
  /** Largest request body accepted, in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** How often the jobs event stream sends a snapshot, in ms (default 1000). */
  jobsEventIntervalMs?: number;
  /** Mark the session cookie Secure (default true; `serve` turns it off only on a loopback host). */
  secureCookies?: boolean;
  /** The client's address, for login rate limiting per client (the Node listener knows it). */
  clientAddress?: (c: Context) => string | undefined;
  /** A built web app (packages/web) to serve outside /api/, on the same origin. */
  webRoot?: string;
  /** Where unexpected errors are logged with their stack (default: stderr). */
  log?: (message: string) => void;
}

/** Per-request values the middleware sets for the handlers. */
export interface ApiEnv {
  Variables: {
    /** Who is asking (auth.middleware.ts); null for anonymous. */
    principal: Principal | null;
    /** The change a write made, for the audit log (audit.middleware.ts); `recorded` when the use case logged it. */
    audit?: AuditNote | 'recorded';
  };
}

export interface Principal {
  user: PublicUser;
  via: 'session' | 'token';
  session: Session | null;
  /** The cookie's value, for logout. */
  sessionToken?: string;
}

export interface AuditNote {
  action: string;
  target?: string | null;
  details?: Record<string, unknown>;
}

export type ApiApp = OpenAPIHono<ApiEnv>;
