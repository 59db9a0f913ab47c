// The networked store: PostgreSQL through node-postgres (a URL opens a pool) or any client with
// the minimal query interface (a pg Client, PGlite). Migrated on open unless told otherwise.
import type { Store } from '@echotrace/core';
import pg from 'pg';
import { postgresDatabase, singleConnectionPool, type PoolLike } from '../database/postgres.dialect.ts';
import { assembleStore } from '../database/store.assembly.ts';
import type { StoreContext } from '../database/unit-of-work.ts';
import { migrate } from './migrator.ts';
import { createSql, type QueryClient, type Sql } from './sql.client.ts';

export interface PostgresStore extends Store {
  /** Raw SQL through the store's unit of work, for `db status`/`migrate` and the copy. */
  readonly sql: Sql;
  readonly context: StoreContext;
}

export interface PostgresStoreOptions {
  /** Open without applying migrations (for `db status`). */
  migrate?: boolean;
  /** Pool size when opening from a URL. */
  maxConnections?: number;
}

export type PostgresTarget = string | { client: QueryClient; close?: () => Promise<void> };

export async function openPostgresStore(
  target: PostgresTarget,
  options: PostgresStoreOptions = {},
): Promise<PostgresStore> {
  const pool: PoolLike =
    typeof target === 'string'
      ? new pg.Pool({ connectionString: target, max: options.maxConnections ?? 4 })
      : singleConnectionPool(target.client, target.close ?? (async () => undefined));
  const store = assembleStore(postgresDatabase(pool));
  const sql = createSql(store.context);
  Object.defineProperty(store, 'sql', { value: sql, enumerable: true });
  try {
    if (options.migrate !== false) await migrate(sql);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store as PostgresStore;
}
