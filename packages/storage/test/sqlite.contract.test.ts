import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '@echotrace/storage';
import { describeStoreContract } from './contract/store.contract.ts';

const dirs = new Map<object, string>();

describeStoreContract('SQLite', {
  create() {
    const dir = mkdtempSync(path.join(tmpdir(), 'echotrace-sqlite-'));
    const store = openSqliteStore(path.join(dir, 'test.db'));
    dirs.set(store, dir);
    return Promise.resolve(store);
  },
  async destroy(store) {
    await store.close();
    rmSync(dirs.get(store)!, { recursive: true, force: true });
  },
});
