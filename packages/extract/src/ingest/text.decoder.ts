// Bytes → text for local files: BOM, then strict UTF-8, then the 8-bit Cyrillic code page whose
// decoding looks most like Russian. Files in the wild arrive as windows-1251 or KOI8-R without
// saying so; a wrong guess produces mojibake that every later stage would faithfully index.
export interface DecodedText {
  text: string;
  charset: string;
}

const CANDIDATES = ['windows-1251', 'koi8-r'] as const;
// The most frequent Russian letters; a correct decoding is dominated by them in lower case.
const FREQUENT = new Set('оеаинтсрвлкмдпуяыь');

export function decodeFileBytes(bytes: Uint8Array, declared?: string | null): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: decode(bytes.subarray(3), 'utf-8'), charset: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: decode(bytes.subarray(2), 'utf-16le'), charset: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: decode(bytes.subarray(2), 'utf-16be'), charset: 'utf-16be' };
  if (declared) {
    const label = declared.trim().toLowerCase();
    try {
      return { text: new TextDecoder(label).decode(bytes), charset: label };
    } catch {
      // An unknown label: fall through to detection rather than fail the file.
    }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), charset: 'utf-8' };
  } catch {
    let best: DecodedText = { text: decode(bytes, 'windows-1251'), charset: 'windows-1251' };
    let bestScore = -1;
    for (const charset of CANDIDATES) {
      const text = decode(bytes, charset);
      const score = cyrillicScore(text);
      if (score > bestScore) {
        best = { text, charset };
        bestScore = score;
      }
    }
    return best;
  }
}

function decode(bytes: Uint8Array, charset: string): string {
  return new TextDecoder(charset).decode(bytes);
}

function cyrillicScore(text: string): number {
  let score = 0;
  for (const ch of text.slice(0, 20_000)) {
    if (FREQUENT.has(ch)) score += 2;
    else if (ch >= 'а' && ch <= 'я') score += 1;
    else if (ch >= 'А' && ch <= 'Я') score -= 1;
  }
  return score;
}

/** The charset an HTML document declares in a `<meta>` tag within its first 2 KiB, if any. */
export function declaredHtmlCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return match ? match[1]!.toLowerCase() : null;
}
