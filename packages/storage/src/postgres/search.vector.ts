// Builds the tsvector of a document from core's analyzer output (the same terms the SQLite FTS5
// index holds, split as FTS5's unicode61 tokenizer splits them), as a tsvector literal, so that
// PostgreSQL's own parser and dictionaries never touch our terms. Title terms carry weight A, body terms B;
// the body starts one position after a gap so a phrase cannot span title and body.
import { indexForm } from '@echotrace/core';

/** tsvector positions stop at 16383; later terms still match as words but not in phrases. */
const MAX_POSITION = 16383;
/** PostgreSQL keeps at most 256 positions per lexeme. */
const MAX_POSITIONS_PER_LEXEME = 256;
/** Lexemes are limited to 2 KiB. */
const MAX_LEXEME_BYTES = 2046;

/**
 * The tokens FTS5's unicode61 tokenizer makes of one analyzer term: it splits on everything but
 * letters, numbers and private-use characters (`covid-19` is `covid`, `19`). Both adapters must
 * see the same tokens for the same results, in documents and in queries alike.
 */
export function ftsTokens(term: string): string[] {
  return term.split(/[^\p{L}\p{N}\p{Co}]+/u).filter((t) => t.length > 0);
}

export function quoteLexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

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
