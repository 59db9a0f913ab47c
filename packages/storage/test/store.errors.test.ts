// Driver errors translated once, in the dialect seam: a constraint violation is a ConflictError on
// every database, a busy SQLite file an OperationalError (the type the worker retries).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConflictError, OperationalError, type Store } from '@echotrace/core';
import { openSqliteStore, type SqliteStore } from '@echotrace/storage';
import Database from 'better-sqlite3';
import { buildSource } from './contract/builders.ts';
import { EVERY_DIALECT } from './every-dialect.ts';

const contextOf = (store: Store) => (store as SqliteStore).context;

for (const { name, factory } of EVERY_DIALECT) {
  describe(`Store errors: ${name}`, () => {
    it('a duplicate primary key is a ConflictError naming the table', async () => {
      const store = await factory.create();
      try {
        const row = { id: 'dup', name: 'Dup', kind: 'news', labels: '[]' };
        await contextOf(store).db().insertInto('sources').values(row).execute();
        const error = await contextOf(store)
          .db()
          .insertInto('sources')
          .values(row)
          .execute()
          .then(
            () => null,
            (caught: unknown) => caught,
          );
        assert.ok(error instanceof ConflictError, `got ${String(error)}`);
        assert.equal(error.table, 'sources');
        assert.ok(error.cause, 'keeps the driver error as cause');
      } finally {
        await factory.destroy(store);
      }
    });

    it('a missing foreign key is a ConflictError', async () => {
      const store = await factory.create();
      try {
        await assert.rejects(
          contextOf(store)
            .db()
            .insertInto('source_settings')
            .values({ source_id: 'nowhere', poll_interval_minutes: 5 })
            .execute(),
          ConflictError,
        );
      } finally {
        await factory.destroy(store);
      }
    });
  });
}

describe('Store errors: SQLite busy', () => {
  it('a write while another connection holds the write lock is an OperationalError', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'echotrace-busy-'));
    const file = path.join(dir, 'busy.db');
    const store = openSqliteStore(file, { busyTimeoutMs: 0 });
    const other = new Database(file);
    try {
      other.pragma('busy_timeout = 0');
      other.exec('BEGIN IMMEDIATE');
      await assert.rejects(store.sources.upsert(buildSource({ id: 'busy' })), OperationalError);
      await assert.rejects(
        store.transaction(() => store.sources.upsert(buildSource({ id: 'busy' }))),
        OperationalError,
      );
      other.exec('ROLLBACK');
      await store.sources.upsert(buildSource({ id: 'busy' }));
      assert.ok(await store.sources.get('busy'), 'works again once the lock is released');
    } finally {
      other.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
