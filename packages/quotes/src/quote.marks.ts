// Quotation marks: which character opens, which closes, and the quoted regions of a text with their
// nesting. «…» and „…“ (Russian), “…” and ‘…’ (English typographic), "…" and '…' (typewriter, told
// apart by the characters around them). A region still open when its paragraph ends is closed there
// and marked unclosed; when the next paragraph opens with a mark again, English convention says the
// same quote goes on, and the two regions are joined as parts of one.
import type { Span } from './quote.model.ts';

export interface QuotedRegion {
  /** Offset of the opening mark. */
  open: number;
  /** Offset of the closing mark, or the paragraph's end when unclosed. */
  close: number;
  /** Just past the closing mark (the closing mark may be two characters: '' in older newspaper text). */
  after: number;
  /** The opening mark. */
  mark: string;
  /** The text between the marks. */
  content: Span;
  depth: number;
  parent: number | null;
  unclosed: boolean;
  /** Index of the region this one continues (a quote running on into this paragraph). */
  continues: number | null;
}

const CLOSER_OF: Record<string, string> = {
  '«': '»',
  '„': '“',
  '“': '”',
  '‘': '’',
  '"': '"',
  "'": "'",
  // Two apostrophes for a double quote, as some newspaper archives write it.
  "''": "''",
};

const markAt = (text: string, i: number): string => (text.startsWith("''", i) ? "''" : text[i]!);

const isLetter = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
const isSpace = (ch: string | undefined): boolean => ch === undefined || /\s/.test(ch);
// Before an opening mark: start of text, a space, an opening bracket, a dash or another opening mark.
const opensAfter = (ch: string | undefined): boolean => ch === undefined || /[\s([{«„“‘"'—–-]/.test(ch);

/** Every quoted region of `text`, within the given paragraphs, in order of their opening marks. */
export function findQuotedRegions(text: string, paragraphs: readonly Span[]): QuotedRegion[] {
  const regions: QuotedRegion[] = [];
  let carried: number | null = null;
  for (const paragraph of paragraphs) {
    const firstInParagraph = regions.length;
    const stack: number[] = [];
    for (let i = paragraph.start; i < paragraph.end; i++) {
      const ch = markAt(text, i);
      const top = stack.length ? regions[stack[stack.length - 1]!]! : null;
      const expected = top ? CLOSER_OF[top.mark] : undefined;
      if (top && ch === expected && closes(text, i, ch, paragraph)) {
        top.close = i;
        top.after = i + ch.length;
        top.content = { start: top.open + top.mark.length, end: i };
        top.unclosed = false;
        stack.pop();
        i += ch.length - 1;
        continue;
      }
      // A closer of an outer region ends every region inside it that was left open.
      const outer = stack.findIndex((index) => CLOSER_OF[regions[index]!.mark] === ch);
      if (outer >= 0 && ch !== '"' && ch !== "'" && ch !== '’' && ch !== "''") {
        for (let k = stack.length - 1; k >= outer; k--) {
          const region = regions[stack[k]!]!;
          region.close = i;
          region.after = i + 1;
          region.content = { start: region.open + region.mark.length, end: i };
          region.unclosed = k > outer;
        }
        stack.length = outer;
        continue;
      }
      if (CLOSER_OF[ch] !== undefined && opens(text, i, ch, paragraph, stack.length > 0)) {
        const index = regions.length;
        regions.push({
          open: i,
          close: paragraph.end,
          after: paragraph.end,
          mark: ch,
          content: { start: i + ch.length, end: paragraph.end },
          depth: stack.length,
          parent: stack.length ? stack[stack.length - 1]! : null,
          unclosed: true,
          continues: null,
        });
        if (carried !== null && i === paragraph.start && stack.length === 0)
          regions[index]!.continues = carried;
        stack.push(index);
        i += ch.length - 1;
      }
    }
    // Unclosed at the paragraph's end: the region ends here; an outermost one may go on.
    carried = null;
    for (const index of stack) {
      const region = regions[index]!;
      region.close = paragraph.end;
      region.after = paragraph.end;
      region.content = {
        start: region.open + region.mark.length,
        end: trimEnd(text, region.open + region.mark.length, paragraph.end),
      };
      region.unclosed = true;
    }
    if (stack.length > 0) {
      const outermost = regions[stack[0]!]!;
      // Only a quote that opened the paragraph or continues one is a running quote; a stray mark is not.
      if (outermost.depth === 0 && regions.length > firstInParagraph) carried = stack[0]!;
    }
  }
  return regions;
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && isSpace(text[e - 1])) e--;
  return e;
}

function opens(text: string, i: number, ch: string, paragraph: Span, nested: boolean): boolean {
  const before = i > paragraph.start ? text[i - 1] : undefined;
  const after = text[i + 1];
  if (ch === '«' || ch === '„') return !isSpace(after);
  if (ch === '“') return !isSpace(after) && !isLetter(before);
  // Single marks open only inside a double-quoted region, where they nest.
  if (ch === "''") return opensAfter(before) && !isSpace(text[i + 2]);
  if (ch === '‘' || ch === "'") return nested && opensAfter(before) && isLetter(after);
  // Typewriter double quote: opens after a space or bracket and before a non-space.
  return opensAfter(before) && !isSpace(after);
}

function closes(text: string, i: number, ch: string, paragraph: Span): boolean {
  const before = text[i - 1];
  const after = i + 1 < paragraph.end ? text[i + 1] : undefined;
  // An apostrophe between letters (don’t, O'Neill) closes nothing.
  if (ch === "''") return !isSpace(before) && !isLetter(text[i + 2]);
  if (ch === '’' || ch === "'") return !isLetter(after) && !isSpace(before);
  if (ch === '"') return !isSpace(before) || !isLetter(after);
  return true;
}
