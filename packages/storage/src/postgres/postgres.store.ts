// The networked store: PostgreSQL through node-postgres (a URL opens a pool) or any client with
// the minimal query interface (a pg Client, PGlite). Migrated on open unless told otherwise.
import type { Store } from '@echotrace/core';
import pg from 'pg';
import { createAnnotationRepository } from './annotation.repository.ts';
import { createArchiveRepository } from './archive.repository.ts';
import { createCaptureRepository } from './capture.repository.ts';
import { createDocumentRepository } from './document.repository.ts';
import { createDuplicateRepository } from './duplicate.repository.ts';
import { createEntityRepository } from './entity.repository.ts';
import { createJobQueue } from './job.queue.ts';
import { migrate } from './migrator.ts';
import { createSanctionsRepository } from './sanctions.repository.ts';
import { createSearchIndex } from './search.index.ts';
import { createSourceSettingsRepository } from './source-settings.repository.ts';
import { createSourceRepository } from './source.repository.ts';
import { createSql, type QueryClient, type Sql } from './sql.client.ts';

export interface PostgresStore extends Store {
  /** The query layer, for adapters of later ports and for `db status`. */
  readonly sql: Sql;
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
  let client: QueryClient;
  let release: () => Promise<void>;
  if (typeof target === 'string') {
    const pool = new pg.Pool({ connectionString: target, max: options.maxConnections ?? 4 });
    client = pool;
    release = () => pool.end();
  } else {
    client = target.client;
    release = target.close ?? (async () => undefined);
  }
  const sql = createSql(client);
  try {
    if (options.migrate !== false) await migrate(sql);
  } catch (error) {
    await release();
    throw error;
  }
  return {
    sql,
    sources: createSourceRepository(sql),
    captures: createCaptureRepository(sql),
    documents: createDocumentRepository(sql),
    annotations: createAnnotationRepository(sql),
    search: createSearchIndex(sql),
    jobs: createJobQueue(sql),
    entities: createEntityRepository(sql),
    archive: createArchiveRepository(sql),
    sourceSettings: createSourceSettingsRepository(sql),
    sanctions: createSanctionsRepository(sql),
    duplicates: createDuplicateRepository(sql),
    transaction: (work) => sql.transaction(work),
    async close() {
      await sql.idle();
      await release();
    },
  };
}
