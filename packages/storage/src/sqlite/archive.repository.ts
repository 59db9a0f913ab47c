// ArchiveRepository over SQLite. Headers are JSON text; times are ISO 8601 strings compared as text,
// which orders correctly because the fetcher always writes UTC with the same precision.
import type { ArchiveQuery, ArchiveRepository } from '@echotrace/core';
import { ARCHIVE_COLUMNS, archiveFromRow, type ArchiveRow } from '../rows/archive.rows.ts';
import type Database from 'better-sqlite3';

export function createArchiveRepository(db: Database.Database): ArchiveRepository {
  const insert = db.prepare(
    `INSERT INTO archive_entries (${ARCHIVE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  );
  const get = db.prepare(`SELECT ${ARCHIVE_COLUMNS} FROM archive_entries WHERE id = ?`);
  const latest = db.prepare(
    `SELECT ${ARCHIVE_COLUMNS} FROM archive_entries WHERE request_url = ? AND status BETWEEN 200 AND 299
     ORDER BY fetched_at DESC, id DESC LIMIT 1`,
  );
  return {
    async record(entry) {
      insert.run(
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
      );
      return archiveFromRow(get.get(entry.id) as ArchiveRow);
    },
    async get(id) {
      const row = get.get(id) as ArchiveRow | undefined;
      return row ? archiveFromRow(row) : null;
    },
    async list(query: ArchiveQuery) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.from) {
        where.push('fetched_at >= ?');
        params.push(query.from);
      }
      if (query.to) {
        where.push('fetched_at < ?');
        params.push(query.to);
      }
      if (query.sha256s) {
        if (query.sha256s.length === 0) return [];
        where.push(`sha256 IN (${query.sha256s.map(() => '?').join(', ')})`);
        params.push(...query.sha256s);
      }
      if (query.afterId) {
        where.push('(fetched_at, id) > (SELECT fetched_at, id FROM archive_entries WHERE id = ?)');
        params.push(query.afterId);
      }
      const sql = `SELECT ${ARCHIVE_COLUMNS} FROM archive_entries ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY fetched_at, id ${query.limit ? 'LIMIT ?' : ''}`;
      if (query.limit) params.push(query.limit);
      return (db.prepare(sql).all(...params) as ArchiveRow[]).map(archiveFromRow);
    },
    async latestFor(requestUrl) {
      const row = latest.get(requestUrl) as ArchiveRow | undefined;
      return row ? archiveFromRow(row) : null;
    },
  };
}
