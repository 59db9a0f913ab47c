// Is a passage in the archived bytes? The check anyone can rerun on an evidence bundle: decode the
// capture as it was stored, take the text a reader sees (HTML without scripts, styles or tags; JSON
// string values with Telegram markup stripped; plain text as it is), and look for the passage with
// whitespace and markup characters ignored on both sides, since extraction re-flows lines and
// paragraphs (a passage across two <p> is one string in the document's text).
import { InputError } from '@echotrace/core';
import { decodeBytes } from '../charset/charset.decoder.ts';
import { parseHtmlDocument } from '../html/html.dom.ts';
import { checkHtmlLimits } from '../html/html.limits.ts';
import { stripTelegramMarkup } from '../ingest/telegram.markup.ts';

export interface CaptureDescription {
  readonly mediaType: string;
  readonly charset: string | null;
  /** For error messages: a file name or URL. */
  readonly origin: string;
}

const HIDDEN = 'script, style, noscript, template, iframe, object, svg';

function jsonStrings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(stripTelegramMarkup(value).text);
  else if (Array.isArray(value)) for (const item of value) jsonStrings(item, out);
  else if (value && typeof value === 'object')
    for (const item of Object.values(value)) jsonStrings(item, out);
}

/** The reader-visible text of a capture, decoded with its stored charset. */
export function captureText(bytes: Uint8Array, capture: CaptureDescription): string {
  const header = capture.charset ? `${capture.mediaType}; charset=${capture.charset}` : capture.mediaType;
  const { text } = decodeBytes(bytes, { contentTypeHeader: header, origin: capture.origin });
  const type = capture.mediaType.toLowerCase();
  if (type.includes('html')) {
    // A page too complex to extract when archived is too complex to read back here.
    checkHtmlLimits(text, capture.origin);
    const document = parseHtmlDocument(text);
    for (const node of Array.from(document.querySelectorAll(HIDDEN))) node.remove();
    const title = document.querySelector('title')?.textContent ?? '';
    return `${title}\n${document.body?.textContent ?? document.documentElement?.textContent ?? ''}`;
  }
  if (type.includes('json')) {
    const out: string[] = [];
    const lines = type.includes('ndjson') ? text.split('\n').filter((line) => line.trim()) : [text];
    for (const line of lines) {
      try {
        jsonStrings(JSON.parse(line), out);
      } catch (error) {
        throw new InputError(capture.origin, `the capture is not valid JSON: ${(error as Error).message}`);
      }
    }
    return out.join('\n');
  }
  return stripTelegramMarkup(text).text;
}

/** The form both sides are compared in: NFC, no whitespace, no markup characters. */
export function evidenceKey(text: string): string {
  return text.normalize('NFC').replace(/[\s\u00A0\u200B\uFEFF*_~#>`|]+/g, '');
}

/** True when `passage` is in the capture's reader-visible text (see captureText). */
export function captureContains(bytes: Uint8Array, capture: CaptureDescription, passage: string): boolean {
  const needle = evidenceKey(passage);
  return needle.length > 0 && evidenceKey(captureText(bytes, capture)).includes(needle);
}
