// Text normalization shared by every stage, so that spans computed anywhere agree.

/**
 * NFC, unified line endings, no control characters, no runs of spaces inside lines, and paragraphs
 * separated by exactly one blank line. `ё` is kept: it is folded only for matching (`foldForSearch`).
 */
export function normalizeText(raw: string): string {
  const paragraphs = splitParagraphs(raw.normalize('NFC'));
  return paragraphs.join('\n\n');
}

function splitParagraphs(text: string): string[] {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // Zero-width and control characters (except newline and tab) carry no meaning for readers.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B\u2060\uFEFF]/g, '')
      .replace(/\u00A0/g, ' ')
      .split(/\n[ \t]*\n+/)
      .map((paragraph) =>
        paragraph
          .split('\n')
          .map((line) => line.replace(/[ \t]+/g, ' ').trim())
          .filter((line) => line.length > 0)
          .join('\n'),
      )
      .filter((paragraph) => paragraph.length > 0)
  );
}

/** The [start, end) ranges of the paragraphs of normalized text. */
export function paragraphSpans(normalized: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  let start = 0;
  while (start < normalized.length) {
    const next = normalized.indexOf('\n\n', start);
    const end = next === -1 ? normalized.length : next;
    spans.push({ start, end });
    if (next === -1) break;
    start = next + 2;
  }
  return spans;
}

/** Lower case, `ё`→`е`, and no combining accents: what a search term is compared as. */
export function foldForSearch(term: string): string {
  return (
    term
      .toLowerCase()
      .replace(/ё/g, 'е')
      .normalize('NFD')
      // Drop accents, but not the breve of й: in Russian it is a different letter, not an accent.
      .replace(/(?<!и)[\u0300-\u036f]|(?<=и)[\u0300-\u0305\u0307-\u036f]/g, '')
      .normalize('NFC')
  );
}
