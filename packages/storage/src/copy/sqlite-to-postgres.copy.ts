// Copies a SQLite store into a PostgreSQL store table by table, in keyset-ordered batches, each
// batch one transaction with ON CONFLICT DO NOTHING: an interrupted copy keeps its committed
// batches, and a re-run inserts only what is missing (nothing is copied twice). Version history and
// annotations are copied as rows, so the target holds exactly what the source held. Jobs are not
// copied: they belong to the running system, not to the corpus.
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
}

const TABLES: TableSpec[] = [
  {
    table: 'sources',
    columns: ['id', 'name', 'kind', 'homepage', 'language', 'country', 'labels'],
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
  for (const spec of TABLES) {
    const progress: CopyProgress = { table: spec.table, read: 0, copied: 0 };
    report.push(progress);
    const keyList = spec.key.join(', ');
    const first = from.db.prepare(
      `SELECT ${spec.columns.join(', ')} FROM ${spec.table} ORDER BY ${keyList} LIMIT ?`,
    );
    // Row-value comparison: (a, b) > (?, ?) walks a composite key in order.
    const next = from.db.prepare(
      `SELECT ${spec.columns.join(', ')} FROM ${spec.table} WHERE (${keyList}) > (${spec.key.map(() => '?').join(', ')})
       ORDER BY ${keyList} LIMIT ?`,
    );
    let last: unknown[] | null = null;
    for (;;) {
      if (options.shouldStop?.()) return report;
      const rows = (last ? next.all(...last, spec.batch) : first.all(spec.batch)) as Array<
        Record<string, unknown>
      >;
      if (rows.length === 0) break;
      progress.copied += await insertBatch(to, spec, rows);
      progress.read += rows.length;
      last = spec.key.map((k) => rows.at(-1)![k]);
      options.onProgress?.({ ...progress });
    }
  }
  return report;
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
