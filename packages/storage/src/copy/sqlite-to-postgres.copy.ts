// Copies a SQLite store into a PostgreSQL store table by table, in keyset-ordered batches, each
// batch one transaction with ON CONFLICT DO NOTHING: an interrupted copy keeps its committed
// batches, and a re-run inserts only what is missing (nothing is copied twice). Version history,
// annotations, near-duplicate signatures, groups and forwards, the knowledge base with its decision
// log, the archive, source settings and sanctions lists with their history are copied as rows, so
// the target holds exactly what the source held. Jobs are not copied: they belong to the running
// system, not to the corpus.
//
// Rows keyed by a counter (signature sequence, decision seq, import id, and SQLite's rowid for the
// keyless sanctions name and relation rows) keep their numbers, and the target's sequence is moved
// past them afterwards. Such keys only mean "the same row" between a source and its own copy, so
// the target should be empty or an earlier (interrupted) copy of the same source.
import type { SqliteStore } from '../sqlite/sqlite.store.ts';
import type { PostgresStore } from '../postgres/postgres.store.ts';
import { searchVector } from '../database/postgres.full-text.ts';

interface TableSpec {
  table: string;
  batch: number;
  /** Keyset order, when it is not the SQLite primary key. */
  key?: string[];
  /** Columns both databases have that are not copied (the target numbers them itself). */
  omit?: string[];
  /** Extra target columns computed from the row. */
  computed?: { column: string; cast: string; value: (row: Record<string, unknown>) => unknown };
  /** Source expressions for columns that SQLite holds under another name (`seq` from `rowid`). */
  from?: Record<string, string>;
}

// Which columns are copied is read from the two schemas, not listed here: every column both tables
// have (generated ones excluded), so a migration that adds a column to both adapters is copied
// without touching this file, and a source made by an older version copies the columns it has
// (the target's defaults apply to the rest, as a migration would have left them). Counter columns
// are found the same way, by their sequence default on the target. In dependency order:
const TABLES: TableSpec[] = [
  { table: 'sources', batch: 500 },
  { table: 'captures', batch: 100 },
  {
    table: 'documents',
    // The documents' row numbers are the search index's internal keys, local to each database.
    key: ['id'],
    omit: ['rowid'],
    batch: 200,
    computed: {
      column: 'search_vector',
      cast: '::tsvector',
      value: (row) => searchVector(row.title as string | null, row.text as string),
    },
  },
  { table: 'document_versions', batch: 1000 },
  { table: 'annotations', batch: 1000 },
  { table: 'document_signatures', batch: 1000 },
  { table: 'duplicate_members', batch: 2000 },
  { table: 'forward_edges', batch: 2000 },
  { table: 'telegram_posts', batch: 1000 },
  { table: 'translations', batch: 1000 },
  { table: 'excerpts', batch: 1000 },
  { table: 'dispatches', batch: 1000 },
  { table: 'dispatch_items', batch: 1000 },
  // Saved searches with their events and outbox; not alert_state, whose watermark is a document
  // row number local to each database: a copied search re-baselines on its first evaluation.
  { table: 'alert_searches', batch: 1000 },
  { table: 'alert_seen', batch: 2000 },
  { table: 'alert_events', batch: 1000 },
  { table: 'alert_deliveries', batch: 1000 },
  { table: 'entities', batch: 1000 },
  { table: 'entity_decisions', batch: 1000 },
  { table: 'entity_redirects', batch: 1000 },
  { table: 'archive_entries', batch: 1000 },
  { table: 'source_settings', batch: 1000 },
  { table: 'source_health', batch: 1000 },
  { table: 'sanctions_lists', batch: 1000 },
  { table: 'sanctions_entries', batch: 500 },
  // Keyless in SQLite: the rowid is the row's identity there, and PostgreSQL's seq here.
  { table: 'sanctions_names', key: ['seq'], from: { seq: 'rowid' }, batch: 2000 },
  { table: 'sanctions_relations', key: ['seq'], from: { seq: 'rowid' }, batch: 2000 },
  { table: 'sanctions_imports', batch: 100 },
  { table: 'sanctions_decisions', batch: 1000 },
  // Accounts and their audit log (sessions are not copied: users log in again).
  { table: 'users', batch: 1000 },
  { table: 'api_tokens', batch: 1000 },
  { table: 'audit_events', batch: 1000 },
];

/** A table's copy plan once both schemas have been read. */
interface TablePlan {
  table: string;
  batch: number;
  columns: string[];
  key: string[];
  computed?: TableSpec['computed'];
  from: Record<string, string>;
  /** Counter columns whose sequence must be moved past the copied values. */
  serials: string[];
}

interface TargetColumn {
  column_name: string;
  column_default: string | null;
}

async function planTable(from: SqliteStore, to: PostgresStore, spec: TableSpec): Promise<TablePlan | null> {
  const present = from.db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
    .pluck()
    .get(spec.table);
  // A source made by an older version lacks the later tables: nothing to copy from them.
  if (present === undefined) return null;
  // table_info leaves out generated columns, which the target computes itself.
  const sourceColumns = from.db.prepare(`PRAGMA table_info(${spec.table})`).all() as Array<{
    name: string;
    pk: number;
  }>;
  const target = await to.sql.rows<TargetColumn>(
    `SELECT column_name, column_default FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'`,
    [spec.table],
  );
  const inSource = new Set(sourceColumns.map((c) => c.name));
  const renamed = spec.from ?? {};
  const columns = target
    .map((c) => c.column_name)
    .filter((c) => (inSource.has(c) || renamed[c]) && !spec.omit?.includes(c) && c !== spec.computed?.column)
    .sort();
  const key =
    spec.key ??
    sourceColumns
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
  return {
    table: spec.table,
    batch: spec.batch,
    columns,
    key,
    computed: spec.computed,
    from: renamed,
    serials: target
      .filter((c) => columns.includes(c.column_name) && c.column_default?.startsWith('nextval('))
      .map((c) => c.column_name),
  };
}

export interface CopyProgress {
  table: string;
  read: number;
  copied: number;
}

export interface CopyOptions {
  onProgress?: (progress: CopyProgress) => void;
  shouldStop?: () => boolean;
}

export async function copySqliteToPostgres(
  from: SqliteStore,
  to: PostgresStore,
  options: CopyOptions = {},
): Promise<CopyProgress[]> {
  const report: CopyProgress[] = [];
  for (const spec of TABLES) {
    const progress: CopyProgress = { table: spec.table, read: 0, copied: 0 };
    report.push(progress);
    const plan = await planTable(from, to, spec);
    if (plan === null) continue;
    const source = (column: string): string => plan.from[column] ?? column;
    const select = plan.columns
      .map((column) => (plan.from[column] ? `${plan.from[column]} AS ${column}` : column))
      .join(', ');
    const keyList = plan.key.map(source).join(', ');
    const first = from.db.prepare(`SELECT ${select} FROM ${plan.table} ORDER BY ${keyList} LIMIT ?`);
    // Row-value comparison: (a, b) > (?, ?) walks a composite key in order.
    const next = from.db.prepare(
      `SELECT ${select} FROM ${plan.table} WHERE (${keyList}) > (${plan.key.map(() => '?').join(', ')})
       ORDER BY ${keyList} LIMIT ?`,
    );
    const advanceSequences = async (): Promise<void> => {
      for (const column of plan.serials) await advanceSequence(to, plan.table, column);
    };
    let last: unknown[] | null = null;
    for (;;) {
      if (options.shouldStop?.()) {
        // Rows already copied must not be reused by new inserts, even if no re-run follows.
        await advanceSequences();
        return report;
      }
      const rows = (last ? next.all(...last, plan.batch) : first.all(plan.batch)) as Array<
        Record<string, unknown>
      >;
      if (rows.length === 0) break;
      progress.copied += await insertBatch(to, plan, rows);
      progress.read += rows.length;
      last = plan.key.map((k) => rows.at(-1)![k]);
      options.onProgress?.({ ...progress });
    }
    await advanceSequences();
  }
  return report;
}

/** Moves the column's sequence past the largest copied value, so that new rows do not collide. */
async function advanceSequence(to: PostgresStore, table: string, column: string): Promise<void> {
  await to.sql.rows(
    `SELECT setval(pg_get_serial_sequence($1, $2), m) FROM (SELECT max(${column}) AS m FROM ${table}) t
     WHERE m IS NOT NULL`,
    [table, column],
  );
}

async function insertBatch(
  to: PostgresStore,
  spec: TablePlan,
  rows: Array<Record<string, unknown>>,
): Promise<number> {
  const columns = spec.computed ? [...spec.columns, spec.computed.column] : spec.columns;
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const placeholders = spec.columns.map((column) => {
      params.push(row[column]);
      return `$${params.length}`;
    });
    if (spec.computed) {
      params.push(spec.computed.value(row));
      placeholders.push(`$${params.length}${spec.computed.cast}`);
    }
    return `(${placeholders.join(', ')})`;
  });
  return to.sql.transaction(() =>
    to.sql.run(
      `INSERT INTO ${spec.table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`,
      params,
    ),
  );
}
