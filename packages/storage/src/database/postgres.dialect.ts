// PostgreSQL behind Kysely's PostgresDialect: over a node-postgres Pool (a URL), or over one client
// with the minimal query interface (PGlite in tests, a pg.Client) through a one-connection pool of
// ours, so that a unit of work holds the connection and other queries wait for it.
import { Kysely, PostgresDialect, sql } from 'kysely';
import {
  translatePostgresError,
  translatingDialect,
  type AnySelect,
  type StoreDatabase,
  type StoreDialect,
} from './dialect.ts';
import type { Database } from './schema.ts';
import { postgresFullText } from './postgres.full-text.ts';

export const postgresDialect: StoreDialect = {
  name: 'postgres',
  beginUnit: 'BEGIN',
  translateError: translatePostgresError,
  lockRows: <QB extends AnySelect>(query: QB, options?: { skipLocked?: boolean }): QB =>
    (options?.skipLocked ? query.forUpdate().skipLocked() : query.forUpdate()) as QB,
  // ::text: with an untyped parameter `jsonb ->> $1` is ambiguous (text key or integer index).
  jsonText: (json, key) => sql<string | null>`(${json}::jsonb ->> ${key}::text)`,
  binaryText: (value) => sql`(${value} COLLATE "C")`,
  decodeBytes: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value as Uint8Array)),
  decodeCount: (value) => Number(value ?? 0),
  fullText: postgresFullText,
};

export interface QueryResultLike {
  rows: unknown[];
  rowCount?: number | null;
  affectedRows?: number;
  command?: string;
}

/** One connection that answers queries: a pg.Client, or PGlite (which also has exec). */
export interface QueryClient {
  query(sql: string, params?: unknown[]): Promise<QueryResultLike>;
  /** Multi-statement SQL without parameters (PGlite; node-postgres runs it through query()). */
  exec?(sql: string): Promise<Array<QueryResultLike>>;
}

interface PooledClient {
  query(sql: string, params: readonly unknown[]): Promise<QueryResultLike>;
  release(): void;
}

export interface PoolLike {
  connect(): Promise<PooledClient>;
  end(): Promise<void>;
}

/**
 * A pool of exactly one connection over client: connect() waits until the previous holder released
 * it. Results are given the shape node-postgres returns (command, rowCount), which Kysely reads.
 */
export function singleConnectionPool(client: QueryClient, close: () => Promise<void>): PoolLike {
  let tail: Promise<unknown> = Promise.resolve();
  const run = async (sql: string, params: readonly unknown[]): Promise<QueryResultLike> => {
    // Migrations are many statements in one string: PGlite runs those through exec only.
    const result =
      params.length === 0 && client.exec
        ? ((await client.exec(sql)).at(-1) ?? { rows: [] })
        : await client.query(sql, [...params]);
    return {
      rows: result.rows ?? [],
      rowCount: result.rowCount ?? result.affectedRows ?? 0,
      command: result.command ?? /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase(),
    };
  };
  return {
    connect() {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const acquired = tail.then(() => ({ query: run, release }));
      tail = acquired.then(() => held);
      return acquired;
    },
    async end() {
      await tail;
      await close();
    },
  };
}

export function postgresDatabase(pool: PoolLike): StoreDatabase {
  const kysely = new Kysely<Database>({
    dialect: translatingDialect(
      // The pool's client type is ours, not pg's: Kysely only calls connect/query/release/end.
      new PostgresDialect({ pool: pool as never }),
      translatePostgresError,
    ),
  });
  return { kysely, dialect: postgresDialect };
}
