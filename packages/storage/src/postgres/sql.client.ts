// The minimal query interface the PostgreSQL adapter needs, so that node-postgres (Client or Pool)
// and PGlite (in-process WASM PostgreSQL) both plug in. Transactions follow the async call chain
// (AsyncLocalStorage): every query made inside `transaction(work)` runs on the transaction's
// connection, and on a single shared connection other callers wait until the unit settles.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface QueryResultLike {
  rows: unknown[];
  rowCount?: number | null;
  affectedRows?: number;
}

export interface QueryClient {
  query(sql: string, params?: unknown[]): Promise<QueryResultLike>;
  /** Multi-statement SQL (PGlite's exec); node-postgres runs it through query() without params. */
  exec?(sql: string): Promise<unknown>;
}

export interface PoolLike extends QueryClient {
  connect(): Promise<QueryClient & { release(): void }>;
}

export interface Sql {
  rows<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Number of rows the statement changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
  exec(sql: string): Promise<void>;
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** Waits for the running unit of work, if any. */
  idle(): Promise<void>;
}

const isPool = (client: QueryClient): client is PoolLike =>
  typeof (client as Partial<PoolLike>).connect === 'function' &&
  // pg.Client has connect() too, but only Pool has totalCount.
  typeof (client as { totalCount?: unknown }).totalCount === 'number';

export function createSql(root: QueryClient): Sql {
  const context = new AsyncLocalStorage<QueryClient>();
  const pooled = isPool(root);
  // On a single connection, one unit at a time; queries outside a unit queue behind it.
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = tail.then(work, work);
    tail = next.catch(() => undefined);
    return next;
  };

  const query = (sql: string, params?: unknown[]): Promise<QueryResultLike> => {
    const current = context.getStore();
    if (current) return current.query(sql, params);
    if (pooled) return root.query(sql, params);
    return exclusive(() => root.query(sql, params));
  };

  const runUnit = async <T>(client: QueryClient, work: () => Promise<T>): Promise<T> => {
    await client.query('BEGIN');
    try {
      const result = await context.run(client, work);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  };

  return {
    async rows<T>(sql: string, params?: unknown[]) {
      return (await query(sql, params)).rows as T[];
    },
    async run(sql, params) {
      const result = await query(sql, params);
      return result.rowCount ?? result.affectedRows ?? 0;
    },
    async exec(sql) {
      const current = context.getStore();
      const target = current ?? root;
      const go = async (): Promise<void> => {
        if (target.exec) await target.exec(sql);
        else await target.query(sql);
      };
      if (current || pooled) await go();
      else await exclusive(go);
    },
    transaction<T>(work: () => Promise<T>): Promise<T> {
      // Nested units join the enclosing one.
      if (context.getStore()) return work();
      if (pooled) {
        return (async () => {
          const client = await root.connect();
          try {
            return await runUnit(client, work);
          } finally {
            client.release();
          }
        })();
      }
      return exclusive(() => runUnit(root, work));
    },
    async idle() {
      await tail;
    },
  };
}
