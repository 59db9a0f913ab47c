// SQLite's full text: a contentless FTS5 table (documents_fts) of core's analyzer terms, ranked by
// BM25 with the title weighted double. Every term is quoted, so nothing a user types is read as FTS5
// syntax. An entry's rowid is the document's rowid plus its score-bound cell above bit 40
// (sqlite.score-bound.ts), so a search can read the best cells first and stop early;
// documents_fts_cells remembers each document's cell to find its entry again.
import { indexForm } from '@echotrace/core';
import { sql, type Kysely } from 'kysely';
import type { FullTextDialect, MatchSyntax, RankedPage } from './full-text.ts';
import { prepared } from './prepared.ts';
import type { Database } from './schema.ts';
import {
  BODY_WEIGHT,
  CELL_COUNT,
  CELL_SHIFT,
  cellFor,
  cellMinLength,
  cellOf,
  idf,
  phrasesOf,
  readVarints,
  remainingBounds,
  ROWID_MASK,
  TITLE_WEIGHT,
} from './sqlite.score-bound.ts';

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

const RANK = sql`bm25(documents_fts, ${sql.lit(TITLE_WEIGHT)}, ${sql.lit(BODY_WEIGHT)})`;
const MASK = sql.lit(ROWID_MASK);

/** Below this many matches, scoring them all costs less than reading the cells one by one. */
const SCORE_ALL_BELOW = 4000;
/**
 * The ranges read, as fractions of the best possible bound: the first read covers the cells that
 * can score above 0.85 of it, and so on. Most searches stop after the first.
 */
const STEPS = [0.85, 0.6, 0];

type Scored = { rowid: number; r: number };

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
    const size = prepared<{ rowid: number }, { sz: Uint8Array }>(
      context,
      (_db, slot) => sql`SELECT sz FROM documents_fts_docsize WHERE id = ${slot('rowid')}`,
    );
    const cellAt = prepared<{ rowid: number }, { cell: number }>(
      context,
      (_db, slot) => sql`SELECT cell FROM documents_fts_cells WHERE rowid = ${slot('rowid')}`,
    );
    const keepCell = prepared<{ rowid: number; cell: number }>(
      context,
      (_db, slot) =>
        sql`INSERT INTO documents_fts_cells (rowid, cell) VALUES (${slot('rowid')}, ${slot('cell')})
          ON CONFLICT (rowid) DO UPDATE SET cell = excluded.cell`,
    );
    return async ({ rowid, title, text, replacing }) => {
      if (rowid > ROWID_MASK)
        throw new RangeError(`document rowid ${rowid} is above 2^40, the search index's limit`);
      if (replacing) {
        const [old] = (await cellAt({ rowid })).rows;
        await remove({ rowid: (old?.cell ?? 0) * CELL_SHIFT + rowid });
      }
      const indexed = { title: indexForm(title ?? ''), body: indexForm(text) };
      const estimate = cellOf(indexed.title, indexed.body);
      let cell = estimate.cell;
      await insert({ rowid: cell * CELL_SHIFT + rowid, ...indexed });
      // The bound holds only if the cell's length class is not above FTS5's own count of tokens.
      const [row] = (await size({ rowid: cell * CELL_SHIFT + rowid })).rows;
      const length = row ? readVarints(row.sz).reduce((a, b) => a + b, 0) : 0;
      if (length < cellMinLength(cell)) {
        await remove({ rowid: cell * CELL_SHIFT + rowid });
        cell = cellFor(estimate.maxFrequency, length);
        await insert({ rowid: cell * CELL_SHIFT + rowid, ...indexed });
      }
      await keepCell({ rowid, cell });
    };
  },
  matches: (expression) =>
    sql`d.rowid IN (SELECT rowid & ${MASK} FROM documents_fts WHERE documents_fts MATCH ${expression})`,
  async ranked(db, request) {
    if (!request.filter) {
      const bounded = await rankedByCells(db, request.include, request.limit + request.offset);
      if (bounded)
        return {
          rows: bounded.rows.slice(request.offset, request.offset + request.limit),
          total: bounded.total,
        };
    }
    return rankedAll(db, request);
  },
};

/** Every match scored, one statement: the page and the total. */
export async function rankedAll(
  db: Kysely<Database>,
  { include, filter, limit, offset }: Parameters<FullTextDialect['ranked']>[1],
): Promise<RankedPage> {
  // One statement scores, counts and pages (docs/scaling.md has the measures). Without filters,
  // BM25 is computed in the index alone and document rows are read only for candidates scoring at
  // least as well as the page's last hit (ties included, for the tie-break). With filters, the
  // matches are joined to their rows first (CROSS JOIN keeps that order: left alone, the planner
  // walks the language index over every document) and only the rows passing the filter are scored.
  const kept = filter
    ? sql`SELECT documents_fts.rowid & ${MASK} AS rowid, ${RANK} AS r, d.published_utc AS published_utc, d.id AS id
          FROM documents_fts CROSS JOIN documents d ON d.rowid = documents_fts.rowid & ${MASK}
          WHERE documents_fts MATCH ${include} AND ${filter}`
    : sql`SELECT rowid & ${MASK} AS rowid, ${RANK} AS r FROM documents_fts WHERE documents_fts MATCH ${include}`;
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
}

/**
 * The first `wanted` hits of an unfiltered search, read cell range by cell range (best bounds
 * first) until the wanted-th score is above what any unread cell can reach; null when a phrase has
 * no bound (a prefix, only function words) or there are few matches, and every match is scored.
 */
export async function rankedByCells(
  db: Kysely<Database>,
  include: string,
  wanted: number,
  scoreAllBelow = SCORE_ALL_BELOW,
): Promise<RankedPage | null> {
  const phrases = phrasesOf(include);
  if (phrases.length === 0 || phrases.some((p) => p.scores && !p.bounded)) return null;
  const count = async (expression: string): Promise<number> =>
    Number(
      (
        await sql<{
          n: number;
        }>`SELECT count(*) AS n FROM documents_fts WHERE documents_fts MATCH ${expression}`.execute(db)
      ).rows[0]?.n ?? 0,
    );
  const total = await count(include);
  if (total < Math.max(scoreAllBelow, wanted)) return null;
  // FTS5's own row count and token total (its averages record), as bm25() reads them.
  const averages = (
    await sql<{ block: Uint8Array }>`SELECT block FROM documents_fts_data WHERE id = 1`.execute(db)
  ).rows[0];
  if (!averages) return null;
  const [rows = 0, ...columns] = readVarints(averages.block);
  const avgdl = columns.reduce((a, b) => a + b, 0) / rows;
  let idfSum = 0;
  for (const phrase of phrases) {
    if (!phrase.scores) continue;
    const hits = phrases.length === 1 ? total : await count(phrase.text);
    // A phrase no document holds adds nothing to any score.
    if (hits > 0) idfSum += idf(rows, hits);
  }
  const remaining = remainingBounds(idfSum, avgdl);
  const best = remaining[0]!;

  let scored: Scored[] = [];
  let from = 0;
  for (const step of STEPS) {
    let to = from + 1;
    while (to < CELL_COUNT && remaining[to]! >= step * best) to++;
    const rows = await sql<Scored>`WITH kept AS MATERIALIZED (
        SELECT rowid, ${RANK} AS r FROM documents_fts
        WHERE documents_fts MATCH ${include} AND rowid >= ${from * CELL_SHIFT} AND rowid < ${to * CELL_SHIFT})
      SELECT rowid & ${MASK} AS rowid, r FROM kept
      WHERE r <= coalesce((SELECT r FROM kept ORDER BY r LIMIT 1 OFFSET ${wanted - 1}), 1e308)`.execute(db);
    scored = scored.concat(rows.rows);
    from = to;
    if (scored.length >= wanted) {
      scored.sort((a, b) => a.r - b.r);
      const cutoff = scored[wanted - 1]!.r;
      scored = scored.filter((s) => s.r <= cutoff);
      // bm25() is negated: a score above the best unread bound means nothing unread can reach it.
      if (from >= CELL_COUNT || -cutoff > remaining[from]!) break;
    }
    if (from >= CELL_COUNT) break;
  }
  // The tie-break, as the single statement orders: newest first (no date last), then id.
  const ids = await sql<{ rowid: number; published_utc: string | null; id: string }>`
    SELECT d.rowid AS rowid, d.published_utc AS published_utc, d.id AS id FROM documents d
    WHERE d.rowid IN (SELECT value FROM json_each(${JSON.stringify(scored.map((s) => s.rowid))}))`.execute(
    db,
  );
  const byRowid = new Map(ids.rows.map((row) => [Number(row.rowid), row]));
  const ordered = scored
    .map((s) => ({ ...s, doc: byRowid.get(Number(s.rowid))! }))
    .sort(
      (a, b) =>
        a.r - b.r ||
        compareDesc(a.doc.published_utc, b.doc.published_utc) ||
        Buffer.compare(Buffer.from(a.doc.id), Buffer.from(b.doc.id)),
    );
  return { rows: ordered.slice(0, wanted).map((s) => ({ rowid: Number(s.rowid), score: -s.r })), total };
}

/** ORDER BY x DESC over SQLite's BINARY collation: NULL last, strings by their UTF-8 bytes. */
function compareDesc(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return Buffer.compare(Buffer.from(b), Buffer.from(a));
}
