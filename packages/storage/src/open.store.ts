// Chooses the storage adapter from configuration: a postgres:// URL selects PostgreSQL, otherwise
// the SQLite file at dbPath. Entry points call this and nothing else.
import type { Store } from '@echotrace/core';
import { InputError } from '@echotrace/core';
import {
  migrate as migratePostgres,
  migrationStatus as postgresMigrationStatus,
} from './postgres/migrator.ts';
import { openPostgresStore, type PostgresStore } from './postgres/postgres.store.ts';
import { migrate as migrateSqlite, migrationStatus as sqliteMigrationStatus } from './sqlite/migrator.ts';
import { openSqliteStore, type SqliteStore } from './sqlite/sqlite.store.ts';

export interface OpenStoreOptions {
  dbPath: string;
  /** DATABASE_URL; when it is postgres:// or postgresql://, it wins over dbPath. */
  databaseUrl?: string | null;
  /** Open without applying migrations (for `db status`). */
  migrate?: boolean;
  /** SQLite only: open the file read-only (no migrations); writes then fail. */
  readonly?: boolean;
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
  return openSqliteStore(options.dbPath, { migrate: options.migrate, readonly: options.readonly });
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

export interface MigrationReport {
  kind: StoreKind;
  /** Every migration this version knows, with when it was applied (null: pending). */
  migrations: Array<{ version: number; name: string; appliedAt: string | null }>;
}

/** Applies pending migrations and returns the versions it applied. */
export async function migrateStore(
  options: OpenStoreOptions,
): Promise<{ kind: StoreKind; applied: number[] }> {
  const kind = storeKind(options);
  const store = await openStore({ ...options, migrate: false });
  try {
    const applied =
      kind === 'postgres'
        ? await migratePostgres((store as PostgresStore).sql)
        : migrateSqlite((store as SqliteStore).db);
    return { kind, applied };
  } finally {
    await store.close();
  }
}

export async function storeMigrationStatus(options: OpenStoreOptions): Promise<MigrationReport> {
  const kind = storeKind(options);
  const store = await openStore({ ...options, migrate: false });
  try {
    const migrations =
      kind === 'postgres'
        ? await postgresMigrationStatus((store as PostgresStore).sql)
        : sqliteMigrationStatus((store as SqliteStore).db);
    return { kind, migrations };
  } finally {
    await store.close();
  }
}
