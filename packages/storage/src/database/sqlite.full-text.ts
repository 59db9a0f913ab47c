// SQLite's full text: a contentless FTS5 table (documents_fts) of core's analyzer terms, ranked by
// BM25 with the title weighted double. Every term is quoted, so nothing a user types is read as FTS5
// syntax. An entry's rowid is the document's rowid plus its score-bound cell above bit 40
// (sqlite.score-bound.ts), so a search can read the best cells first and stop early;
// documents_fts_cells remembers each document's cell to find its entry again.
import { indexForm } from '@echotrace/core';
import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { FullTextDialect, MatchSyntax, RankedPage } from './full-text.ts';
import { prepared } from './prepared.ts';
import type { Database } from './schema.ts';
import {
  BODY_WEIGHT,
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
/** A phrase with at most this many documents is bounded document by document. */
const RARE_PHRASE = 2000;

type Scored = { rowid: number; r: number };

/** The full text of one SQLite connection: searches by cells need the raw connection. */
export function sqliteFullTextOn(raw: BetterSqlite3.Database): FullTextDialect {
  return {
    ...sqliteFullText,
    async ranked(db, request) {
      if (!request.filter) {
        const bounded = await rankedByCells(db, raw, request.include, request.limit + request.offset);
        if (bounded)
          return {
            rows: bounded.rows.slice(request.offset, request.offset + request.limit),
            total: bounded.total,
          };
      }
      return rankedAll(db, request);
    },
  };
}

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
  // Without the raw connection (sqliteFullTextOn has it), every match is scored.
  ranked: (db, request) => rankedAll(db, request),
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
 * The first `wanted` hits of an unfiltered search: one statement scores the matches in rowid order,
 * which is cell order (best bound first), and is left as soon as the wanted-th score is above what
 * any later cell can reach. Null when a phrase has no bound (a prefix, only function words) or there
 * are few matches, and every match is scored. Runs on the raw connection (to leave the statement
 * early, which Kysely cannot), synchronously inside Kysely's hold of it, so no unit of work
 * interleaves.
 */
export async function rankedByCells(
  db: Kysely<Database>,
  raw: BetterSqlite3.Database,
  include: string,
  wanted: number,
  /** always: read by cells even where scoring every match is likely faster (for tests). */
  options: { always?: boolean } = {},
): Promise<RankedPage | null> {
  const phrases = phrasesOf(include);
  if (phrases.length === 0 || phrases.some((p) => p.scores && !p.bounded)) return null;
  return db
    .getExecutor()
    .provideConnection(async () => scanCells(raw, include, phrases, wanted, options.always ?? false));
}

const statements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();
function statement(raw: BetterSqlite3.Database, text: string): BetterSqlite3.Statement {
  let cache = statements.get(raw);
  if (!cache) statements.set(raw, (cache = new Map<string, BetterSqlite3.Statement>()));
  let prepared = cache.get(text);
  if (!prepared) cache.set(text, (prepared = raw.prepare(text)));
  return prepared;
}

function scanCells(
  raw: BetterSqlite3.Database,
  include: string,
  phrases: ReturnType<typeof phrasesOf>,
  wanted: number,
  always: boolean,
): RankedPage | null {
  const count = (expression: string): number =>
    statement(raw, 'SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?')
      .pluck()
      .get(expression) as number;
  const total = count(include);
  if (total < wanted || (!always && total < SCORE_ALL_BELOW)) return null;
  // FTS5's own row count and token total (its averages record), as bm25() reads them.
  const averages = statement(raw, 'SELECT block FROM documents_fts_data WHERE id = 1').pluck().get() as
    Uint8Array | undefined;
  if (!averages) return null;
  const [rows = 0, ...columns] = readVarints(averages);
  const avgdl = columns.reduce((a, b) => a + b, 0) / rows;
  // A rare phrase (an unusual inflection the analyzer adds, `армия` beside `арм`) has a large idf
  // but few documents: they are looked up, and only their cells carry its idf in the bound.
  let idfSum = 0;
  const extra = new Map<number, number>();
  const perDocument = new Map<number, number>();
  for (const phrase of phrases) {
    if (!phrase.scores) continue;
    const hits = phrases.length === 1 ? total : count(phrase.text);
    if (hits === 0) continue;
    if (hits > RARE_PHRASE || phrases.length === 1) {
      // Two common phrases (`ракеты OR беспилотники`) add up in the bound past what one document
      // reaches: the scan would read nearly every match, slower than scoring them in one statement.
      if (idfSum > 0 && !always) return null;
      idfSum += idf(rows, hits);
      continue;
    }
    const value = idf(rows, hits);
    const found = statement(raw, 'SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?')
      .pluck()
      .all(phrase.text) as number[];
    for (const rowid of found) perDocument.set(rowid, (perDocument.get(rowid) ?? 0) + value);
  }
  // Rare phrases in many matches put their idf in most cells: nothing left to skip.
  if (perDocument.size * 10 > total && !always) return null;
  for (const [rowid, value] of perDocument) {
    const cell = Math.floor(rowid / CELL_SHIFT);
    extra.set(cell, Math.max(extra.get(cell) ?? 0, value));
  }
  const remaining = remainingBounds(idfSum, avgdl, extra);

  let kept: Scored[] = [];
  let cutoff = Infinity;
  const settle = (): void => {
    if (kept.length < wanted) return;
    kept.sort((a, b) => a.r - b.r);
    cutoff = kept[wanted - 1]!.r;
    kept = kept.filter((s) => s.r <= cutoff);
  };
  const scan = statement(
    raw,
    `SELECT rowid, bm25(documents_fts, ${TITLE_WEIGHT.toFixed(1)}, ${BODY_WEIGHT.toFixed(1)}) AS r
     FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid`,
  );
  let cell = -1;
  for (const row of scan.iterate(include) as IterableIterator<Scored>) {
    const at = Math.floor(row.rowid / CELL_SHIFT);
    if (at !== cell) {
      cell = at;
      settle();
      // bm25() is negated: a score above the best bound from this cell on means nothing left can
      // reach the page (leaving the loop ends the statement).
      if (kept.length >= wanted && -cutoff > remaining[cell]!) break;
    }
    if (kept.length < wanted || row.r <= cutoff) {
      kept.push({ rowid: row.rowid % CELL_SHIFT, r: row.r });
      if (kept.length >= 4 * wanted + 64) settle();
    }
  }
  settle();
  // The tie-break, as the single statement orders: newest first (no date last), then id.
  const ids = statement(
    raw,
    'SELECT rowid, published_utc, id FROM documents WHERE rowid IN (SELECT value FROM json_each(?))',
  ).all(JSON.stringify(kept.map((s) => s.rowid))) as Array<{
    rowid: number;
    published_utc: string | null;
    id: string;
  }>;
  const byRowid = new Map(ids.map((row) => [row.rowid, row]));
  const ordered = kept
    .map((s) => ({ ...s, doc: byRowid.get(s.rowid)! }))
    .sort(
      (a, b) =>
        a.r - b.r ||
        compareDesc(a.doc.published_utc, b.doc.published_utc) ||
        Buffer.compare(Buffer.from(a.doc.id), Buffer.from(b.doc.id)),
    );
  return { rows: ordered.slice(0, wanted).map((s) => ({ rowid: s.rowid, score: -s.r })), total };
}

/** ORDER BY x DESC over SQLite's BINARY collation: NULL last, strings by their UTF-8 bytes. */
function compareDesc(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return Buffer.compare(Buffer.from(b), Buffer.from(a));
}
