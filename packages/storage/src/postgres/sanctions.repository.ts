// The sanctions port over PostgreSQL; same behaviour as sqlite/sanctions.repository.ts, checked by the
// same contract suite. An import is one transaction that locks its list's row (two imports of one list
// run one after the other) and writes in multi-row statements: a list of ~12,000 entries with their
// aliases is a few dozen round trips, not tens of thousands.
import type {
  SanctionsEntry,
  SanctionsImportRecord,
  SanctionsListInfo,
  SanctionsRelation,
  SanctionsRepository,
} from '@echotrace/core';
import { sanctionsContentHash } from '../sqlite/sanctions.repository.ts';
import type { Sql } from './sql.client.ts';

interface RelationRow {
  list: string;
  from_id: string;
  kind: SanctionsRelation['kind'];
  to_id: string | null;
  to_name: string | null;
  detail: string | null;
  start_date: string | null;
  end_date: string | null;
}

interface ImportRow {
  id: string | number;
  list: string;
  sources: string;
  published_on: string | null;
  imported_at: string;
  added: string;
  removed: string;
  updated: string;
  unchanged: number;
}

// Rows per multi-row statement: well under PostgreSQL's 65,535 bind parameters.
const ROWS_PER_STATEMENT = 1000;

function relationFromRow(row: RelationRow): SanctionsRelation {
  return {
    list: row.list,
    fromId: row.from_id,
    kind: row.kind,
    ...(row.to_id !== null && { toId: row.to_id }),
    ...(row.to_name !== null && { toName: row.to_name }),
    ...(row.detail !== null && { detail: row.detail }),
    ...(row.start_date !== null && { startDate: row.start_date }),
    ...(row.end_date !== null && { endDate: row.end_date }),
  };
}

function importFromRow(row: ImportRow): SanctionsImportRecord {
  return {
    id: Number(row.id),
    list: row.list,
    sources: JSON.parse(row.sources) as string[],
    publishedOn: row.published_on,
    importedAt: row.imported_at,
    added: JSON.parse(row.added) as string[],
    removed: JSON.parse(row.removed) as string[],
    updated: JSON.parse(row.updated) as string[],
    unchanged: row.unchanged,
  };
}

/** `VALUES (...), (...)` with numbered parameters, `casts` giving each column's type. */
function values(rows: unknown[][], casts: string[], params: unknown[]): string {
  return rows
    .map(
      (row) =>
        `(${row
          .map((value, i) => {
            params.push(value);
            return `$${params.length}::${casts[i]}`;
          })
          .join(', ')})`,
    )
    .join(', ');
}

async function insertRows(
  sql: Sql,
  table: string,
  columns: string[],
  casts: string[],
  rows: unknown[][],
): Promise<void> {
  for (let at = 0; at < rows.length; at += ROWS_PER_STATEMENT) {
    const params: unknown[] = [];
    const tuples = values(rows.slice(at, at + ROWS_PER_STATEMENT), casts, params);
    await sql.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples}`, params);
  }
}

function nameRows(list: string, entry: SanctionsEntry): unknown[][] {
  return [
    [list, entry.id, entry.name, 'primary', 0],
    ...entry.aliases.map((alias) => [list, entry.id, alias.name, alias.kind, alias.weak ? 1 : 0]),
  ];
}

export function createSanctionsRepository(sql: Sql): SanctionsRepository {
  const parseData = (rows: Array<{ data: string }>): SanctionsEntry[] =>
    rows.map((row) => JSON.parse(row.data) as SanctionsEntry);

  return {
    importList(data) {
      return sql.transaction(async () => {
        await sql.run('INSERT INTO sanctions_lists (list) VALUES ($1) ON CONFLICT (list) DO NOTHING', [
          data.list,
        ]);
        await sql.rows('SELECT list FROM sanctions_lists WHERE list = $1 FOR UPDATE', [data.list]);
        const before = new Map(
          (
            await sql.rows<{ id: string; content_sha256: string; removed_at: string | null }>(
              'SELECT id, content_sha256, removed_at FROM sanctions_entries WHERE list = $1 ORDER BY id',
              [data.list],
            )
          ).map((row) => [row.id, row] as const),
        );
        const added: string[] = [];
        const updated: string[] = [];
        const inserts: unknown[][] = [];
        // Entries whose row is rewritten: listed again after a removal, or changed content.
        const rewrites: unknown[][] = [];
        const names: unknown[][] = [];
        let unchanged = 0;
        const seen = new Set<string>();
        for (const entry of data.entries) {
          if (seen.has(entry.id)) continue;
          seen.add(entry.id);
          const stored: SanctionsEntry = entry.list === data.list ? entry : { ...entry, list: data.list };
          const hash = sanctionsContentHash(stored);
          const json = JSON.stringify(stored);
          const previous = before.get(stored.id);
          if (previous === undefined) {
            inserts.push([data.list, stored.id, stored.kind, stored.name, json, hash, data.importedAt]);
            added.push(stored.id);
          } else if (previous.removed_at !== null || previous.content_sha256 !== hash) {
            rewrites.push([stored.id, stored.kind, stored.name, json, hash]);
            (previous.removed_at !== null ? added : updated).push(stored.id);
          } else {
            unchanged++;
            continue;
          }
          names.push(...nameRows(data.list, stored));
        }
        const removed = [...before]
          .filter(([id, row]) => row.removed_at === null && !seen.has(id))
          .map(([id]) => id);

        await insertRows(
          sql,
          'sanctions_entries',
          ['list', 'id', 'kind', 'name', 'data', 'content_sha256', 'first_seen_at'],
          ['text', 'text', 'text', 'text', 'text', 'text', 'text'],
          inserts,
        );
        for (let at = 0; at < rewrites.length; at += ROWS_PER_STATEMENT) {
          const chunk = rewrites.slice(at, at + ROWS_PER_STATEMENT);
          const params: unknown[] = [data.list];
          const tuples = values(chunk, ['text', 'text', 'text', 'text', 'text'], params);
          await sql.run(
            `UPDATE sanctions_entries e SET kind = v.kind, name = v.name, data = v.data,
               content_sha256 = v.hash, removed_at = NULL
             FROM (VALUES ${tuples}) AS v (id, kind, name, data, hash)
             WHERE e.list = $1 AND e.id = v.id`,
            params,
          );
          await sql.run('DELETE FROM sanctions_names WHERE list = $1 AND entry_id = ANY($2::text[])', [
            data.list,
            chunk.map((row) => row[0]),
          ]);
        }
        await insertRows(
          sql,
          'sanctions_names',
          ['list', 'entry_id', 'name', 'name_kind', 'weak'],
          ['text', 'text', 'text', 'text', 'int'],
          names,
        );
        if (removed.length > 0) {
          await sql.run(
            'UPDATE sanctions_entries SET removed_at = $1 WHERE list = $2 AND id = ANY($3::text[])',
            [data.importedAt, data.list, removed],
          );
        }
        await sql.run('DELETE FROM sanctions_relations WHERE list = $1', [data.list]);
        await insertRows(
          sql,
          'sanctions_relations',
          ['list', 'from_id', 'kind', 'to_id', 'to_name', 'detail', 'start_date', 'end_date'],
          ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text'],
          data.relations.map((r) => [
            data.list,
            r.fromId,
            r.kind,
            r.toId ?? null,
            r.toName ?? null,
            r.detail ?? null,
            r.startDate ?? null,
            r.endDate ?? null,
          ]),
        );
        await sql.run('UPDATE sanctions_lists SET published_on = $2, last_import_at = $3 WHERE list = $1', [
          data.list,
          data.publishedOn ?? null,
          data.importedAt,
        ]);
        const [record] = await sql.rows<ImportRow>(
          `INSERT INTO sanctions_imports (list, sources, published_on, imported_at, added, removed, updated, unchanged)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
          [
            data.list,
            JSON.stringify(data.sources),
            data.publishedOn ?? null,
            data.importedAt,
            JSON.stringify(added),
            JSON.stringify(removed),
            JSON.stringify(updated),
            unchanged,
          ],
        );
        return importFromRow(record!);
      });
    },
    async lists() {
      const rows = await sql.rows<{
        list: string;
        published_on: string | null;
        last_import_at: string | null;
        entries: number;
      }>(
        `SELECT l.list, l.published_on, l.last_import_at,
           (SELECT count(*)::int FROM sanctions_entries e WHERE e.list = l.list AND e.removed_at IS NULL) AS entries
         FROM sanctions_lists l ORDER BY l.list`,
      );
      return rows.map((row): SanctionsListInfo => ({
        list: row.list,
        entries: row.entries,
        lastImportAt: row.last_import_at,
        publishedOn: row.published_on,
      }));
    },
    async entries(list) {
      return parseData(
        list === undefined
          ? await sql.rows('SELECT data FROM sanctions_entries WHERE removed_at IS NULL ORDER BY list, id')
          : await sql.rows(
              'SELECT data FROM sanctions_entries WHERE list = $1 AND removed_at IS NULL ORDER BY id',
              [list],
            ),
      );
    },
    async getEntry(list, id) {
      const [entry] = parseData(
        await sql.rows(
          'SELECT data FROM sanctions_entries WHERE list = $1 AND id = $2 AND removed_at IS NULL',
          [list, id],
        ),
      );
      return entry ?? null;
    },
    async relationsOf(list, id) {
      // NULLS FIRST: SQLite's order for the missing target of a relation.
      const rows = await sql.rows<RelationRow>(
        `SELECT * FROM sanctions_relations WHERE list = $1 AND (from_id = $2 OR to_id = $2)
         ORDER BY from_id, kind, to_id NULLS FIRST, seq`,
        [list, id],
      );
      return rows.map(relationFromRow);
    },
    async imports(list) {
      const rows =
        list === undefined
          ? await sql.rows<ImportRow>('SELECT * FROM sanctions_imports ORDER BY imported_at DESC, id DESC')
          : await sql.rows<ImportRow>(
              'SELECT * FROM sanctions_imports WHERE list = $1 ORDER BY imported_at DESC, id DESC',
              [list],
            );
      return rows.map(importFromRow);
    },
    async entryHistory(list, id) {
      const [row] = await sql.rows<{ first_seen_at: string; removed_at: string | null }>(
        'SELECT first_seen_at, removed_at FROM sanctions_entries WHERE list = $1 AND id = $2',
        [list, id],
      );
      return { firstSeenAt: row?.first_seen_at ?? null, removedAt: row?.removed_at ?? null };
    },
  };
}
