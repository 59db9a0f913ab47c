// Statements built and compiled once, then run with new values: the hot paths (a batch of ingest
// writes several statements per document) would otherwise spend as much time building and
// compiling Kysely trees as SQLite spends running them. A statement is built with named slots in
// place of its values; compiling it records which bind parameter is which slot, and each run binds
// the caller's values in that order. The SQL string is the same object every run, so the SQLite
// driver's statement cache finds it without rehashing.
import { CompiledQuery, type Compilable, type Kysely, type QueryResult, type RawBuilder } from 'kysely';
import type { Database } from './schema.ts';
import type { StoreContext } from './unit-of-work.ts';

const SLOT = Symbol('slot');

interface Slot {
  readonly [SLOT]: string;
}

const isSlot = (value: unknown): value is Slot =>
  typeof value === 'object' && value !== null && SLOT in value;

/** A named value slot, typed as the value it stands for. Only scalars: a list would be expanded. */
export type SlotOf<P> = <K extends keyof P & string>(name: K) => P[K];

export type PreparedStatement<P, R> = (params: P) => Promise<QueryResult<R>>;

/**
 * A statement over context, compiled on first run (for the store's own dialect) and reused. Every
 * value that varies between runs must come from slot(); other values are fixed at compile time.
 */
export function prepared<P extends Record<string, unknown>, R = unknown>(
  context: StoreContext,
  build: (db: Kysely<Database>, slot: SlotOf<P>) => Compilable<R> | RawBuilder<R>,
): PreparedStatement<P, R> {
  let compiled: { sql: string; bind: Array<(params: P) => unknown> } | undefined;
  const compile = () => {
    const slot = ((name: string) => ({ [SLOT]: name }) as Slot) as unknown as SlotOf<P>;
    const db = context.db();
    const built = build(db, slot);
    const query = 'isRawBuilder' in built ? built.compile(db) : built.compile();
    return {
      sql: query.sql,
      bind: query.parameters.map((value) =>
        isSlot(value) ? (params: P) => params[value[SLOT]] : () => value,
      ),
    };
  };
  return (params) => {
    compiled ??= compile();
    const parameters = compiled.bind.map((bind) => bind(params));
    return context.db().executeQuery<R>(CompiledQuery.raw(compiled.sql, parameters));
  };
}
