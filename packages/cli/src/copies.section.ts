// The "copies" part of `echotrace show ID` as text: the document's group of copies (earliest first,
// the original marked) and the channels it was forwarded from. Loading it is @echotrace/app's.
import type { CopiesSection } from '@echotrace/app';

export { loadCopiesSection, type CopiesSection } from '@echotrace/app';

/** Writes the section as text; writes nothing when there is neither a copy nor a forward. */
export function writeCopiesSection(
  out: NodeJS.WritableStream,
  documentId: string,
  section: CopiesSection,
): void {
  for (const forward of section.forwards) {
    out.write(
      `Forwarded from ${forward.fromChannel}${forward.fromMessageId ? ` (message ${forward.fromMessageId})` : ''}\n`,
    );
  }
  if (section.copies.length === 0) return;
  out.write(`\nCopies (${section.copies.length} in the group, earliest first):\n`);
  for (const copy of section.copies) {
    const marks = [copy.original ? 'original' : null, copy.documentId === documentId ? 'this' : null].filter(
      Boolean,
    );
    const when = copy.publishedAt ?? `undated, ingested ${copy.ingestedAt}`;
    const what = copy.title ?? copy.canonicalUrl ?? '';
    out.write(
      `  ${copy.documentId} · ${copy.sourceId} · ${when}${what ? ` · ${what}` : ''}${marks.length ? ` [${marks.join(', ')}]` : ''}\n`,
    );
  }
}
