// Exact BM25 top-k without scoring every match (docs/decisions/0160-score-bound-cells.md). FTS5's
// bm25() for a document is, per query phrase, idf × f·(k1+1) / (f + k1·(1 − b + b·D/avgdl)): it
// grows with the phrase frequency f and falls with the document length D. Each document is filed
// under a cell at index time, from its length D and the largest weighted frequency M of any of its
// terms that is not a function word; f of a phrase with a content word is at most M, so a cell's
// documents score at most Σ idf × bound(cell). The cell is the high part of the document's FTS5
// rowid, cells numbered best bound first, so the documents of the best cells are one rowid range
// that FTS5 scans alone. A search scores the best cells, then stops as soon as its k-th score beats
// every cell not read yet; bm25() is still FTS5's own, so scores and order are the same as scoring
// everything.
import { indexForm } from '@echotrace/core';
import { ftsTokens } from './postgres.full-text.ts';

/** FTS5's bm25 constants (fts5_aux.c). */
export const K1 = 1.2;
export const B = 0.75;
/** The largest f/(f+K) factor: no document scores above idf × MAX_FACTOR per phrase. */
const MAX_FACTOR = K1 + 1;

/** Document rowids stay below 2^40; the cell sits above them. */
export const CELL_SHIFT = 2 ** 40;
export const ROWID_MASK = CELL_SHIFT - 1;

/** Column weights, as bm25(documents_fts, title, body) is called. */
export const TITLE_WEIGHT = 2.0;
export const BODY_WEIGHT = 1.0;

// Function words (and link parts) repeat in every long text; leaving them out of M is what keeps
// long documents in low cells. A query whose phrases are made only of them scores every match.
const FUNCTION_WORDS =
  'в и на по что с со это не как о об из за он она оно они к ко его ее её их от а для до также был была было были ' +
  'который которая которые которого которых но же ли бы то так уже при у во все всё еще ещё мы вы я ты нас вас ' +
  'там тут этот эта эти этого этой том тем чем после более может можно будет есть нет или ни да же лишь только ' +
  'і та що на не з до у в як це за про від для його її також був була були є але чи вже ' +
  'the a an of and to in on for is at by with from that this it as be are was were has have not or but ' +
  'https http www com ru org bit ly t me html';

const fold = (token: string): string => token.toUpperCase().toLowerCase();

const STOP = new Set(
  FUNCTION_WORDS.split(' ').flatMap((word) => indexForm(word).split(' ').flatMap(ftsTokens).map(fold)),
);

/** M classes: the upper end of each (Infinity: no bound). */
const M_HIGH = [1, 2, 3, 4, 5, 6, 7, 8, 12, 20, 40, Infinity];
/** D classes: the lower end of each, growing by a quarter. */
const D_LOW: number[] = [0, 1];
while (D_LOW.length < 64) D_LOW.push(Math.max(D_LOW.at(-1)! + 1, Math.floor(D_LOW.at(-1)! * 1.25)));

/** The f/(f+K) factor's bound for documents of at most m and at least d tokens. */
export function factor(m: number, d: number, avgdl: number): number {
  if (m === Infinity) return MAX_FACTOR;
  return (m * MAX_FACTOR) / (m + K1 * (1 - B + (B * d) / avgdl));
}

/** Reference mean length the cells are numbered by; any corpus is exact, this one is fastest. */
const REFERENCE_AVGDL = 80;

interface Cell {
  m: number;
  d: number;
}
/** cells[0] holds documents indexed before cells existed: no bound. */
const CELLS: Cell[] = [{ m: Infinity, d: 0 }];
const CELL_OF = new Map<string, number>();
{
  const all: Array<Cell & { mc: number; dc: number }> = [];
  M_HIGH.forEach((m, mc) => D_LOW.forEach((d, dc) => all.push({ m, d, mc, dc })));
  all.sort(
    (x, y) =>
      factor(y.m, y.d, REFERENCE_AVGDL) - factor(x.m, x.d, REFERENCE_AVGDL) || x.mc - y.mc || x.dc - y.dc,
  );
  for (const cell of all) {
    CELL_OF.set(`${cell.mc}:${cell.dc}`, CELLS.length);
    CELLS.push({ m: cell.m, d: cell.d });
  }
}
export const CELL_COUNT = CELLS.length;

const classOf = (limits: readonly number[], value: number, upper: boolean): number => {
  if (upper) {
    const index = limits.findIndex((limit) => value <= limit);
    return index === -1 ? limits.length - 1 : index;
  }
  let index = 0;
  while (index + 1 < limits.length && limits[index + 1]! <= value) index++;
  return index;
};

/** The tokens FTS5 makes of an indexed column (core's terms, split as unicode61 splits them). */
const tokensOf = (indexed: string): string[] => indexed.split(' ').flatMap(ftsTokens);

/** A document's length in FTS5 tokens and its cell, from its columns as indexed (indexForm). */
export function cellOf(title: string, body: string): { length: number; maxFrequency: number; cell: number } {
  const frequency = new Map<string, number>();
  let length = 0;
  for (const [text, weight] of [
    [title, TITLE_WEIGHT],
    [body, BODY_WEIGHT],
  ] as const) {
    for (const token of tokensOf(text)) {
      length++;
      const key = fold(token);
      if (!STOP.has(key)) frequency.set(key, (frequency.get(key) ?? 0) + weight);
    }
  }
  let maxFrequency = 1;
  for (const f of frequency.values()) if (f > maxFrequency) maxFrequency = f;
  return { length, maxFrequency, cell: cellFor(maxFrequency, length) };
}

/** The cell of a document of length tokens whose content words occur at most m times (weighted). */
export function cellFor(m: number, length: number): number {
  return CELL_OF.get(`${classOf(M_HIGH, m, true)}:${classOf(D_LOW, length, false)}`)!;
}

/** The D class lower end of a cell, to check an estimate against FTS5's own count. */
export const cellMinLength = (cell: number): number => CELLS[cell]!.d;

/**
 * The phrases of an FTS5 expression written by fts5Syntax, each with whether it has a bound and
 * whether it can add to a matching document's score: the right side of a NOT cannot (a document
 * matching `a NOT b` has no instance of b), though bm25() still counts it as a phrase.
 */
export function phrasesOf(expression: string): Array<{ text: string; bounded: boolean; scores: boolean }> {
  const phrases: Array<{ text: string; bounded: boolean; scores: boolean }> = [];
  const tokens = expression.match(/"(?:[^"]|"")*"(?: \*)?|\(|\)|\bOR\b|\bAND\b|\bNOT\b/g) ?? [];
  let at = 0;
  // operand := phrase | '(' operand (OP operand)* ')'; the operand after NOT does not score.
  const operand = (scores: boolean): void => {
    const token = tokens[at++];
    if (token === '(') {
      operand(scores);
      while (tokens[at] !== ')' && at < tokens.length) {
        const op = tokens[at++];
        operand(scores && op !== 'NOT');
      }
      at++;
      return;
    }
    if (token === undefined || !token.startsWith('"'))
      throw new Error(`unexpected ${token} in ${expression}`);
    const prefix = token.endsWith(' *');
    const words = token.slice(1, prefix ? -3 : -1).replace(/""/g, '"');
    // f of a phrase is at most the frequency of any of its tokens; one content word bounds it.
    const bounded =
      !prefix &&
      words
        .split(' ')
        .flatMap(ftsTokens)
        .some((t) => !STOP.has(fold(t)));
    phrases.push({ text: token, bounded, scores });
  };
  operand(true);
  return phrases;
}

/** FTS5's idf of a phrase found in hits of rows documents (fts5Bm25GetData). */
export function idf(rows: number, hits: number): number {
  const value = Math.log((rows - hits + 0.5) / (hits + 0.5));
  return value <= 0 ? 1e-6 : value;
}

/**
 * For each cell, the best bound of it and every later cell: what no document in a cell not read yet
 * can reach. idfSum is the idf of the phrases any match may hold; extra, per cell, the largest idf
 * its documents add with rarer phrases (whose documents were looked up one by one). Inflated a
 * little, so that rounding cannot make a bound lower than a score.
 */
export function remainingBounds(
  idfSum: number,
  avgdl: number,
  extra?: ReadonlyMap<number, number>,
): number[] {
  const out = new Array<number>(CELLS.length + 1).fill(0);
  for (let c = CELLS.length - 1; c >= 0; c--) {
    const cell = CELLS[c]!;
    const bound = (idfSum + (extra?.get(c) ?? 0)) * factor(cell.m, cell.d, avgdl);
    out[c] = Math.max(out[c + 1]!, bound * (1 + 1e-9) + 1e-12);
  }
  return out;
}

/** SQLite's varint (FTS5 writes its records with it). */
export function readVarints(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    let value = 0;
    let n = 0;
    for (;;) {
      const byte = bytes[i++]!;
      if (n === 8) {
        value = value * 256 + byte;
        break;
      }
      value = value * 128 + (byte & 0x7f);
      n++;
      if ((byte & 0x80) === 0) break;
    }
    out.push(value);
  }
  return out;
}
