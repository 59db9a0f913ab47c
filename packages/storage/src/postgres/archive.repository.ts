// ArchiveRepository over PostgreSQL; same behaviour as the SQLite adapter (sqlite/archive.repository.ts),
// checked by the same contract suite. Times are ISO 8601 text compared byte-wise (COLLATE "C").
import type { ArchiveEntry, ArchiveQuery, ArchiveRepository } from '@echotrace/core';
import type { Sql } from './sql.client.ts';

interface ArchiveRow {
  id: string;
  request_url: string;
  final_url: string;
  status: number;
  status_text: string;
  headers: string;
  request_headers: string;
  fetched_at: string;
  sha256: string;
  byte_length: number;
}

const COLUMNS =
  'id, request_url, final_url, status, status_text, headers, request_headers, fetched_at, sha256, byte_length';

const fromRow = (row: ArchiveRow): ArchiveEntry => ({
  id: row.id,
  requestUrl: row.request_url,
  finalUrl: row.final_url,
  status: row.status,
  statusText: row.status_text,
  headers: JSON.parse(row.headers) as Record<string, string>,
  requestHeaders: JSON.parse(row.request_headers) as Record<string, string>,
  fetchedAt: row.fetched_at,
  sha256: row.sha256,
  byteLength: row.byte_length,
});

export function createArchiveRepository(sql: Sql): ArchiveRepository {
  const get = async (id: string): Promise<ArchiveEntry | null> => {
    const [row] = await sql.rows<ArchiveRow>(`SELECT ${COLUMNS} FROM archive_entries WHERE id = $1`, [id]);
    return row ? fromRow(row) : null;
  };
  return {
    async record(entry) {
      await sql.run(
        `INSERT INTO archive_entries (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (id) DO NOTHING`,
        [
          entry.id,
          entry.requestUrl,
          entry.finalUrl,
          entry.status,
          entry.statusText,
          JSON.stringify(entry.headers),
          JSON.stringify(entry.requestHeaders),
          entry.fetchedAt,
          entry.sha256,
          entry.byteLength,
        ],
      );
      return (await get(entry.id))!;
    },
    get,
    async list(query: ArchiveQuery) {
      const where: string[] = [];
      const params: unknown[] = [];
      const bind = (value: unknown): string => {
        params.push(value);
        return `$${params.length}`;
      };
      if (query.from) where.push(`fetched_at >= ${bind(query.from)}`);
      if (query.to) where.push(`fetched_at < ${bind(query.to)}`);
      if (query.sha256s) {
        if (query.sha256s.length === 0) return [];
        where.push(`sha256 = ANY(${bind(query.sha256s)}::text[])`);
      }
      if (query.afterId) {
        where.push(
          `(fetched_at, id) > (SELECT fetched_at, id FROM archive_entries WHERE id = ${bind(query.afterId)})`,
        );
      }
      const limit = query.limit ? `LIMIT ${bind(query.limit)}` : '';
      const rows = await sql.rows<ArchiveRow>(
        `SELECT ${COLUMNS} FROM archive_entries ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY fetched_at, id ${limit}`,
        params,
      );
      return rows.map(fromRow);
    },
    async latestFor(requestUrl) {
      const [row] = await sql.rows<ArchiveRow>(
        `SELECT ${COLUMNS} FROM archive_entries WHERE request_url = $1 AND status BETWEEN 200 AND 299
         ORDER BY fetched_at DESC, id DESC LIMIT 1`,
        [requestUrl],
      );
      return row ? fromRow(row) : null;
    },
  };
}
