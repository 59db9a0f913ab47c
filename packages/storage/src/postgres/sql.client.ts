// Raw-SQL access for what is still written as SQL text (the migrator, `db status` and the copy):
// every statement goes through the store's unit of work,
// so it runs on the open unit's connection inside `transaction(work)` and waits for it outside.
import { CompiledQuery } from 'kysely';
import type { StoreContext } from '../database/unit-of-work.ts';

export type { QueryClient } from '../database/postgres.dialect.ts';

export interface Sql {
  rows<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Number of rows the statement changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
  exec(sql: string): Promise<void>;
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** Waits for the running unit of work, if any (close() waits too). */
  idle(): Promise<void>;
}

export function createSql(context: StoreContext): Sql {
  const query = (sql: string, params: unknown[] = []) =>
    context.db().executeQuery<unknown>(CompiledQuery.raw(sql, params));
  return {
    async rows<T>(sql: string, params?: unknown[]) {
      return (await query(sql, params)).rows as T[];
    },
    async run(sql, params) {
      return Number((await query(sql, params)).numAffectedRows ?? 0);
    },
    async exec(sql) {
      await query(sql);
    },
    transaction: (work) => context.transaction(work),
    async idle() {},
  };
}
