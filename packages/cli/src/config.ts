// Typed configuration in one place: every setting has an environment name, a default and a doc line.
import path from 'node:path';

export interface Config {
  /** ECHOTRACE_DB — SQLite database file. Default `./data/echotrace.db`. */
  dbPath: string;
  /** DATABASE_URL — when set to postgres://…, the PostgreSQL adapter is used instead of SQLite. */
  databaseUrl: string | null;
  /** ECHOTRACE_ALLOW_PRIVATE_NETWORK — `1` lets the fetcher reach loopback/private addresses (tests only). */
  allowPrivateNetwork: boolean;
  /** ECHOTRACE_USER_AGENT — the User-Agent the fetcher sends. */
  userAgent: string;
  /** ECHOTRACE_FETCH_DELAY_MS — minimum spacing of requests to one host. Default 1000. */
  fetchDelayMs: number;
  /** ECHOTRACE_FETCH_TIMEOUT_MS — limit for one HTTP exchange. Default 30000. */
  fetchTimeoutMs: number;
  /** ECHOTRACE_MAX_FILE_BYTES — largest single file ingest reads whole (NDJSON is streamed). Default 256 MiB. */
  maxFileBytes: number;
}

export function loadConfig(env: NodeJS.ProcessEnv, overrides: { db?: string | undefined } = {}): Config {
  return {
    dbPath: path.resolve(overrides.db ?? env.ECHOTRACE_DB ?? 'data/echotrace.db'),
    databaseUrl: env.DATABASE_URL?.trim() || null,
    allowPrivateNetwork: env.ECHOTRACE_ALLOW_PRIVATE_NETWORK === '1',
    userAgent:
      env.ECHOTRACE_USER_AGENT ?? 'Echotrace/0.1 (+https://github.com/echotrace/echotrace; research crawler)',
    fetchDelayMs: Number(env.ECHOTRACE_FETCH_DELAY_MS ?? 1000),
    fetchTimeoutMs: Number(env.ECHOTRACE_FETCH_TIMEOUT_MS ?? 30_000),
    maxFileBytes: Number(env.ECHOTRACE_MAX_FILE_BYTES ?? 256 * 1024 * 1024),
  };
}
