// The owner of a source (SQLite only for now: the PostgreSQL sources table has no owner column yet).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Source } from '@echotrace/core';
import { openSqliteStore } from '@echotrace/storage';

const base: Source = {
  id: 'volna',
  name: 'Radio Volna',
  kind: 'website',
  homepage: null,
  language: 'ru',
  country: 'RU',
  labels: [],
};

describe('SQLite sources: owner', () => {
  it('keeps the owner, replaces it on upsert, and reads a source without one back unchanged', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'echotrace-owner-'));
    const store = openSqliteStore(path.join(dir, 'test.db'));
    try {
      await store.sources.upsert({ ...base, owner: 'Peresvet Holding (Arkady Zhuravin)' });
      assert.equal((await store.sources.get('volna'))?.owner, 'Peresvet Holding (Arkady Zhuravin)');
      await store.sources.upsert(base);
      assert.deepEqual(await store.sources.get('volna'), base);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
