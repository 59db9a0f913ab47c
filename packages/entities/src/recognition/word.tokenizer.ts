// Splits text into word and punctuation tokens with exact offsets, and into the sequences the
// tagger decodes one at a time (sentences, approximately).

export interface TextToken {
  text: string;
  start: number;
  end: number;
}

// Order matters: dotted abbreviations (U.S., т.е.) before plain words so their dots stay inside;
// words may contain inner hyphens and apostrophes (Нью-Йорк, O'Neill) but never start with one.
// A word starts with a letter or digit: a mark with no base before it (the variation selector
// U+FE0F that follows an emoji, "❗️Путин") is invisible and belongs to no token.
const TOKEN_PATTERN =
  /(?:\p{L}\.){2,}|[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[-'’‑][\p{L}\p{M}\p{N}]+)*|\.{3}|[^\s\p{L}\p{M}\p{N}]/gu;

/** An English possessive: "Malofeyev’s", "Jong-un's" (a name, then the clitic, as CoNLL writes them). */
const POSSESSIVE = /^(\p{Script=Latin}[\p{L}\p{M}\p{N}'’‑-]*?)(['’]s)$/u;

/**
 * Word and punctuation tokens. With `possessives` (English), a possessive ending is a token of its
 * own, so "Malofeyev’s" gives the name "Malofeyev"; in Russian text a Latin name ending in ’s is a
 * brand (Sotheby’s) and stays whole.
 */
export function tokenize(text: string, options: { possessives?: boolean } = {}): TextToken[] {
  const tokens: TextToken[] = [];
  for (const match of text.matchAll(TOKEN_PATTERN)) {
    const start = match.index;
    const possessive = options.possessives ? POSSESSIVE.exec(match[0]) : null;
    if (possessive) {
      const cut = start + possessive[1]!.length;
      tokens.push({ text: possessive[1]!, start, end: cut });
      tokens.push({ text: possessive[2]!, start: cut, end: start + match[0].length });
    } else tokens.push({ text: match[0], start, end: start + match[0].length });
  }
  return tokens;
}

const SENTENCE_END = new Set(['.', '!', '?', '…', '...']);
const MAX_SEQUENCE = 200;

/**
 * Groups tokens into sentence-like sequences: a break after sentence-final punctuation followed by
 * a capital, digit or quote, and at every line break. Long runs are cut so decoding stays bounded.
 */
export function splitSequences(text: string, tokens: TextToken[]): TextToken[][] {
  const sequences: TextToken[][] = [];
  let current: TextToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    current.push(token);
    const next = tokens[i + 1];
    if (!next) break;
    const gap = text.slice(token.end, next.start);
    const lineBreak = gap.includes('\n');
    // "Anthony V. Rinna", "А. Кудрин": the full stop of an initial ends no sentence.
    const initial =
      token.text === '.' && /^\p{Lu}$/u.test(tokens[i - 1]?.text ?? '') && /^\p{Lu}/u.test(next.text);
    const sentenceEnd =
      SENTENCE_END.has(token.text) && gap.length > 0 && !initial && /^[\p{Lu}\p{N}«"“„(—-]/u.test(next.text);
    if (lineBreak || sentenceEnd || current.length >= MAX_SEQUENCE) {
      sequences.push(current);
      current = [];
    }
  }
  if (current.length > 0) sequences.push(current);
  return sequences;
}
