// Real stores for the server's tests on every database: a SQLite file in a temp folder, and
// PostgreSQL (a fresh schema on the server named by ECHOTRACE_TEST_PG_URL, else in-process PGlite,
// as the storage contract suites do).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Store } from '@echotrace/core';
import { openPostgresStore, openSqliteStore } from '@echotrace/storage';
import pg from 'pg';

export interface TestStore {
  store: Store;
  destroy(): Promise<void>;
}

const serverUrl = process.env.ECHOTRACE_TEST_PG_URL || process.env.DATABASE_URL || null;
let pglite: Promise<PGlite> | undefined;

async function sqliteStore(): Promise<TestStore> {
  const dir = mkdtempSync(path.join(tmpdir(), 'echotrace-server-'));
  const store = openSqliteStore(path.join(dir, 'test.db'));
  return {
    store,
    async destroy() {
      await store.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresStore(): Promise<TestStore> {
  const schema = `et_server_${randomBytes(6).toString('hex')}`;
  if (serverUrl) {
    const run = async (statement: string) => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(statement);
      await client.end();
    };
    await run(`CREATE SCHEMA ${schema}`);
    const scoped = new URL(serverUrl);
    scoped.searchParams.set('options', `-c search_path=${schema}`);
    const store = await openPostgresStore(scoped.toString());
    return {
      store,
      async destroy() {
        await store.close().catch(() => undefined);
        await run(`DROP SCHEMA ${schema} CASCADE`);
      },
    };
  }
  pglite ??= PGlite.create();
  const db = await pglite;
  await db.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
  const store = await openPostgresStore({
    client: db,
    close: async () => {
      await db.exec(`DROP SCHEMA ${schema} CASCADE; SET search_path TO public`);
    },
  });
  return { store, destroy: () => store.close().catch(() => undefined) };
}

export const EVERY_DATABASE: ReadonlyArray<{ name: string; create: () => Promise<TestStore> }> = [
  { name: 'SQLite', create: sqliteStore },
  { name: serverUrl ? 'PostgreSQL server' : 'PostgreSQL (PGlite)', create: postgresStore },
];
