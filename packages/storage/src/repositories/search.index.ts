// Full-text search, written once over Kysely for every dialect: filters in SQL, ranking through the
// dialect's full-text seam (BM25 over FTS5 on SQLite, ts_rank over a tsvector on PostgreSQL), the
// same tie-break everywhere (newest first, then id), and snippets cut from the original text by
// core so both databases show the same passages.
import {
  makeSnippet,
  positiveTerms,
  type FacetCount,
  type Query,
  type QueryFilters,
  type SearchFacets,
  type SearchHit,
  type SearchIndex,
  type SearchRequest,
} from '@echotrace/core';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { compileMatch, type FullTextDialect, type RankedPage } from '../database/full-text.ts';
import type { StoreContext } from '../database/unit-of-work.ts';
import { annotationConditions, scopeConditions } from '../database/selection.condition.ts';

export function createSearchIndex(context: StoreContext): SearchIndex {
  const { fullText } = context.dialect;
  return {
    async search(request: SearchRequest) {
      const { query } = request;
      const { filters } = query;
      const match = compileMatch(query.text, query.source, fullText.syntax);
      const conditions = filterConditions(fullText, query.filters, match.exclude);
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

    async facets(query: Query, limit: number): Promise<SearchFacets> {
      const match = compileMatch(query.text, query.source, fullText.syntax);
      const conditions = filterConditions(fullText, query.filters, match.exclude);
      if (match.include) conditions.unshift(fullText.matches(match.include));
      const where = conditions.length ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``;
      const db = context.db();
      const counts = async (statement: RawBuilder<FacetRow>): Promise<FacetCount[]> =>
        (await statement.execute(db)).rows.map((row) => ({
          value: row.facet_value,
          documents: context.dialect.decodeCount(row.n),
        }));
      const byColumn = (column: 'source_id' | 'language') =>
        counts(sql<FacetRow>`SELECT d.${sql.ref(column)} AS facet_value, count(*) AS n FROM documents d ${where}
          GROUP BY d.${sql.ref(column)} ORDER BY n DESC, facet_value LIMIT ${limit}`);
      const sources = await byColumn('source_id');
      const languages = await byColumn('language');
      // An entity counts once per matching document however often it is mentioned there.
      const entities =
        await counts(sql<FacetRow>`SELECT a.entity_id AS facet_value, count(DISTINCT a.document_id) AS n
        FROM annotations a WHERE a.kind = 'entity' AND a.entity_id IS NOT NULL
          AND a.document_id IN (SELECT d.id FROM documents d ${where})
        GROUP BY a.entity_id ORDER BY n DESC, facet_value LIMIT ${limit}`);
      const counted = await sql<{ n: unknown }>`SELECT count(*) AS n FROM documents d ${where}`.execute(db);
      return { total: context.dialect.decodeCount(counted.rows[0]?.n), sources, languages, entities };
    },
  };
}

interface FacetRow {
  facet_value: string;
  n: unknown;
}

/** The filters of a query (and its top-level negation) as conditions on documents `d`. */
function filterConditions(
  fullText: FullTextDialect,
  filters: QueryFilters,
  exclude: string | null,
): RawBuilder<SqlBool>[] {
  const conditions: RawBuilder<SqlBool>[] = [];
  if (exclude) conditions.push(sql`NOT (${fullText.matches(exclude)})`);
  // The same conditions analysis aggregates over (selection.condition.ts).
  conditions.push(...scopeConditions(filters), ...annotationConditions(filters));
  return conditions;
}
