// db backup / restore at the storage level: a SQLite backup is one checked file, restore makes a
// new store from it and never overwrites one, and a store from release 0.1.0 comes back migrated
// forward with what it held.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { InputError } from '@echotrace/core';
import {
  backupStore,
  openPostgresStore,
  openSqliteStore,
  restoreStore,
  sqliteMigrationStatus,
} from '@echotrace/storage';
import Database from 'better-sqlite3';
import pg from 'pg';
import { freshSchemaUrl, serverUrl } from './postgres.fixture.ts';
import { DOCUMENTS, SOURCES } from './fixtures/release-fixture.data.ts';

const dir = () => mkdtempSync(path.join(tmpdir(), 'echotrace-backup-'));

function releaseStore(file: string): void {
  const raw = new Database(file);
  // As migration-forward.test.ts: the dump writes sqlite_schema, which defensive mode forbids.
  raw.unsafeMode(true);
  raw.exec(readFileSync(path.join(import.meta.dirname, 'fixtures', 'release-0.1.0.sqlite.sql'), 'utf8'));
  raw.close();
}

describe('store backup and restore (SQLite)', () => {
  it('a store from release 0.1.0 is backed up, restored into a new path and migrated forward', async () => {
    const root = dir();
    const old = path.join(root, 'old.db');
    releaseStore(old);
    const pendingBefore = (() => {
      const db = new Database(old);
      try {
        return sqliteMigrationStatus(db)
          .filter((m) => m.appliedAt === null)
          .map((m) => m.version);
      } finally {
        db.close();
      }
    })();
    assert.ok(pendingBefore.length > 0, 'the release store predates some migrations');

    const backup = path.join(root, 'old.backup.db');
    const report = await backupStore({ dbPath: old }, backup);
    assert.equal(report.check, 'ok');
    assert.ok(!existsSync(`${backup}-wal`), 'the backup is one file');

    const restored = path.join(root, 'restored', 'new.db');
    const result = await restoreStore({ dbPath: restored }, backup);
    assert.deepEqual(result.migrated, pendingBefore);
    const store = openSqliteStore(restored);
    try {
      assert.deepEqual((await store.sources.list()).map((s) => s.id).sort(), SOURCES.map((s) => s.id).sort());
      assert.equal((await store.documents.list({ limit: 1000 })).length, DOCUMENTS.length);
      const integrity = store.db.pragma('integrity_check', { simple: true });
      assert.equal(integrity, 'ok');
    } finally {
      await store.close();
    }
  });

  it('refuses to overwrite: an existing backup file, an existing database, a damaged backup', async () => {
    const root = dir();
    const db = path.join(root, 'a.db');
    openSqliteStore(db).db.close();
    const taken = path.join(root, 'taken.db');
    writeFileSync(taken, 'precious');
    await assert.rejects(
      backupStore({ dbPath: db }, taken),
      (e: unknown) => e instanceof InputError && /exists already/.test(e.message),
    );
    assert.equal(readFileSync(taken, 'utf8'), 'precious');
    await assert.rejects(restoreStore({ dbPath: taken }, db), /exists already/);
    assert.equal(readFileSync(taken, 'utf8'), 'precious');
    const damaged = path.join(root, 'damaged.db');
    writeFileSync(damaged, 'SQLite format 3\u0000' + 'x'.repeat(5000));
    await assert.rejects(restoreStore({ dbPath: path.join(root, 'b.db') }, damaged), InputError);
    assert.ok(!existsSync(path.join(root, 'b.db')));
    const notOurs = path.join(root, 'other.db');
    new Database(notOurs).exec('CREATE TABLE t (x)');
    await assert.rejects(
      restoreStore({ dbPath: path.join(root, 'c.db') }, notOurs),
      /not an Echotrace database/,
    );
  });
});

describe(
  'store backup and restore (PostgreSQL, pg_dump)',
  { skip: serverUrl ? false : 'set ECHOTRACE_TEST_PG_URL' },
  () => {
    it('a store is dumped, restored into a new database, and a non-empty target is refused', async () => {
      const fresh = await freshSchemaUrl(serverUrl!);
      const database = `et_restore_${process.pid}_${Date.now()}`;
      const admin = new pg.Client({ connectionString: serverUrl! });
      await admin.connect();
      try {
        const store = await openPostgresStore(fresh.url);
        try {
          await store.transaction(() => store.sources.upsert(SOURCES[0]!));
        } finally {
          await store.close();
        }
        const file = path.join(dir(), 'pg.dump');
        const report = await backupStore({ dbPath: '', databaseUrl: fresh.url }, file);
        assert.equal(report.store, 'postgres');
        assert.match(report.check, /^\d+ tables$/);

        await assert.rejects(restoreStore({ dbPath: '', databaseUrl: fresh.url }, file), /is not empty/);

        await admin.query(`CREATE DATABASE ${database}`);
        const target = new URL(fresh.url);
        target.pathname = `/${database}`;
        const restored = await restoreStore({ dbPath: '', databaseUrl: target.toString() }, file);
        assert.deepEqual(restored.migrated, []);
        const copy = await openPostgresStore(target.toString());
        try {
          assert.deepEqual(
            (await copy.sources.list()).map((s) => s.id),
            [SOURCES[0]!.id],
          );
        } finally {
          await copy.close();
        }
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${database}`);
        await admin.end();
        await fresh.drop();
      }
    });
  },
);
