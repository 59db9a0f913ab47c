// Fresh PostgreSQL stores for tests: a new schema on the server named by ECHOTRACE_TEST_PG_URL (or
// DATABASE_URL) when one is set, otherwise a new in-process PGlite database.
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { openPostgresStore, type PostgresStore } from '@echotrace/storage';
import pg from 'pg';

export const serverUrl = process.env.ECHOTRACE_TEST_PG_URL || process.env.DATABASE_URL || null;
export const backendName = serverUrl ? 'PostgreSQL server' : 'PGlite';

/** A URL whose connections use a fresh schema, plus a way to drop it. */
export async function freshSchemaUrl(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `et_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: scoped.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

let pglite: Promise<PGlite> | undefined;
const cleanups = new WeakMap<object, () => Promise<void>>();

export async function createTestStore(): Promise<PostgresStore> {
  if (serverUrl) {
    const fresh = await freshSchemaUrl(serverUrl);
    const store = await openPostgresStore(fresh.url);
    cleanups.set(store, fresh.drop);
    return store;
  }
  // One in-process database per test process (starting PGlite takes seconds); a schema per store.
  pglite ??= PGlite.create();
  const db = await pglite;
  const schema = `et_test_${randomBytes(6).toString('hex')}`;
  await db.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
  return openPostgresStore({
    client: db,
    close: async () => {
      await db.exec(`DROP SCHEMA ${schema} CASCADE; SET search_path TO public`);
    },
  });
}

export async function destroyTestStore(store: PostgresStore): Promise<void> {
  await store.close();
  await cleanups.get(store)?.();
}
