// Full-text search over the FTS5 index: BM25 ranking (title weighted double), filters in SQL,
// snippets cut from the original text by core so both adapters show the same passages.
import {
  makeSnippet,
  positiveTerms,
  type SearchHit,
  type SearchIndex,
  type SearchRequest,
} from '@echotrace/core';
import type Database from 'better-sqlite3';
import { compileMatch } from './fts5.query.ts';

const TITLE_WEIGHT = 2.0;
const BODY_WEIGHT = 1.0;

interface HitRow {
  id: string;
  title: string | null;
  text: string;
  source_id: string;
  language: string;
  published_at: string | null;
  canonical_url: string | null;
  rank: number;
}

export function createSearchIndex(db: Database.Database): SearchIndex {
  const fetchHit = db.prepare(
    'SELECT id, title, text, source_id, language, published_at, canonical_url FROM documents WHERE rowid = ?',
  );
  const mentionsOf = db.prepare(
    `SELECT start_offset AS start, end_offset AS end FROM annotations
     WHERE document_id = ? AND kind = 'entity' AND entity_id IN (SELECT value FROM json_each(?))`,
  );
  let wantedEntities: string[] = [];
  const mentionSpans = (documentId: string): Array<{ start: number; end: number }> =>
    wantedEntities.length
      ? (mentionsOf.all(documentId, JSON.stringify(wantedEntities)) as Array<{ start: number; end: number }>)
      : [];
  const redirectsTo = db.prepare('SELECT from_id FROM entity_redirects WHERE to_id = ?').pluck();
  return {
    async search(request: SearchRequest) {
      const { query } = request;
      const match = compileMatch(query.text, query.source);
      const where: string[] = [];
      const params: unknown[] = [];
      if (match.exclude) {
        where.push('d.rowid NOT IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)');
        params.push(match.exclude);
      }
      const { filters } = query;
      if (filters.sources.length) {
        where.push(`d.source_id IN (${filters.sources.map(() => '?').join(', ')})`);
        params.push(...filters.sources);
      }
      if (filters.languages.length) {
        where.push(`d.language IN (${filters.languages.map(() => '?').join(', ')})`);
        params.push(...filters.languages);
      }
      if (filters.from) {
        where.push('d.published_utc >= ?');
        params.push(filters.from);
      }
      if (filters.to) {
        where.push('d.published_utc < ?');
        params.push(filters.to);
      }
      for (const entity of filters.entities) {
        // Mentions stored under an id since merged into this one count as this entity's.
        where.push(
          `EXISTS (SELECT 1 FROM annotations a WHERE a.document_id = d.id AND a.kind = 'entity'
             AND a.entity_id IN (SELECT ? UNION ALL SELECT from_id FROM entity_redirects WHERE to_id = ?))`,
        );
        params.push(entity, entity);
      }
      wantedEntities = filters.entities.flatMap((id) => [id, ...(redirectsTo.all(id) as string[])]);
      const page = request.limit + request.offset;
      let total: number;
      let ranked: Array<{ rowid: number; rank: number }>;
      if (match.include) {
        // Score in the index alone, then read document rows only for candidates: BM25 over tens of
        // thousands of matches is cheap, reading their rows is not. Without filters, only rows
        // scoring at least as well as the page's last hit (ties included) are joined.
        const cutoff =
          where.length === 0
            ? 'WHERE ranked.r <= coalesce((SELECT r FROM ranked ORDER BY r LIMIT 1 OFFSET ?), 1e308)'
            : `WHERE ${where.join(' AND ')}`;
        const cutoffParams = where.length === 0 ? [page - 1] : params;
        const sql = `WITH ranked AS MATERIALIZED (
            SELECT rowid, bm25(documents_fts, ${TITLE_WEIGHT}, ${BODY_WEIGHT}) AS r FROM documents_fts WHERE documents_fts MATCH ?)
          SELECT d.rowid AS rowid, ranked.r AS rank FROM ranked JOIN documents d ON d.rowid = ranked.rowid ${cutoff}
          ORDER BY ranked.r, d.published_utc DESC, d.id LIMIT ? OFFSET ?`;
        ranked = db
          .prepare(sql)
          .all(match.include, ...cutoffParams, request.limit, request.offset) as typeof ranked;
        total = (
          where.length === 0
            ? db
                .prepare('SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?')
                .pluck()
                .get(match.include)
            : db
                .prepare(
                  `SELECT count(*) FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ? AND ${where.join(' AND ')}`,
                )
                .pluck()
                .get(match.include, ...params)
        ) as number;
      } else {
        const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
        ranked = db
          .prepare(
            `SELECT d.rowid AS rowid, 0 AS rank FROM documents d ${whereSql} ORDER BY d.published_utc DESC, d.id LIMIT ? OFFSET ?`,
          )
          .all(...params, request.limit, request.offset) as typeof ranked;
        total = db
          .prepare(`SELECT count(*) FROM documents d ${whereSql}`)
          .pluck()
          .get(...params) as number;
      }
      const rows = ranked.map(({ rowid, rank }) => ({
        ...(fetchHit.get(rowid) as Omit<HitRow, 'rank'>),
        rank,
      }));
      const terms = positiveTerms(query.text);
      const hits = rows.map((row): SearchHit => {
        const snippet = makeSnippet(row.text, terms, undefined, mentionSpans(row.id));
        return {
          documentId: row.id,
          title: row.title,
          sourceId: row.source_id,
          language: row.language,
          publishedAt: row.published_at,
          canonicalUrl: row.canonical_url,
          // bm25() is lower-is-better; the port promises higher-is-better.
          score: Math.round(-row.rank * 1e4) / 1e4,
          snippet: snippet.text,
          highlights: snippet.highlights,
        };
      });
      return { total, hits };
    },
  };
}
