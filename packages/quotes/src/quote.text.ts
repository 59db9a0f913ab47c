// Words and sentences over the normalized text, with offsets. Sentences are cut at end punctuation
// followed by a capital, a digit, a dash or an opening mark, and at line breaks, but never inside a
// quoted region: a quoted passage of several sentences stays in the sentence of its attribution.
import type { Span } from './quote.model.ts';

export interface Word extends Span {
  text: string;
}

const WORD = /[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*/gu;

export function wordsIn(text: string, start: number, end: number): Word[] {
  const out: Word[] = [];
  WORD.lastIndex = 0;
  const slice = text.slice(start, end);
  for (const m of slice.matchAll(WORD))
    out.push({ text: m[0], start: start + m.index, end: start + m.index + m[0].length });
  return out;
}

/** Sentences of one paragraph; `inside(i)` tells whether offset i lies within a quoted region. */
export function sentencesIn(text: string, paragraph: Span, inside: (offset: number) => boolean): Span[] {
  const out: Span[] = [];
  let start = paragraph.start;
  for (let i = paragraph.start; i < paragraph.end; i++) {
    const ch = text[i]!;
    if (ch === '\n' && !inside(i)) {
      push(out, text, start, i);
      start = i + 1;
      continue;
    }
    if (!/[.!?…]/.test(ch) || inside(i)) continue;
    let j = i + 1;
    while (j < paragraph.end && /[.!?…»”"')\]]/.test(text[j]!)) j++;
    if (j >= paragraph.end || text[j] !== ' ') continue;
    const next = text[j + 1];
    if (next === undefined || !/[\p{Lu}\p{N}«„“"—–]/u.test(next)) continue;
    // "Mr. Smith", "т. е." and initials ("В. Путин") are not sentence ends.
    const before = text.slice(Math.max(paragraph.start, i - 4), i);
    if (
      ch === '.' &&
      /(?:^|[\s(])(?:\p{Lu}|Mr|Mrs|Ms|Dr|St|Jr|Sen|Rep|Gov|Gen|Lt|Col|Prof|гг?|т|им|ул|г-н|г-жа)$/u.test(
        before,
      )
    )
      continue;
    push(out, text, start, j);
    start = j + 1;
    i = j;
  }
  push(out, text, start, paragraph.end);
  return out;
}

function push(out: Span[], text: string, start: number, end: number): void {
  const span = trim(text, start, end);
  if (span.end > span.start) out.push(span);
}

export function trim(text: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return { start: s, end: e };
}

/** Trims spaces and the punctuation that separates a clause from its neighbours. */
export function trimClause(text: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && /[\s,;:—–-]/.test(text[s]!)) s++;
  while (e > s && /[\s,;:—–-]/.test(text[e - 1]!)) e--;
  return { start: s, end: e };
}

/** Trims the sentence's own final punctuation off a clause too. */
export function trimContent(text: string, start: number, end: number): Span {
  const span = trimClause(text, start, end);
  let e = span.end;
  while (e > span.start && /[\s.;:,]/.test(text[e - 1]!)) e--;
  return { start: span.start, end: e };
}
