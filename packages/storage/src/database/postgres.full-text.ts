// PostgreSQL's full text: a GIN-indexed tsvector column on documents, built here from core's
// analyzer output as a tsvector literal (PostgreSQL's own parser and dictionaries never touch our
// terms), split as FTS5's unicode61 tokenizer splits them so both databases see the same tokens.
// Title terms carry weight A, body terms B; the body starts one position after a gap so a phrase
// cannot span title and body. Ranking: ts_rank, title counting double the body, length-damped.
import { indexForm } from '@echotrace/core';
import { sql } from 'kysely';
import type { FullTextDialect, MatchSyntax } from './full-text.ts';

/** tsvector positions stop at 16383; later terms still match as words but not in phrases. */
const MAX_POSITION = 16383;
/** PostgreSQL keeps at most 256 positions per lexeme. */
const MAX_POSITIONS_PER_LEXEME = 256;
/** Lexemes are limited to 2 KiB. */
const MAX_LEXEME_BYTES = 2046;
/** ts_rank weights in {D, C, B, A} order: body (B) 0.5, title (A) 1.0, as SQLite's bm25 2:1. */
const WEIGHTS = '{0, 0, 0.5, 1.0}';
/** Divides the rank by 1 + log(document length), BM25's document-length damping in spirit. */
const NORMALIZATION = 1;

/**
 * The tokens FTS5's unicode61 tokenizer makes of one analyzer term: it splits on everything but
 * letters, numbers and private-use characters (`covid-19` is `covid`, `19`). Both databases must
 * see the same tokens for the same results, in documents and in queries alike.
 */
export function ftsTokens(term: string): string[] {
  return term.split(/[^\p{L}\p{N}\p{Co}]+/u).filter((t) => t.length > 0);
}

export function quoteLexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** The tsvector literal of a document. */
export function searchVector(title: string | null, text: string): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  const add = (terms: string[], weight: 'A' | 'B'): void => {
    for (const term of terms) {
      position = Math.min(position + 1, MAX_POSITION);
      if (Buffer.byteLength(term) > MAX_LEXEME_BYTES) continue;
      let list = positions.get(term);
      if (!list) positions.set(term, (list = []));
      if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${position}${weight}`);
    }
  };
  const split = (value: string): string[] => value.split(' ').flatMap(ftsTokens);
  add(split(indexForm(title ?? '')), 'A');
  position += 1;
  add(split(indexForm(text)), 'B');
  return [...positions].map(([term, list]) => `${quoteLexeme(term)}:${list.join(',')}`).join(' ');
}

/** A term FTS5 splits into several tokens is a phrase there; a prefix applies to its last token. */
function tokenPhrase(term: string, prefix: boolean): string {
  const tokens = ftsTokens(term);
  if (tokens.length === 0) return quoteLexeme(term);
  const lexemes = tokens.map((t, i) =>
    prefix && i === tokens.length - 1 ? `${quoteLexeme(t)}:*` : quoteLexeme(t),
  );
  return lexemes.length === 1 ? lexemes[0]! : `(${lexemes.join(' <-> ')})`;
}

export const tsquerySyntax: MatchSyntax = {
  term: tokenPhrase,
  phrase: (terms) =>
    terms.length === 1 ? quoteLexeme(terms[0]!) : `(${terms.map(quoteLexeme).join(' <-> ')})`,
  or: (parts) => `(${parts.join(' | ')})`,
  and: (positives, negatives) => {
    const parts = [...positives, ...negatives.map((n) => `!${n}`)];
    return parts.length === 1 ? parts[0]! : `(${parts.join(' & ')})`;
  },
};

export const postgresFullText: FullTextDialect = {
  syntax: tsquerySyntax,
  // Bound untyped into the tsvector column, the literal is read by tsvector's own input function.
  documentValues: (title, text) => ({ search_vector: searchVector(title, text) }),
  indexer: () => async () => undefined,
  // The text is cast to tsquery directly (no parser or dictionary runs), so lexemes compare exactly.
  matches: (expression) => sql`d.search_vector @@ ${expression}::tsquery`,
  async ranked(db, { include, filter, limit, offset }) {
    const where = filter
      ? sql`d.search_vector @@ ${include}::tsquery AND ${filter}`
      : sql`d.search_vector @@ ${include}::tsquery`;
    const counted = await sql<{
      n: string | number;
    }>`SELECT count(*) AS n FROM documents d WHERE ${where}`.execute(db);
    const page = await sql<{ rowid: string | number; rank: number }>`SELECT d.rowid,
        ts_rank(${WEIGHTS}::float4[], d.search_vector, ${include}::tsquery, ${sql.lit(NORMALIZATION)})::float8 AS rank
      FROM documents d WHERE ${where}
      ORDER BY rank DESC, d.published_utc DESC NULLS LAST, d.id LIMIT ${limit} OFFSET ${offset}`.execute(db);
    return {
      rows: page.rows.map((row) => ({ rowid: Number(row.rowid), score: Number(row.rank) })),
      total: Number(counted.rows[0]?.n ?? 0),
    };
  },
};
