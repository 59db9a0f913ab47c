import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '@echotrace/storage';
import { describeDuplicateRepositoryContract } from './contract/duplicate.contract.ts';

const dirs = new Map<object, string>();

describeDuplicateRepositoryContract('SQLite', {
  async create() {
    const dir = mkdtempSync(path.join(tmpdir(), 'echotrace-duplicates-'));
    const store = openSqliteStore(path.join(dir, 'test.db'));
    dirs.set(store, dir);
    return store;
  },
  async destroy(store) {
    await store.close();
    rmSync(dirs.get(store)!, { recursive: true, force: true });
  },
});
