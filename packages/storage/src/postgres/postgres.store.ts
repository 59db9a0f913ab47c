// The networked store: PostgreSQL through node-postgres (a URL opens a pool) or any client with
// the minimal query interface (a pg Client, PGlite). Migrated on open unless told otherwise.
import type { Store } from '@echotrace/core';
import pg from 'pg';
import { postgresDatabase, singleConnectionPool, type PoolLike } from '../database/postgres.dialect.ts';
import { assembleStore } from '../database/store.assembly.ts';
import type { StoreContext } from '../database/unit-of-work.ts';
import { createAnnotationRepository } from './annotation.repository.ts';
import { createArchiveRepository } from './archive.repository.ts';
import { createCaptureRepository } from './capture.repository.ts';
import { createDocumentRepository } from './document.repository.ts';
import { createJobQueue } from './job.queue.ts';
import { migrate } from './migrator.ts';
import { createSearchIndex } from './search.index.ts';
import { createSourceSettingsRepository } from './source-settings.repository.ts';
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
  // Per-dialect repositories not yet written once over Kysely run raw SQL through the unit of work.
  const raw =
    <T>(make: (sql: Sql) => T) =>
    (context: StoreContext) =>
      make(createSql(context));
  const store = assembleStore(postgresDatabase(pool), {
    captures: raw(createCaptureRepository),
    documents: raw(createDocumentRepository),
    annotations: raw(createAnnotationRepository),
    search: raw(createSearchIndex),
    jobs: raw(createJobQueue),
    archive: raw(createArchiveRepository),
    sourceSettings: raw(createSourceSettingsRepository),
  });
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
