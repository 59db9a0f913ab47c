// The embedded default store: one SQLite file in WAL mode, migrated on open.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Store } from '@echotrace/core';
import Database from 'better-sqlite3';
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

export interface SqliteStore extends Store {
  /** The underlying connection, for adapters of later ports that share the file. */
  readonly db: Database.Database;
}

export interface SqliteStoreOptions {
  /** Open without applying migrations (for `db status`). */
  migrate?: boolean;
  readonly?: boolean;
}

export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): SqliteStore {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false });
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Search joins index hits to document rows at random; keep hot pages in memory, not behind syscalls.
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 268435456');
  if (options.migrate !== false && !options.readonly) migrate(db);

  // Units of work run one at a time: a second transaction waits for the first to settle.
  let tail: Promise<unknown> = Promise.resolve();
  const transaction = <T>(work: () => Promise<T>): Promise<T> => {
    const run = async (): Promise<T> => {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work();
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    };
    const next = tail.then(run, run);
    tail = next.catch(() => undefined);
    return next;
  };

  // Repositories prepare their statements on first use, not here: a store opened without migrating
  // (`db status`, or `db copy` from a file made by an older version) must not fail on tables that
  // are not there yet and that it never touches.
  const once = <T>(make: (database: Database.Database) => T): (() => T) => {
    let made: T | undefined;
    return () => (made ??= make(db));
  };
  const sources = once(createSourceRepository);
  const captures = once(createCaptureRepository);
  const documents = once(createDocumentRepository);
  const annotations = once(createAnnotationRepository);
  const entities = once(createEntityRepository);
  const archive = once(createArchiveRepository);
  const sourceSettings = once(createSourceSettingsRepository);
  const sanctions = once(createSanctionsRepository);
  const duplicates = once(createDuplicateRepository);
  const search = once(createSearchIndex);
  const jobs = once(createJobQueue);

  return {
    db,
    get sources() {
      return sources();
    },
    get captures() {
      return captures();
    },
    get documents() {
      return documents();
    },
    get annotations() {
      return annotations();
    },
    get entities() {
      return entities();
    },
    get archive() {
      return archive();
    },
    get sourceSettings() {
      return sourceSettings();
    },
    get sanctions() {
      return sanctions();
    },
    get duplicates() {
      return duplicates();
    },
    get search() {
      return search();
    },
    get jobs() {
      return jobs();
    },
    transaction,
    async close() {
      await tail;
      if (db.open) db.close();
    },
  };
}
