// The dialect seam: the one place where SQLite and PostgreSQL differ. Repositories are written once
// over Kysely; whatever the query builder cannot say the same way for both databases is asked of a
// StoreDialect. Keep it small: an item belongs here only if the two databases really differ in it.
import { ConflictError, OperationalError } from '@echotrace/core';
import type {
  DatabaseConnection,
  Dialect,
  Driver,
  Expression,
  Kysely,
  RawBuilder,
  SelectQueryBuilder,
} from 'kysely';
import type { FullTextDialect } from './full-text.ts';
import type { Database } from './schema.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any select of any table
export type AnySelect = SelectQueryBuilder<any, any, any>;

export type DialectName = 'sqlite' | 'postgres';

export interface StoreDialect {
  readonly name: DialectName;
  /** The statement that opens a unit of work (SQLite takes the write lock up front). */
  readonly beginUnit: string;
  /**
   * A driver error as our typed errors: busy/locked/connection lost/serialization → OperationalError
   * (retried by the worker), constraint violations → ConflictError; anything else unchanged.
   */
  translateError(error: unknown): unknown;
  /**
   * Locks the selected rows until the unit of work ends: FOR UPDATE (skipLocked: FOR UPDATE SKIP
   * LOCKED, so that workers on many machines claim disjoint rows) on PostgreSQL; unchanged on SQLite,
   * where a unit of work already holds the one write lock (BEGIN IMMEDIATE) and FOR UPDATE is a
   * syntax error.
   */
  lockRows<QB extends AnySelect>(query: QB, options?: { skipLocked?: boolean }): QB;
  /**
   * The text value of a top-level key of a JSON TEXT column: json_extract on SQLite, ->> on a jsonb
   * cast on PostgreSQL.
   */
  jsonText(json: Expression<string | null>, key: string): RawBuilder<string | null>;
  /**
   * A text expression compared byte-wise (code point order), as SQLite's default BINARY collation
   * does; on PostgreSQL a computed or joined text takes the database collation unless told COLLATE "C".
   */
  binaryText<T extends string | null>(value: Expression<T>): RawBuilder<T>;
  /** Bytes read back from a BLOB/BYTEA column, as a Buffer. */
  decodeBytes(value: unknown): Buffer;
  /** Row counts the database returns as string (node-postgres int8) or number, as a number. */
  decodeCount(value: unknown): number;
  /** The full-text index: how it is written, how a query is spelled and ranked (full-text.ts). */
  readonly fullText: FullTextDialect;
}

/** How a database is reached: the Kysely instance plus its seam. */
export interface StoreDatabase {
  readonly kysely: Kysely<Database>;
  readonly dialect: StoreDialect;
}

/**
 * Wraps a Kysely dialect so that every statement's driver error goes through translate: driver
 * errors are translated once, here, not in each repository.
 */
export function translatingDialect(inner: Dialect, translate: (error: unknown) => unknown): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createDriver(): Driver {
      const driver = inner.createDriver();
      // Delegates (not a prototype copy): the drivers' connections keep private fields.
      const wrap = (connection: DatabaseConnection): DatabaseConnection => {
        const wrapped: DatabaseConnection = {
          async executeQuery(query, options) {
            try {
              return await connection.executeQuery(query, options);
            } catch (error) {
              throw translate(error);
            }
          },
          streamQuery: (query, chunkSize, options) => connection.streamQuery(query, chunkSize, options),
        };
        if (connection.cancelQuery) wrapped.cancelQuery = (provider) => connection.cancelQuery!(provider);
        if (connection.killSession) wrapped.killSession = (provider) => connection.killSession!(provider);
        if (connection.collectSessionInfo)
          wrapped.collectSessionInfo = () => connection.collectSessionInfo!();
        return wrapped;
      };
      const connections = new WeakMap<DatabaseConnection, DatabaseConnection>();
      const original = (connection: DatabaseConnection) => connections.get(connection) ?? connection;
      const guard = async <T>(run: () => Promise<T>): Promise<T> => {
        try {
          return await run();
        } catch (error) {
          throw translate(error);
        }
      };
      return {
        init: (options) => guard(() => driver.init(options)),
        async acquireConnection(options) {
          const connection = await guard(() => driver.acquireConnection(options));
          const wrapped = wrap(connection);
          connections.set(wrapped, connection);
          return wrapped;
        },
        beginTransaction: (connection, settings) =>
          guard(() => driver.beginTransaction(original(connection), settings)),
        commitTransaction: (connection) => guard(() => driver.commitTransaction(original(connection))),
        rollbackTransaction: (connection) => guard(() => driver.rollbackTransaction(original(connection))),
        releaseConnection: (connection, options) => driver.releaseConnection(original(connection), options),
        destroy: (options) => driver.destroy(options),
      };
    },
  };
}

const errorCode = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
    ? (error as { code: string }).code
    : undefined;

/** SQLite's result codes as better-sqlite3 reports them (SQLITE_BUSY, SQLITE_CONSTRAINT_UNIQUE…). */
export function translateSqliteError(error: unknown): unknown {
  const code = errorCode(error);
  if (!code || error instanceof OperationalError || error instanceof ConflictError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new OperationalError(`SQLite database is busy (${code}): ${message}`, { cause: error });
  }
  if (/^SQLITE_CONSTRAINT_(PRIMARYKEY|UNIQUE|FOREIGNKEY|CHECK)$/.test(code)) {
    // "UNIQUE constraint failed: sources.id" names table.column; a foreign key failure names nothing.
    const named = /constraint failed: ([A-Za-z0-9_]+)\.([A-Za-z0-9_, .]+)/.exec(message);
    return new ConflictError(message, {
      table: named?.[1] ?? null,
      constraint: named ? `${code.slice('SQLITE_CONSTRAINT_'.length).toLowerCase()}(${named[2]})` : code,
      cause: error,
    });
  }
  return error;
}

/** SQLSTATE codes (node-postgres and PGlite both carry them as error.code). */
export function translatePostgresError(error: unknown): unknown {
  const code = errorCode(error);
  if (!code || error instanceof OperationalError || error instanceof ConflictError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const lost = ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03'];
  if (lost.includes(code) || code.startsWith('08')) {
    return new OperationalError(`PostgreSQL connection lost (${code}): ${message}`, { cause: error });
  }
  if (code === '40001' || code === '40P01' || code === '55P03') {
    const what = { '40001': 'serialization failure', '40P01': 'deadlock', '55P03': 'lock not available' }[
      code
    ];
    return new OperationalError(`PostgreSQL ${what} (${code}): ${message}`, { cause: error });
  }
  if (code === '23505' || code === '23503' || code === '23514') {
    const detail = error as { table?: string; constraint?: string };
    return new ConflictError(message, {
      table: detail.table ?? null,
      constraint: detail.constraint ?? code,
      cause: error,
    });
  }
  return error;
}
