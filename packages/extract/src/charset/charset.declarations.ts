// Where bytes say their own charset: a Content-Type header, a byte-order mark, an HTML <meta>, an
// XML declaration. Each returns a WHATWG encoding name TextDecoder accepts, or null.

import { textDecoder } from './decoder.cache.ts';

/** Normalizes a charset label to the name TextDecoder uses (`cp1251` → `windows-1251`), or null. */
export function canonicalCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const cleaned = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (!cleaned) return null;
  try {
    return textDecoder(cleaned).encoding;
  } catch {
    return null;
  }
}

export function charsetFromContentType(header: string | null | undefined): string | null {
  if (!header) return null;
  const match = /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(header);
  return match ? canonicalCharset(match[2]) : null;
}

export interface BomMatch {
  charset: string;
  length: number;
}

export function charsetFromBom(bytes: Uint8Array): BomMatch | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

// Browsers look at the first 1024 bytes; real pages put <meta> after long <script> blocks in the
// head, so we look further. Latin-1 keeps every byte as one character so ASCII markup is readable
// whatever the real encoding is.
const PRESCAN_BYTES = 8192;

/** `<meta charset=…>` or `<meta http-equiv="Content-Type" content="…; charset=…">`. */
export function charsetFromMeta(bytes: Uint8Array): string | null {
  const head = textDecoder('latin1').decode(bytes.subarray(0, PRESCAN_BYTES));
  for (const tag of head.matchAll(/<meta\b[^>]*>/gi)) {
    const text = tag[0];
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(text);
    if (direct && !/\bcontent\s*=/i.test(text.slice(0, direct.index))) {
      const charset = utf16AsUtf8(canonicalCharset(direct[1]));
      if (charset) return charset;
    }
    if (/http-equiv\s*=\s*["']?\s*content-type/i.test(text)) {
      const content = /\bcontent\s*=\s*(["'])(.*?)\1/i.exec(text) ?? /\bcontent\s*=\s*([^\s>]+)/i.exec(text);
      const value = content ? (content[2] ?? content[1]) : null;
      const charset = value ? /charset\s*=\s*([\w.:-]+)/i.exec(value) : null;
      if (charset) {
        const canonical = utf16AsUtf8(canonicalCharset(charset[1]));
        if (canonical) return canonical;
      }
    }
  }
  return null;
}

/** `<?xml version="1.0" encoding="windows-1251"?>` at the very start. */
export function charsetFromXmlDeclaration(bytes: Uint8Array): string | null {
  const head = textDecoder('latin1').decode(bytes.subarray(0, 256));
  const match = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return match ? utf16AsUtf8(canonicalCharset(match[1])) : null;
}

// A document whose markup was readable as ASCII cannot really be UTF-16: the declaration is
// wrong, and UTF-8 is what the HTML standard substitutes.
function utf16AsUtf8(charset: string | null): string | null {
  return charset === 'utf-16le' || charset === 'utf-16be' ? 'utf-8' : charset;
}
