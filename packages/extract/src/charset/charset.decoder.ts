// Bytes → text, for fetched pages, feeds and local files alike. Evidence is taken in order of
// reliability: a byte-order mark is unambiguous; a Content-Type header is what the server says;
// an in-document declaration is what the author says; detection is the last resort. A declared
// UTF-8 that is not valid UTF-8 is a common server misconfiguration on Cyrillic sites, so that
// one claim is checked and overruled by detection.
import { InputError } from '@echotrace/core';
import {
  charsetFromBom,
  charsetFromContentType,
  charsetFromMeta,
  charsetFromXmlDeclaration,
} from './charset.declarations.ts';
import { detectCharset, isValidUtf8 } from './charset.detector.ts';
import { textDecoder } from './decoder.cache.ts';

export type CharsetSource = 'header' | 'bom' | 'meta' | 'xml-declaration' | 'detected';

export interface DecodedBytes {
  text: string;
  /** WHATWG encoding name, e.g. `utf-8`, `windows-1251`, `koi8-r`. */
  charset: string;
  source: CharsetSource;
}

export interface DecodeOptions {
  contentTypeHeader?: string | null;
  /** URL or path, for error messages. */
  origin: string;
}

export function decodeBytes(bytes: Uint8Array, options: DecodeOptions): DecodedBytes {
  if (!(bytes instanceof Uint8Array)) throw new InputError(options.origin, 'expected bytes to decode');
  const bom = charsetFromBom(bytes);
  if (bom)
    return { text: decodeWith(bytes.subarray(bom.length), bom.charset), charset: bom.charset, source: 'bom' };

  const declared: Array<[CharsetSource, string | null]> = [
    ['header', charsetFromContentType(options.contentTypeHeader)],
    ['meta', looksLikeXml(bytes) ? null : charsetFromMeta(bytes)],
    ['xml-declaration', charsetFromXmlDeclaration(bytes)],
  ];
  for (const [source, charset] of declared) {
    if (!charset) continue;
    if (charset === 'utf-8' && !isValidUtf8(bytes)) break;
    return { text: decodeWith(bytes, charset), charset, source };
  }
  const detected = detectCharset(bytes);
  return { text: detected.text, charset: detected.charset, source: 'detected' };
}

function decodeWith(bytes: Uint8Array, charset: string): string {
  return textDecoder(charset, { ignoreBOM: true }).decode(bytes);
}

function looksLikeXml(bytes: Uint8Array): boolean {
  const head = textDecoder('latin1').decode(bytes.subarray(0, 64));
  return /^\s*<\?xml/i.test(head);
}
