// Telegram exports (Telethon's `message.text`, the flat per-channel JSON) carry the post's formatting
// as Markdown-like markers: `**bold**`, `__italic__`, `~~strike~~`, `||spoiler||`, `` `code` `` and
// `[text](url)`. Readers and every later stage want the text a reader sees, so the markers go and
// the links stay as spans with their targets. Hand-written (decision 0012): Markdown parsers
// (CommonMark) read `__a__` and `[a](b)` differently from Telegram's own rules and give no offsets.
import type { IngestLink } from '@echotrace/core';

const DELIMITERS = ['**', '__', '~~', '||'] as const;
// The URL may hold one level of balanced parentheses (Wikipedia links do).
const LINK = /\[([^\]]*)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/g;
const FENCE = /```([\s\S]*?)```/g;
const CODE = /`([^`\n]+)`/g;

export interface CleanText {
  text: string;
  /** Offsets into `text` (UTF-16 code units). */
  links: IngestLink[];
}

interface Range {
  start: number;
  end: number;
}

/** Strips Telegram markdown into the text a reader sees, keeping links as spans with their URL. */
export function stripTelegramMarkup(raw: string): CleanText {
  const deleted: Range[] = [];
  const protectedRanges: Range[] = [];
  const linkTexts: Array<Range & { url: string }> = [];

  for (const match of raw.matchAll(FENCE)) {
    deleted.push({ start: match.index, end: match.index + 3 });
    deleted.push({ start: match.index + match[0].length - 3, end: match.index + match[0].length });
    protectedRanges.push({ start: match.index, end: match.index + match[0].length });
  }
  const inside = (at: number, ranges: Range[]): boolean => ranges.some((r) => at >= r.start && at < r.end);
  for (const match of raw.matchAll(CODE)) {
    if (inside(match.index, protectedRanges)) continue;
    deleted.push({ start: match.index, end: match.index + 1 });
    deleted.push({ start: match.index + match[0].length - 1, end: match.index + match[0].length });
    protectedRanges.push({ start: match.index, end: match.index + match[0].length });
  }
  for (const match of raw.matchAll(LINK)) {
    if (inside(match.index, protectedRanges)) continue;
    const textStart = match.index + 1;
    const textEnd = textStart + match[1]!.length;
    const end = match.index + match[0].length;
    deleted.push({ start: match.index, end: textStart });
    deleted.push({ start: textEnd, end });
    // Markers inside the URL are part of the URL.
    protectedRanges.push({ start: textEnd, end });
    linkTexts.push({ start: textStart, end: textEnd, url: match[2]! });
  }
  for (const delimiter of DELIMITERS) {
    const positions: number[] = [];
    for (let at = raw.indexOf(delimiter); at !== -1; at = raw.indexOf(delimiter, at + delimiter.length))
      if (!inside(at, protectedRanges)) positions.push(at);
    // Markers pair in order; an unpaired last one is literal text.
    const paired = positions.length - (positions.length % 2);
    for (const at of positions.slice(0, paired)) deleted.push({ start: at, end: at + delimiter.length });
  }

  deleted.sort((a, b) => a.start - b.start);
  // Walk the raw text once, copying what is not deleted and mapping raw offsets to clean ones.
  const map = new Int32Array(raw.length + 1);
  let text = '';
  let cursor = 0;
  for (const range of deleted) {
    if (range.start < cursor) continue;
    for (let i = cursor; i < range.start; i++) map[i] = text.length + (i - cursor);
    text += raw.slice(cursor, range.start);
    for (let i = range.start; i < range.end; i++) map[i] = text.length;
    cursor = range.end;
  }
  for (let i = cursor; i <= raw.length; i++) map[i] = text.length + (i - cursor);
  text += raw.slice(cursor);

  const links: IngestLink[] = [];
  for (const link of linkTexts) {
    let start = map[link.start]!;
    let end = map[link.end]!;
    // A reader cites the words, not the spaces around them.
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start) links.push({ start, end, url: link.url });
  }
  return { text, links };
}

const TITLE_MAX = 140;
// Leading pictographs and their joiners/selectors, bullets and dashes: decoration, not headline.
const LEADING_DECORATION =
  /^(?:[\p{Extended_Pictographic}\p{Emoji_Modifier}\s•▪►—–-]|\u200D|\uFE0F|\u20E3)+/u;

/**
 * A title for a post that has none: the first sentence of its first line, cut at a word boundary
 * with an ellipsis when it is long.
 */
export function titleFromText(text: string): string | null {
  const line = text
    .split('\n')
    .map((l) => l.replace(LEADING_DECORATION, '').trim())
    .find((l) => l.length > 0);
  if (!line) return null;
  const clean = line.replace(/\s+/g, ' ').replace(/[:\s]+$/, '');
  // A first line of several sentences is a lead paragraph, not a headline: its first sentence is.
  const sentence = /^.+?[.!?…](?=\s+\S)/u.exec(clean)?.[0];
  const title = sentence && sentence.length >= 20 ? sentence : clean;
  if (title.length <= TITLE_MAX) return title;
  const cut = title.slice(0, TITLE_MAX);
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_MAX / 2 ? cut.slice(0, space) : cut).replace(/[,;:\s—–-]+$/, '')}…`;
}
