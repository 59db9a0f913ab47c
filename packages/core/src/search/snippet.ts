// Snippets in the original language: the window of the text with the most matched words, cut at
// word boundaries. Computed in core so both storage adapters show the same passages.
import { analyze } from '../text/analyzer.ts';
import type { Span } from '../model.ts';
import { foldForSearch } from '../text/normalize.ts';

export interface Snippet {
  text: string;
  highlights: Span[];
}

/**
 * `spans` are further passages to show and mark, beside matched words: the mentions of the
 * entities an `entity:` filter asked for, so a hit shows where the person is named.
 */
/** The words of text that match terms (as search matches them), as spans into text, in order. */
export function matchedWords(text: string, terms: Array<{ term: string; prefix: boolean }>): Span[] {
  const exact = new Set(terms.filter((t) => !t.prefix).map((t) => t.term));
  const prefixes = terms.filter((t) => t.prefix).map((t) => t.term);
  return analyze(text)
    .filter(
      (token) =>
        exact.has(token.term) ||
        prefixes.some((p) => token.term.startsWith(p) || foldForSearch(token.surface).startsWith(p)),
    )
    .map((token) => ({ start: token.start, end: token.end }));
}

export function makeSnippet(
  text: string,
  terms: Array<{ term: string; prefix: boolean }>,
  maxChars = 240,
  spans: Span[] = [],
): Snippet {
  const words = matchedWords(text, terms);
  const matches = mergeOverlapping([...words, ...spans.filter((s) => s.start >= 0 && s.end <= text.length)]);
  if (matches.length === 0) return cut(text, 0, maxChars, []);
  // Slide over matches: the window starting at match i covers matches whose end fits in maxChars.
  let bestStart = 0;
  let bestCount = 0;
  for (let i = 0, j = 0; i < matches.length; i++) {
    while (j < matches.length && matches[j]!.end - matches[i]!.start <= maxChars) j++;
    if (j - i > bestCount) {
      bestCount = j - i;
      bestStart = i;
    }
  }
  const first = matches[bestStart]!;
  const lead = Math.min(60, Math.floor(maxChars / 4));
  const from = Math.max(0, first.start - lead);
  return cut(text, from, maxChars, matches);
}

function cut(text: string, from: number, maxChars: number, matches: Span[]): Snippet {
  let start = from;
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space - start < 30) start = space + 1;
  }
  let end = Math.min(text.length, start + maxChars);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start + maxChars / 2) end = space;
  }
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const body = text.slice(start, end).replace(/\n/g, ' ');
  const highlights = matches
    .filter((m) => m.start >= start && m.end <= end)
    .map((m) => ({ start: m.start - start + prefix.length, end: m.end - start + prefix.length }));
  return { text: prefix + body + suffix, highlights };
}

/** Sorted, with overlapping ranges joined, so no character is marked twice. */
function mergeOverlapping(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ start: span.start, end: span.end });
  }
  return merged;
}
