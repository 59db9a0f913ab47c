// Full-text search, written once over Kysely for every dialect: filters in SQL, ranking through the
// dialect's full-text seam (BM25 over FTS5 on SQLite, ts_rank over a tsvector on PostgreSQL), the
// same tie-break everywhere (newest first, then id), and snippets cut from the original text by
// core so both databases show the same passages.
import {
  makeSnippet,
  positiveTerms,
  type SearchHit,
  type SearchIndex,
  type SearchRequest,
} from '@echotrace/core';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { compileMatch, type RankedPage } from '../database/full-text.ts';
import type { StoreContext } from '../database/unit-of-work.ts';

export function createSearchIndex(context: StoreContext): SearchIndex {
  const { fullText } = context.dialect;
  return {
    async search(request: SearchRequest) {
      const { query } = request;
      const match = compileMatch(query.text, query.source, fullText.syntax);
      const { filters } = query;
      const conditions: RawBuilder<SqlBool>[] = [];
      if (match.exclude) conditions.push(sql`NOT (${fullText.matches(match.exclude)})`);
      if (filters.sources.length) conditions.push(sql`d.source_id IN (${sql.join(filters.sources)})`);
      if (filters.languages.length) conditions.push(sql`d.language IN (${sql.join(filters.languages)})`);
      if (filters.from) conditions.push(sql`d.published_utc >= ${filters.from}`);
      if (filters.to) conditions.push(sql`d.published_utc < ${filters.to}`);
      for (const entity of filters.entities) {
        // Mentions stored under an id since merged into this one count as this entity's.
        conditions.push(sql`EXISTS (SELECT 1 FROM annotations a WHERE a.document_id = d.id AND a.kind = 'entity'
          AND a.entity_id IN (SELECT CAST(${entity} AS TEXT) UNION ALL SELECT from_id FROM entity_redirects WHERE to_id = ${entity}))`);
      }
      for (const speaker of filters.speakers ?? []) {
        // Quotes whose speaker was resolved to this entity (or to one since merged into it).
        conditions.push(sql`EXISTS (SELECT 1 FROM annotations q WHERE q.document_id = d.id AND q.kind = 'quote'
          AND q.speaker_entity_id IN (SELECT CAST(${speaker} AS TEXT) UNION ALL SELECT from_id FROM entity_redirects WHERE to_id = ${speaker}))`);
      }
      for (const [kind, values] of [
        ['narrative', filters.narratives ?? []],
        ['technique', filters.techniques ?? []],
      ] as const) {
        // Labels an analyst rejected are no longer stored (the label enricher drops them), so they never match.
        for (const value of values)
          conditions.push(sql`EXISTS (SELECT 1 FROM annotations l WHERE l.document_id = d.id AND l.kind = ${kind}
            AND LOWER(l.label) = ${value})`);
      }
      const filter = conditions.length ? sql<SqlBool>`${sql.join(conditions, sql` AND `)}` : null;
      const db = context.db();
      let page: RankedPage;
      if (match.include) {
        page = await fullText.ranked(db, {
          include: match.include,
          filter,
          limit: request.limit,
          offset: request.offset,
        });
      } else {
        const where = filter ? sql`WHERE ${filter}` : sql``;
        const rows = await sql<{ rowid: number | string }>`SELECT d.rowid AS rowid FROM documents d ${where}
          ORDER BY d.published_utc DESC NULLS LAST, d.id LIMIT ${request.limit} OFFSET ${request.offset}`.execute(
          db,
        );
        const counted = await sql<{ n: unknown }>`SELECT count(*) AS n FROM documents d ${where}`.execute(db);
        page = {
          rows: rows.rows.map((r) => ({ rowid: Number(r.rowid), score: 0 })),
          total: context.dialect.decodeCount(counted.rows[0]?.n),
        };
      }
      if (page.rows.length === 0) return { total: page.total, hits: [] };
      const fetched = await db
        .selectFrom('documents')
        .select(['rowid', 'id', 'title', 'text', 'source_id', 'language', 'published_at', 'canonical_url'])
        .where(
          'rowid',
          'in',
          page.rows.map((r) => r.rowid),
        )
        .execute();
      const byRowid = new Map(fetched.map((row) => [Number(row.rowid), row]));
      const mentions = new Map<string, Array<{ start: number; end: number }>>();
      if (filters.entities.length) {
        const redirected = await db
          .selectFrom('entity_redirects')
          .select('from_id')
          .where('to_id', 'in', filters.entities)
          .execute();
        const spans = await db
          .selectFrom('annotations')
          .select(['document_id', 'start_offset', 'end_offset'])
          .where(
            'document_id',
            'in',
            fetched.map((r) => r.id),
          )
          .where('kind', '=', 'entity')
          .where('entity_id', 'in', [...filters.entities, ...redirected.map((r) => r.from_id)])
          .orderBy('document_id')
          .orderBy('start_offset')
          .orderBy('end_offset')
          .execute();
        for (const span of spans) {
          const list = mentions.get(span.document_id) ?? [];
          list.push({ start: span.start_offset, end: span.end_offset });
          mentions.set(span.document_id, list);
        }
      }
      const terms = positiveTerms(query.text);
      const hits = page.rows.map(({ rowid, score }): SearchHit => {
        const row = byRowid.get(rowid)!;
        const snippet = makeSnippet(row.text, terms, undefined, mentions.get(row.id) ?? []);
        return {
          documentId: row.id,
          title: row.title,
          sourceId: row.source_id,
          language: row.language,
          publishedAt: row.published_at,
          canonicalUrl: row.canonical_url,
          score: Math.round(score * 1e4) / 1e4,
          snippet: snippet.text,
          highlights: snippet.highlights,
        };
      });
      return { total: page.total, hits };
    },
  };
}
