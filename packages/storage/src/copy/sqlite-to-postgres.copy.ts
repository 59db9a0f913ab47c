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
import { searchVector } from '../postgres/search.vector.ts';

interface TableSpec {
  table: string;
  /** Columns copied as they are. */
  columns: string[];
  /** Keyset order (the primary key). */
  key: string[];
  batch: number;
  /** Extra target columns computed from the row. */
  computed?: { column: string; cast: string; value: (row: Record<string, unknown>) => unknown };
  /** Source expressions for columns that SQLite holds under another name (`seq` from `rowid`). */
  from?: Record<string, string>;
  /** A counter column whose sequence must be moved past the copied values. */
  serial?: string;
}

const TABLES: TableSpec[] = [
  {
    table: 'sources',
    columns: ['id', 'name', 'kind', 'homepage', 'language', 'country', 'labels', 'owner'],
    key: ['id'],
    batch: 500,
  },
  {
    table: 'captures',
    columns: ['sha256', 'byte_length', 'media_type', 'charset', 'captured_at', 'origin', 'bytes'],
    key: ['sha256'],
    batch: 100,
  },
  {
    table: 'documents',
    columns: [
      'id',
      'key',
      'source_id',
      'capture_sha256',
      'content_sha256',
      'text',
      'paragraphs',
      'title',
      'byline',
      'published_at',
      'published_utc',
      'language',
      'canonical_url',
      'ingested_at',
    ],
    key: ['id'],
    batch: 200,
    computed: {
      column: 'search_vector',
      cast: '::tsvector',
      value: (row) => searchVector(row.title as string | null, row.text as string),
    },
  },
  {
    table: 'document_versions',
    columns: ['document_id', 'content_sha256', 'capture_sha256', 'seen_at'],
    key: ['document_id', 'content_sha256'],
    batch: 1000,
  },
  {
    table: 'annotations',
    columns: [
      'id',
      'document_id',
      'kind',
      'label',
      'start_offset',
      'end_offset',
      'confidence',
      'producer',
      'producer_version',
      'attributes',
    ],
    key: ['id'],
    batch: 1000,
  },
  {
    table: 'document_signatures',
    columns: ['sequence', 'document_id', 'scheme', 'content_sha256', 'data'],
    key: ['sequence'],
    batch: 1000,
    serial: 'sequence',
  },
  { table: 'duplicate_members', columns: ['document_id', 'group_id'], key: ['document_id'], batch: 2000 },
  {
    table: 'forward_edges',
    columns: ['document_id', 'from_channel', 'from_message_id'],
    key: ['document_id', 'from_channel', 'from_message_id'],
    batch: 2000,
  },
  {
    table: 'entities',
    columns: [
      'id',
      'type',
      'names',
      'aliases',
      'metonyms',
      'description',
      'external_ids',
      'origin',
      'updated_at',
    ],
    key: ['id'],
    batch: 1000,
  },
  {
    table: 'entity_decisions',
    columns: ['seq', 'kind', 'decision', 'note', 'decided_at'],
    key: ['seq'],
    batch: 1000,
    serial: 'seq',
  },
  { table: 'entity_redirects', columns: ['from_id', 'to_id'], key: ['from_id'], batch: 1000 },
  {
    table: 'archive_entries',
    columns: [
      'id',
      'request_url',
      'final_url',
      'status',
      'status_text',
      'headers',
      'request_headers',
      'fetched_at',
      'sha256',
      'byte_length',
    ],
    key: ['id'],
    batch: 1000,
  },
  {
    table: 'source_settings',
    columns: ['source_id', 'feeds', 'sitemaps', 'poll_interval_minutes', 'enabled'],
    key: ['source_id'],
    batch: 1000,
  },
  {
    table: 'source_health',
    columns: [
      'source_id',
      'last_poll_at',
      'last_success_at',
      'last_error',
      'consecutive_failures',
      'last_new_items',
      'next_poll_at',
    ],
    key: ['source_id'],
    batch: 1000,
  },
  {
    table: 'sanctions_lists',
    columns: ['list', 'published_on', 'last_import_at'],
    key: ['list'],
    batch: 1000,
  },
  {
    table: 'sanctions_entries',
    columns: ['list', 'id', 'kind', 'name', 'data', 'content_sha256', 'first_seen_at', 'removed_at'],
    key: ['list', 'id'],
    batch: 500,
  },
  {
    table: 'sanctions_names',
    columns: ['seq', 'list', 'entry_id', 'name', 'name_kind', 'weak'],
    key: ['seq'],
    batch: 2000,
    from: { seq: 'rowid' },
    serial: 'seq',
  },
  {
    table: 'sanctions_relations',
    columns: ['seq', 'list', 'from_id', 'kind', 'to_id', 'to_name', 'detail', 'start_date', 'end_date'],
    key: ['seq'],
    batch: 2000,
    from: { seq: 'rowid' },
    serial: 'seq',
  },
  {
    table: 'sanctions_imports',
    columns: [
      'id',
      'list',
      'sources',
      'published_on',
      'imported_at',
      'added',
      'removed',
      'updated',
      'unchanged',
    ],
    key: ['id'],
    batch: 100,
    serial: 'id',
  },
];

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
  const present = from.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").pluck();
  for (const full of TABLES) {
    const progress: CopyProgress = { table: full.table, read: 0, copied: 0 };
    report.push(progress);
    // A source made by an older version lacks the later tables (nothing to copy from them) and the
    // later columns (the target's defaults apply, as a migration would have left them).
    if (present.get(full.table) === undefined) continue;
    const existing = new Set(
      (from.db.prepare(`PRAGMA table_info(${full.table})`).all() as Array<{ name: string }>).map(
        (c) => c.name,
      ),
    );
    const spec: TableSpec = {
      ...full,
      columns: full.columns.filter((column) => full.from?.[column] || existing.has(column)),
    };
    const source = (column: string): string => spec.from?.[column] ?? column;
    const select = spec.columns
      .map((column) => (spec.from?.[column] ? `${spec.from[column]} AS ${column}` : column))
      .join(', ');
    const keyList = spec.key.map(source).join(', ');
    const first = from.db.prepare(`SELECT ${select} FROM ${spec.table} ORDER BY ${keyList} LIMIT ?`);
    // Row-value comparison: (a, b) > (?, ?) walks a composite key in order.
    const next = from.db.prepare(
      `SELECT ${select} FROM ${spec.table} WHERE (${keyList}) > (${spec.key.map(() => '?').join(', ')})
       ORDER BY ${keyList} LIMIT ?`,
    );
    let last: unknown[] | null = null;
    for (;;) {
      if (options.shouldStop?.()) {
        // Rows already copied must not be reused by new inserts, even if no re-run follows.
        if (spec.serial) await advanceSequence(to, spec.table, spec.serial);
        return report;
      }
      const rows = (last ? next.all(...last, spec.batch) : first.all(spec.batch)) as Array<
        Record<string, unknown>
      >;
      if (rows.length === 0) break;
      progress.copied += await insertBatch(to, spec, rows);
      progress.read += rows.length;
      last = spec.key.map((k) => rows.at(-1)![k]);
      options.onProgress?.({ ...progress });
    }
    if (spec.serial) await advanceSequence(to, spec.table, spec.serial);
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
  spec: TableSpec,
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
