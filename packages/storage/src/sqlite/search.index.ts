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
  return {
    async search(request: SearchRequest) {
      const { query } = request;
      const match = compileMatch(query.text, query.source);
      const where: string[] = [];
      const params: unknown[] = [];
      let from = 'documents d';
      let rank = '0';
      let order = 'd.published_utc DESC, d.id';
      if (match.include) {
        from = 'documents_fts f JOIN documents d ON d.rowid = f.rowid';
        where.push('documents_fts MATCH ?');
        params.push(match.include);
        rank = `bm25(documents_fts, ${TITLE_WEIGHT}, ${BODY_WEIGHT})`;
        order = 'rank, d.published_utc DESC, d.id';
      }
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
      const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = db
        .prepare(`SELECT count(*) FROM ${from} ${whereSql}`)
        .pluck()
        .get(...params) as number;
      const rows = db
        .prepare(
          `SELECT d.id, d.title, d.text, d.source_id, d.language, d.published_at, d.canonical_url, ${rank} AS rank
           FROM ${from} ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`,
        )
        .all(...params, request.limit, request.offset) as HitRow[];
      const terms = positiveTerms(query.text);
      const hits = rows.map((row): SearchHit => {
        const snippet = makeSnippet(row.text, terms);
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
