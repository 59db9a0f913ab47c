// A fresh SQLite store in its own temp folder per test, for the contract suites.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Store } from '@echotrace/core';
import { openSqliteStore } from '@echotrace/storage';

const dirs = new Map<object, string>();

export const sqliteStoreFactory = {
  async create(): Promise<Store> {
    const dir = mkdtempSync(path.join(tmpdir(), 'echotrace-sqlite-'));
    const store = openSqliteStore(path.join(dir, 'test.db'));
    dirs.set(store, dir);
    return store;
  },
  async destroy(store: Store): Promise<void> {
    await store.close();
    rmSync(dirs.get(store)!, { recursive: true, force: true });
    dirs.delete(store);
  },
};
