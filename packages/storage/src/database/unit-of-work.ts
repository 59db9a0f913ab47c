// The ambient unit of work. Repositories never hold a connection: they call `context.db()` for each
// statement, which is the open unit's connection when the call chain is inside
// `store.transaction(work)` (AsyncLocalStorage) and the root Kysely instance otherwise. On SQLite and
// on a single PostgreSQL client the unit holds the only connection, so a query from another async
// caller waits for the unit to settle instead of joining it (and being rolled back with it).
import { AsyncLocalStorage } from 'node:async_hooks';
import { CompiledQuery, type Kysely } from 'kysely';
import type { StoreDatabase, StoreDialect } from './dialect.ts';
import type { Database } from './schema.ts';

/** What every repository is made from. */
export interface StoreContext {
  /** The executor for the next statement: the enclosing unit's connection, else the root. */
  db(): Kysely<Database>;
  readonly dialect: StoreDialect;
  /** Runs work as one unit of work; a nested call joins the enclosing unit. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** Whether the caller is inside a unit of work. */
  inUnit(): boolean;
}

export interface OwnedStoreContext extends StoreContext {
  /** Waits for the units in progress, then closes the database. */
  close(): Promise<void>;
}

export function createStoreContext(database: StoreDatabase): OwnedStoreContext {
  const { kysely: root, dialect } = database;
  const current = new AsyncLocalStorage<Kysely<Database>>();
  const pending = new Set<Promise<unknown>>();
  // Compiled once: a batch of ingest opens a unit per call of several repositories.
  const begin = CompiledQuery.raw(dialect.beginUnit);
  const commit = CompiledQuery.raw('COMMIT');
  const rollback = CompiledQuery.raw('ROLLBACK');

  const transaction = <T>(work: () => Promise<T>): Promise<T> => {
    if (current.getStore()) return work();
    const unit = root.connection().execute(async (connection) => {
      await connection.executeQuery(begin);
      let result: T;
      try {
        result = await current.run(connection, work);
      } catch (error) {
        try {
          await connection.executeQuery(rollback);
        } catch {
          // The failure may have ended the transaction already (a lost connection); the work's
          // error is the one to report.
        }
        throw error;
      }
      await connection.executeQuery(commit);
      return result;
    });
    pending.add(unit);
    void unit.then(
      () => pending.delete(unit),
      () => pending.delete(unit),
    );
    return unit;
  };

  return {
    db: () => current.getStore() ?? root,
    dialect,
    transaction,
    inUnit: () => current.getStore() !== undefined,
    async close() {
      await Promise.allSettled([...pending]);
      await root.destroy();
    },
  };
}
