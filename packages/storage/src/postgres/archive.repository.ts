// ArchiveRepository over PostgreSQL; same behaviour as the SQLite adapter (sqlite/archive.repository.ts),
// checked by the same contract suite. Times are ISO 8601 text compared byte-wise (COLLATE "C").
import type { ArchiveEntry, ArchiveQuery, ArchiveRepository } from '@echotrace/core';
import { ARCHIVE_COLUMNS, archiveFromRow, type ArchiveRow } from '../rows/archive.rows.ts';
import type { Sql } from './sql.client.ts';

export function createArchiveRepository(sql: Sql): ArchiveRepository {
  const get = async (id: string): Promise<ArchiveEntry | null> => {
    const [row] = await sql.rows<ArchiveRow>(`SELECT ${ARCHIVE_COLUMNS} FROM archive_entries WHERE id = $1`, [
      id,
    ]);
    return row ? archiveFromRow(row) : null;
  };
  return {
    async record(entry) {
      await sql.run(
        `INSERT INTO archive_entries (${ARCHIVE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
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
        `SELECT ${ARCHIVE_COLUMNS} FROM archive_entries ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY fetched_at, id ${limit}`,
        params,
      );
      return rows.map(archiveFromRow);
    },
    async latestFor(requestUrl) {
      const [row] = await sql.rows<ArchiveRow>(
        `SELECT ${ARCHIVE_COLUMNS} FROM archive_entries WHERE request_url = $1 AND status BETWEEN 200 AND 299
         ORDER BY fetched_at DESC, id DESC LIMIT 1`,
        [requestUrl],
      );
      return row ? archiveFromRow(row) : null;
    },
  };
}
