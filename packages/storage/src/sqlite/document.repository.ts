import {
  indexForm,
  toInstant,
  type CorpusStats,
  type Document,
  type DocumentRepository,
  type DocumentVersion,
} from '@echotrace/core';
import type Database from 'better-sqlite3';
import { documentFromRow, type DocumentRow } from '../rows/foundation.rows.ts';

export function createDocumentRepository(db: Database.Database): DocumentRepository {
  const byKey = db.prepare('SELECT rowid, content_sha256 FROM documents WHERE key = ?');
  const insert = db.prepare(
    `INSERT INTO documents (id, key, source_id, capture_sha256, content_sha256, text, paragraphs, title, byline, published_at, published_utc, language, canonical_url, ingested_at)
     VALUES (@id, @key, @sourceId, @captureSha256, @contentSha256, @text, @paragraphs, @title, @byline, @publishedAt, @publishedUtc, @language, @canonicalUrl, @ingestedAt)`,
  );
  const update = db.prepare(
    `UPDATE documents SET source_id = @sourceId, capture_sha256 = @captureSha256, content_sha256 = @contentSha256, text = @text,
       paragraphs = @paragraphs, title = @title, byline = @byline, published_at = @publishedAt, published_utc = @publishedUtc,
       language = @language, canonical_url = @canonicalUrl, ingested_at = @ingestedAt WHERE key = @key`,
  );
  const insertVersion = db.prepare(
    'INSERT OR IGNORE INTO document_versions (document_id, content_sha256, capture_sha256, seen_at) VALUES (?, ?, ?, ?)',
  );
  const indexInsert = db.prepare('INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)');
  const indexDelete = db.prepare('DELETE FROM documents_fts WHERE rowid = ?');
  const get = db.prepare('SELECT * FROM documents WHERE id = ?');
  const getByKey = db.prepare('SELECT * FROM documents WHERE key = ?');
  const versions = db.prepare(
    'SELECT * FROM document_versions WHERE document_id = ? ORDER BY seen_at, content_sha256',
  );
  const count = db.prepare('SELECT count(*) FROM documents').pluck();

  const upsert = db.transaction((document: Document, contentSha256: string) => {
    const existing = byKey.get(document.key) as { rowid: number; content_sha256: string } | undefined;
    if (existing && existing.content_sha256 === contentSha256) return 'unchanged' as const;
    const row = {
      ...document,
      contentSha256,
      paragraphs: JSON.stringify(document.paragraphs.map((p) => [p.start, p.end])),
      publishedUtc: document.publishedAt ? toInstant(document.publishedAt) : null,
    };
    let rowid: number;
    if (existing) {
      update.run(row);
      rowid = existing.rowid;
      indexDelete.run(rowid);
    } else {
      rowid = Number(insert.run(row).lastInsertRowid);
    }
    indexInsert.run(rowid, indexForm(document.title ?? ''), indexForm(document.text));
    insertVersion.run(document.id, contentSha256, document.captureSha256, document.ingestedAt);
    return existing ? ('updated' as const) : ('added' as const);
  });

  return {
    async upsert(document, contentSha256) {
      return upsert(document, contentSha256);
    },
    async get(id) {
      const row = get.get(id) as DocumentRow | undefined;
      return row ? documentFromRow(row) : null;
    },
    async getByKey(key) {
      const row = getByKey.get(key) as DocumentRow | undefined;
      return row ? documentFromRow(row) : null;
    },
    async unchangedKeys(items) {
      const same = new Set<string>();
      for (const item of items) {
        const row = byKey.get(item.key) as { content_sha256: string } | undefined;
        if (row?.content_sha256 === item.contentSha256) same.add(item.key);
      }
      return same;
    },
    async versions(id) {
      const rows = versions.all(id) as Array<{
        document_id: string;
        content_sha256: string;
        capture_sha256: string;
        seen_at: string;
      }>;
      return rows.map((r): DocumentVersion => ({
        documentId: r.document_id,
        contentSha256: r.content_sha256,
        captureSha256: r.capture_sha256,
        seenAt: r.seen_at,
      }));
    },
    async list(options) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (options.afterId) {
        where.push('id > ?');
        params.push(options.afterId);
      }
      if (options.sourceId) {
        where.push('source_id = ?');
        params.push(options.sourceId);
      }
      const sql = `SELECT * FROM documents ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id LIMIT ?`;
      return (db.prepare(sql).all(...params, options.limit) as DocumentRow[]).map(documentFromRow);
    },
    async count() {
      return count.get() as number;
    },
    async stats() {
      const stats: CorpusStats = {
        documents: count.get() as number,
        sources: db
          .prepare(
            `SELECT s.id AS sourceId, s.name AS name, count(d.rowid) AS documents FROM sources s
               LEFT JOIN documents d ON d.source_id = s.id GROUP BY s.id ORDER BY documents DESC, s.id`,
          )
          .all() as CorpusStats['sources'],
        languages: db
          .prepare(
            'SELECT language, count(*) AS documents FROM documents GROUP BY language ORDER BY documents DESC, language',
          )
          .all() as CorpusStats['languages'],
        months: db
          .prepare(
            `SELECT coalesce(substr(published_utc, 1, 7), 'unknown') AS month, count(*) AS documents FROM documents
             GROUP BY month ORDER BY month`,
          )
          .all() as CorpusStats['months'],
        captures: db.prepare('SELECT count(*) FROM captures').pluck().get() as number,
        annotations: db.prepare('SELECT count(*) FROM annotations').pluck().get() as number,
      };
      return stats;
    },
  };
}
