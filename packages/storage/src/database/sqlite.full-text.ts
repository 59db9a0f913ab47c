// SQLite's full text: a contentless FTS5 table (documents_fts, rowid = documents.rowid) of core's
// analyzer terms, ranked by BM25 with the title weighted double. Every term is quoted, so nothing a
// user types is read as FTS5 syntax.
import { indexForm } from '@echotrace/core';
import { sql } from 'kysely';
import type { FullTextDialect, MatchSyntax } from './full-text.ts';
import { prepared } from './prepared.ts';

const TITLE_WEIGHT = 2.0;
const BODY_WEIGHT = 1.0;

const quote = (term: string): string => `"${term.replace(/"/g, '""')}"`;

export const fts5Syntax: MatchSyntax = {
  term: (term, prefix) => (prefix ? `${quote(term)} *` : quote(term)),
  phrase: (terms) => quote(terms.join(' ')),
  or: (parts) => `(${parts.join(' OR ')})`,
  // FTS5 has no unary NOT: each negative is subtracted from the positives with the binary NOT.
  and: (positives, negatives) =>
    negatives.reduce(
      (expression, negative) => `(${expression} NOT ${negative})`,
      positives.length === 1 ? positives[0]! : `(${positives.join(' AND ')})`,
    ),
};

export const sqliteFullText: FullTextDialect = {
  syntax: fts5Syntax,
  documentValues: () => ({}),
  indexer(context) {
    const remove = prepared<{ rowid: number }>(
      context,
      (_db, slot) => sql`DELETE FROM documents_fts WHERE rowid = ${slot('rowid')}`,
    );
    const insert = prepared<{ rowid: number; title: string; body: string }>(
      context,
      (_db, slot) =>
        sql`INSERT INTO documents_fts (rowid, title, body) VALUES (${slot('rowid')}, ${slot('title')}, ${slot('body')})`,
    );
    return async ({ rowid, title, text, replacing }) => {
      if (replacing) await remove({ rowid });
      await insert({ rowid, title: indexForm(title ?? ''), body: indexForm(text) });
    };
  },
  matches: (expression) =>
    sql`d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ${expression})`,
  async ranked(db, { include, filter, limit, offset }) {
    // One statement scores, counts and pages (docs/scaling.md has the measures). Without filters,
    // BM25 is computed in the index alone and document rows are read only for candidates scoring at
    // least as well as the page's last hit (ties included, for the tie-break). With filters, the
    // matches are joined to their rows first (CROSS JOIN keeps that order: left alone, the planner
    // walks the language index over every document) and only the rows passing the filter are scored.
    const rank = sql`bm25(documents_fts, ${sql.lit(TITLE_WEIGHT)}, ${sql.lit(BODY_WEIGHT)})`;
    const kept = filter
      ? sql`SELECT documents_fts.rowid AS rowid, ${rank} AS r, d.published_utc AS published_utc, d.id AS id
          FROM documents_fts CROSS JOIN documents d ON d.rowid = documents_fts.rowid
          WHERE documents_fts MATCH ${include} AND ${filter}`
      : sql`SELECT rowid, ${rank} AS r FROM documents_fts WHERE documents_fts MATCH ${include}`;
    const page = filter
      ? sql`SELECT rowid, r FROM kept ORDER BY r, published_utc DESC, id LIMIT ${limit} OFFSET ${offset}`
      : sql`SELECT d.rowid AS rowid, kept.r AS r FROM kept CROSS JOIN documents d ON d.rowid = kept.rowid
          WHERE kept.r <= coalesce((SELECT r FROM kept ORDER BY r LIMIT 1 OFFSET ${limit + offset - 1}), 1e308)
          ORDER BY kept.r, d.published_utc DESC, d.id LIMIT ${limit} OFFSET ${offset}`;
    // The first row carries the total and no document, so an empty page still reports it.
    const result = await sql<{ rowid: number | null; rank: number | null; total: number | null }>`
      WITH kept AS MATERIALIZED (${kept})
      SELECT NULL AS rowid, NULL AS rank, (SELECT count(*) FROM kept) AS total
      UNION ALL SELECT * FROM (SELECT rowid, r AS rank, NULL AS total FROM (${page}))`.execute(db);
    const [head, ...rows] = result.rows;
    return {
      // bm25() is lower-is-better; the port promises higher-is-better.
      rows: rows.map((row) => ({ rowid: Number(row.rowid), score: -Number(row.rank) })),
      total: Number(head?.total ?? 0),
    };
  },
};
