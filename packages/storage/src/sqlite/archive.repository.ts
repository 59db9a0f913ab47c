// ArchiveRepository over SQLite. Headers are JSON text; times are ISO 8601 strings compared as text,
// which orders correctly because the fetcher always writes UTC with the same precision.
import type { ArchiveEntry, ArchiveQuery, ArchiveRepository } from '@echotrace/core';
import type Database from 'better-sqlite3';

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

export function createArchiveRepository(db: Database.Database): ArchiveRepository {
  const insert = db.prepare(
    `INSERT INTO archive_entries (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  );
  const get = db.prepare(`SELECT ${COLUMNS} FROM archive_entries WHERE id = ?`);
  const latest = db.prepare(
    `SELECT ${COLUMNS} FROM archive_entries WHERE request_url = ? AND status BETWEEN 200 AND 299
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
      return fromRow(get.get(entry.id) as ArchiveRow);
    },
    async get(id) {
      const row = get.get(id) as ArchiveRow | undefined;
      return row ? fromRow(row) : null;
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
      const sql = `SELECT ${COLUMNS} FROM archive_entries ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY fetched_at, id ${query.limit ? 'LIMIT ?' : ''}`;
      if (query.limit) params.push(query.limit);
      return (db.prepare(sql).all(...params) as ArchiveRow[]).map(fromRow);
    },
    async latestFor(requestUrl) {
      const row = latest.get(requestUrl) as ArchiveRow | undefined;
      return row ? fromRow(row) : null;
    },
  };
}
