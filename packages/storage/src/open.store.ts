// Chooses the storage adapter from configuration: a postgres:// URL selects PostgreSQL, otherwise
// the SQLite file at dbPath. Entry points call this and nothing else.
import type { Store } from '@echotrace/core';
import { InputError } from '@echotrace/core';
import { openPostgresStore } from './postgres/postgres.store.ts';
import { openSqliteStore } from './sqlite/sqlite.store.ts';

export interface OpenStoreOptions {
  dbPath: string;
  /** DATABASE_URL; when it is postgres:// or postgresql://, it wins over dbPath. */
  databaseUrl?: string | null;
  /** Open without applying migrations (for `db status`). */
  migrate?: boolean;
}

export type StoreKind = 'sqlite' | 'postgres';

export function storeKind(options: OpenStoreOptions): StoreKind {
  if (!options.databaseUrl) return 'sqlite';
  if (/^postgres(ql)?:\/\//i.test(options.databaseUrl)) return 'postgres';
  throw new InputError(
    'DATABASE_URL',
    `unsupported scheme in ${JSON.stringify(redactUrl(options.databaseUrl))}; use postgres://user@host:port/db`,
  );
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (storeKind(options) === 'postgres') {
    return openPostgresStore(options.databaseUrl!, { migrate: options.migrate });
  }
  return openSqliteStore(options.dbPath, { migrate: options.migrate });
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}
