// What enrichers read of a document: its text up to a bound. Recognition and quote extraction grow
// with the text (a 50 MB page reached 3.6 GB RSS in recognition), so past the bound the text is
// stored and searchable but only its beginning is annotated. Every span an enricher emits is then
// inside the prefix, and so at the same offsets in the whole text.
import type { Document } from '../model.ts';

/** ECHOTRACE_ENRICH_MAX_CHARS by default: about 300 pages of a book, far past any article or post. */
export const DEFAULT_ENRICH_MAX_CHARS = 1_000_000;

/** `document` with its text cut to `maxChars` UTF-16 code units (never inside a surrogate pair). */
export function clipForEnrichment(document: Document, maxChars: number): Document {
  if (document.text.length <= maxChars) return document;
  let end = maxChars;
  const last = document.text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return {
    ...document,
    text: document.text.slice(0, end),
    paragraphs: document.paragraphs
      .filter((p) => p.start < end)
      .map((p) => (p.end > end ? { ...p, end } : p)),
  };
}
