// Full-text search over the GIN-indexed tsvector of core's analyzer terms. Ranking: ts_rank with
// title (weight A) counting double the body (weight B) and length normalization, then the same
// tie-break as SQLite (newest first, then id). Snippets are cut from the original text by core,
// so both adapters show the same passages.
import {
  makeSnippet,
  positiveTerms,
  type SearchHit,
  type SearchIndex,
  type SearchRequest,
} from '@echotrace/core';
import type { Sql } from './sql.client.ts';
import { compileTsquery } from './tsquery.query.ts';

/** ts_rank weights in {D, C, B, A} order: body (B) 0.5, title (A) 1.0, as SQLite's bm25 2:1. */
const WEIGHTS = '{0, 0, 0.5, 1.0}';
/** Divides the rank by 1 + log(document length), BM25's document-length damping in spirit. */
const NORMALIZATION = 1;

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

export function createSearchIndex(sql: Sql): SearchIndex {
  return {
    async search(request: SearchRequest) {
      const { query } = request;
      const match = compileTsquery(query.text, query.source);
      const where: string[] = [];
      const params: unknown[] = [];
      const param = (value: unknown): string => {
        params.push(value);
        return `$${params.length}`;
      };
      let rank = '0::float8';
      let order = 'd.published_utc DESC NULLS LAST, d.id';
      if (match.include) {
        const q = `${param(match.include)}::tsquery`;
        where.push(`d.search_vector @@ ${q}`);
        rank = `ts_rank('${WEIGHTS}', d.search_vector, ${q}, ${NORMALIZATION})::float8`;
        order = `rank DESC, ${order}`;
      }
      if (match.exclude) where.push(`NOT (d.search_vector @@ ${param(match.exclude)}::tsquery)`);
      const { filters } = query;
      if (filters.sources.length) where.push(`d.source_id = ANY(${param(filters.sources)}::text[])`);
      if (filters.languages.length) where.push(`d.language = ANY(${param(filters.languages)}::text[])`);
      if (filters.from) where.push(`d.published_utc >= ${param(filters.from)}`);
      if (filters.to) where.push(`d.published_utc < ${param(filters.to)}`);
      for (const entity of filters.entities) {
        where.push(
          `EXISTS (SELECT 1 FROM annotations a WHERE a.document_id = d.id AND a.kind = 'entity' AND a.entity_id IN (SELECT ${param(entity)}::text UNION ALL SELECT from_id FROM entity_redirects WHERE to_id = ${param(entity)}))`,
        );
      }
      const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const filterParams = [...params];
      const [counted] = await sql.rows<{ n: number }>(
        `SELECT count(*)::int AS n FROM documents d ${whereSql}`,
        filterParams,
      );
      const rows = await sql.rows<HitRow>(
        `SELECT d.id, d.title, d.text, d.source_id, d.language, d.published_at, d.canonical_url, ${rank} AS rank
         FROM documents d ${whereSql} ORDER BY ${order} LIMIT ${param(request.limit)} OFFSET ${param(request.offset)}`,
        params,
      );
      const terms = positiveTerms(query.text);
      const mentions = new Map<string, Array<{ start: number; end: number }>>();
      if (query.filters.entities.length && rows.length) {
        const spans = await sql.rows<{ document_id: string; start: number; end: number }>(
          `SELECT document_id, start_offset AS start, end_offset AS "end" FROM annotations
           WHERE document_id = ANY($1::text[]) AND kind = 'entity' AND entity_id IN (
             SELECT unnest($2::text[]) UNION ALL SELECT from_id FROM entity_redirects WHERE to_id = ANY($2::text[]))`,
          [rows.map((r) => r.id), query.filters.entities],
        );
        for (const span of spans) {
          const list = mentions.get(span.document_id) ?? [];
          list.push({ start: span.start, end: span.end });
          mentions.set(span.document_id, list);
        }
      }
      const hits = rows.map((row): SearchHit => {
        const snippet = makeSnippet(row.text, terms, undefined, mentions.get(row.id) ?? []);
        return {
          documentId: row.id,
          title: row.title,
          sourceId: row.source_id,
          language: row.language,
          publishedAt: row.published_at,
          canonicalUrl: row.canonical_url,
          score: Math.round(Number(row.rank) * 1e4) / 1e4,
          snippet: snippet.text,
          highlights: snippet.highlights,
        };
      });
      return { total: counted?.n ?? 0, hits };
    },
  };
}
