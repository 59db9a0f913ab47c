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
    // Score in the index alone, then read document rows only for candidates: BM25 over tens of
    // thousands of matches is cheap, reading their rows is not. Without filters, only rows scoring
    // at least as well as the page's last hit (ties included) are joined.
    const cutoff = filter
      ? sql`WHERE ${filter}`
      : sql`WHERE ranked.r <= coalesce((SELECT r FROM ranked ORDER BY r LIMIT 1 OFFSET ${limit + offset - 1}), 1e308)`;
    const page = await sql<{ rowid: number; rank: number }>`WITH ranked AS MATERIALIZED (
        SELECT rowid, bm25(documents_fts, ${sql.lit(TITLE_WEIGHT)}, ${sql.lit(BODY_WEIGHT)}) AS r
        FROM documents_fts WHERE documents_fts MATCH ${include})
      SELECT d.rowid AS rowid, ranked.r AS rank FROM ranked JOIN documents d ON d.rowid = ranked.rowid ${cutoff}
      ORDER BY ranked.r, d.published_utc DESC, d.id LIMIT ${limit} OFFSET ${offset}`.execute(db);
    const counted = await (
      filter
        ? sql<{
            n: number;
          }>`SELECT count(*) AS n FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
          WHERE documents_fts MATCH ${include} AND ${filter}`
        : sql<{ n: number }>`SELECT count(*) AS n FROM documents_fts WHERE documents_fts MATCH ${include}`
    ).execute(db);
    return {
      // bm25() is lower-is-better; the port promises higher-is-better.
      rows: page.rows.map((row) => ({ rowid: Number(row.rowid), score: -row.rank })),
      total: Number(counted.rows[0]?.n ?? 0),
    };
  },
};
