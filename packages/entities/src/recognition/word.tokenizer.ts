// Splits text into word and punctuation tokens with exact offsets, and into the sequences the
// tagger decodes one at a time (sentences, approximately).

export interface TextToken {
  text: string;
  start: number;
  end: number;
}

// Order matters: dotted abbreviations (U.S., т.е.) before plain words so their dots stay inside;
// words may contain inner hyphens and apostrophes (Нью-Йорк, O'Neill) but never start with one.
const TOKEN_PATTERN =
  /(?:\p{L}\.){2,}|[\p{L}\p{M}\p{N}]+(?:[-'’‑][\p{L}\p{M}\p{N}]+)*|\.{3}|[^\s\p{L}\p{M}\p{N}]/gu;

export function tokenize(text: string): TextToken[] {
  const tokens: TextToken[] = [];
  for (const match of text.matchAll(TOKEN_PATTERN)) {
    const start = match.index;
    tokens.push({ text: match[0], start, end: start + match[0].length });
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
    const sentenceEnd =
      SENTENCE_END.has(token.text) && gap.length > 0 && /^[\p{Lu}\p{N}«"“„(—-]/u.test(next.text);
    if (lineBreak || sentenceEnd || current.length >= MAX_SEQUENCE) {
      sequences.push(current);
      current = [];
    }
  }
  if (current.length > 0) sequences.push(current);
  return sequences;
}
