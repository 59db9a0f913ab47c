// SQLite through better-sqlite3 behind Kysely's SqliteDialect: one connection, so a unit of work
// holds it and every other query waits for the unit to settle instead of joining it.
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, sql, SqliteDialect } from 'kysely';
import {
  translateSqliteError,
  translatingDialect,
  type StoreDatabase,
  type StoreDialect,
} from './dialect.ts';
import type { Database } from './schema.ts';
import { sqliteFullText, sqliteFullTextOn } from './sqlite.full-text.ts';

export const sqliteDialect: StoreDialect = {
  name: 'sqlite',
  // Take the write lock when the unit starts: a deferred BEGIN that upgrades later can fail with
  // SQLITE_BUSY without waiting for busy_timeout.
  beginUnit: 'BEGIN IMMEDIATE',
  translateError: translateSqliteError,
  lockRows: (query) => query,
  jsonText: (json, key) => sql<string | null>`json_extract(${json}, ${'$.' + key})`,
  binaryText: (value) => sql`${value}`,
  decodeBytes: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value as Uint8Array)),
  decodeCount: (value) => Number(value ?? 0),
  fullText: sqliteFullText,
};

/** Statements kept prepared: Kysely's driver prepares each statement on every call. */
const STATEMENT_CACHE_SIZE = 512;

export function sqliteDatabase(db: BetterSqlite3.Database): StoreDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepare = (sql: string): BetterSqlite3.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= STATEMENT_CACHE_SIZE) statements.clear();
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const kysely = new Kysely<Database>({
    dialect: translatingDialect(
      new SqliteDialect({
        database: {
          prepare: (sql: string) => prepare(sql),
          close: () => {
            if (db.open) db.close();
          },
        },
      }),
      translateSqliteError,
    ),
  });
  return { kysely, dialect: { ...sqliteDialect, fullText: sqliteFullTextOn(db) } };
}
