// Driver errors translated once, in the dialect seam: a constraint violation is a ConflictError on
// every database; a busy SQLite file, and a PostgreSQL serialization failure or lock timeout, an
// OperationalError (the type the worker retries).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConflictError, OperationalError, type Store } from '@echotrace/core';
import { openPostgresStore, openSqliteStore, type PostgresStore, type SqliteStore } from '@echotrace/storage';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { buildSource } from './contract/builders.ts';
import { EVERY_DIALECT } from './every-dialect.ts';
import { freshSchemaUrl, serverUrl } from './postgres.fixture.ts';

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

// A second session is needed to conflict with: PGlite is one connection, so these need a server.
const needsServer = serverUrl
  ? false
  : 'needs a PostgreSQL server (ECHOTRACE_TEST_PG_URL); PGlite has one session';

describe('Store errors: PostgreSQL concurrency', { skip: needsServer }, () => {
  const withStoreAndSession = async (
    test: (store: PostgresStore, session: pg.Client) => Promise<void>,
  ): Promise<void> => {
    const fresh = await freshSchemaUrl(serverUrl!);
    const store = await openPostgresStore(fresh.url);
    const session = new pg.Client({ connectionString: fresh.url });
    await session.connect();
    try {
      await store.sources.upsert(buildSource({ id: 'contended', name: 'Before' }));
      await test(store, session);
    } finally {
      await session.end();
      await store.close();
      await fresh.drop();
    }
  };

  it('a serialization failure is an OperationalError, and the unit is rolled back', async () => {
    await withStoreAndSession(async (store, session) => {
      const unit = store.transaction(async () => {
        await sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ`.execute(store.context.db());
        assert.equal((await store.sources.get('contended'))?.name, 'Before', 'the snapshot is taken');
        // Another session changes the row after the unit's snapshot and commits.
        await session.query(`UPDATE sources SET name = 'Other' WHERE id = 'contended'`);
        await store.sources.upsert(buildSource({ id: 'unit-write', name: 'Unit' }));
        await store.sources.upsert(buildSource({ id: 'contended', name: 'Unit' }));
      });
      const error = await unit.then(
        () => null,
        (caught: unknown) => caught,
      );
      assert.ok(error instanceof OperationalError, `got ${String(error)}`);
      assert.match(error.message, /serialization failure \(40001\)/);
      assert.equal((error.cause as { code?: string }).code, '40001', 'keeps the driver error as cause');
      assert.equal((await store.sources.get('contended'))?.name, 'Other');
      assert.equal(await store.sources.get('unit-write'), null, 'the failed unit rolled back');
    });
  });

  it('a lock wait past lock_timeout is an OperationalError', async () => {
    await withStoreAndSession(async (store, session) => {
      await session.query('BEGIN');
      await session.query(`SELECT * FROM sources WHERE id = 'contended' FOR UPDATE`);
      try {
        await assert.rejects(
          store.transaction(async () => {
            await sql`SET LOCAL lock_timeout = '100ms'`.execute(store.context.db());
            await store.sources.upsert(buildSource({ id: 'contended', name: 'Unit' }));
          }),
          (error: unknown) =>
            error instanceof OperationalError && /lock not available \(55P03\)/.test(error.message),
        );
      } finally {
        await session.query('ROLLBACK');
      }
      await store.sources.upsert(buildSource({ id: 'contended', name: 'After' }));
      assert.equal((await store.sources.get('contended'))?.name, 'After', 'works once the lock is gone');
    });
  });
});
