// The embedded default store: one SQLite file in WAL mode, migrated on open.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Store } from '@echotrace/core';
import Database from 'better-sqlite3';
import { sqliteDatabase } from '../database/sqlite.dialect.ts';
import { assembleStore } from '../database/store.assembly.ts';
import type { StoreContext } from '../database/unit-of-work.ts';
import { migrate } from './migrator.ts';

export interface SqliteStore extends Store {
  /** The underlying connection, for `db status`/`migrate` and the copy. */
  readonly db: Database.Database;
  readonly context: StoreContext;
}

export interface SqliteStoreOptions {
  /** Open without applying migrations (for `db status`). */
  migrate?: boolean;
  readonly?: boolean;
  /** How long a statement waits for another process's write lock before SQLITE_BUSY (ms). */
  busyTimeoutMs?: number;
}

// Switching a new file to WAL takes an exclusive lock for which SQLite may not call the busy
// handler, so two processes opening one new file together saw "database is locked" about one
// open in eight (sqlite.migrate-race.test.ts): the switch is retried for up to two seconds.
function whenNotBusy(run: () => unknown): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 0; ; attempt++) {
    try {
      run();
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= 100) throw error;
      Atomics.wait(pause, 0, 0, 20);
    }
  }
}

export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): SqliteStore {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false });
  // First: two processes opening a new file together contend already for the journal mode switch.
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
  if (!options.readonly) {
    whenNotBusy(() => db.pragma('journal_mode = WAL'));
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  // Search joins index hits to document rows at random; keep hot pages in memory, not behind syscalls.
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 268435456');
  if (options.migrate !== false && !options.readonly) migrate(db);

  const store = assembleStore(sqliteDatabase(db));
  Object.defineProperty(store, 'db', { value: db, enumerable: true });
  return store as SqliteStore;
}
