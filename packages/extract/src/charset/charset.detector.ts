// Guessing an undeclared charset. Strict UTF-8 first: random 8-bit Cyrillic text is practically
// never valid UTF-8, so success is decisive. Otherwise each 8-bit candidate is decoded and scored
// by how much the result looks like Cyrillic prose: frequent letters score high, letters that are
// rare score low, and the telltale of a wrong Cyrillic code page — capitals inside words, box
// drawing and control characters — is penalised.

import { textDecoder } from './decoder.cache.ts';

const CANDIDATES = ['windows-1251', 'koi8-r', 'ibm866', 'windows-1252'] as const;
const SAMPLE_CHARS = 50_000;

// Approximate relative frequency (per mille) of lower-case letters in Russian prose, plus the
// Ukrainian and Belarusian letters at a modest weight so those texts are not misjudged.
const FREQUENCY: Record<string, number> = {
  о: 110,
  е: 85,
  а: 80,
  и: 74,
  н: 67,
  т: 63,
  с: 55,
  р: 47,
  в: 45,
  л: 44,
  к: 35,
  м: 32,
  д: 30,
  п: 28,
  у: 26,
  я: 20,
  ы: 19,
  ь: 17,
  г: 17,
  з: 16,
  б: 16,
  ч: 14,
  й: 12,
  х: 10,
  ж: 9,
  ш: 7,
  ю: 6,
  ц: 5,
  щ: 4,
  э: 3,
  ф: 3,
  ъ: 0.5,
  ё: 1,
  і: 8,
  ї: 2,
  є: 2,
  ґ: 0.5,
  ў: 2,
};

export interface Detection {
  charset: string;
  text: string;
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    textDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function detectCharset(bytes: Uint8Array): Detection {
  if (isValidUtf8(bytes)) return { charset: 'utf-8', text: textDecoder('utf-8').decode(bytes) };
  // Score a sample, decode the whole only once with the winner: 8-bit code pages are one byte per
  // character, so the sample's bytes are exactly its characters.
  const sample = bytes.subarray(0, SAMPLE_CHARS);
  let best: string = CANDIDATES[0];
  let bestScore = -Infinity;
  for (const charset of CANDIDATES) {
    const score = scoreCyrillic(textDecoder(charset).decode(sample));
    if (score > bestScore) {
      best = charset;
      bestScore = score;
    }
  }
  return { charset: best, text: textDecoder(best).decode(bytes) };
}

// Per code point: log-frequency weight of a Cyrillic letter (upper and lower case alike), and
// whether it is upper case; precomputed because scoring runs per character of every guess.
const CYRILLIC_WEIGHT = new Float64Array(0x500).fill(Number.NaN);
const CYRILLIC_UPPER = new Uint8Array(0x500);
for (const [letter, frequency] of Object.entries(FREQUENCY)) {
  const lower = letter.codePointAt(0)!;
  const upper = letter.toUpperCase().codePointAt(0)!;
  CYRILLIC_WEIGHT[lower] = Math.log(frequency + 1);
  CYRILLIC_WEIGHT[upper] = Math.log(frequency + 1);
  CYRILLIC_UPPER[upper] = 1;
}

/** Higher is more like natural Cyrillic (or plain Latin-1) text. Exported for tests. */
export function scoreCyrillic(text: string): number {
  let score = 0;
  let previousWasLower = false;
  let previousWasLatin = false;
  let previousWasCyrillic = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      previousWasLower = code >= 0x61 && code <= 0x7a;
      const latin = previousWasLower || (code >= 0x41 && code <= 0x5a);
      // A Cyrillic letter glued to a Latin one: Western text (café) read as a Cyrillic code page.
      if (latin && previousWasCyrillic) score -= 5;
      previousWasLatin = latin;
      previousWasCyrillic = false;
      continue;
    }
    const weight = code < 0x500 ? CYRILLIC_WEIGHT[code]! : Number.NaN;
    if (!Number.isNaN(weight)) {
      score += weight;
      if (previousWasLatin) score -= 5;
      const isUpper = CYRILLIC_UPPER[code] === 1;
      // A capital right after a lower-case letter: how KOI8-R text read as windows-1251 (and
      // vice versa) looks, because the two code pages put the cases in opposite halves.
      if (isUpper && previousWasLower) score -= 4;
      previousWasLower = !isUpper;
      previousWasCyrillic = true;
      previousWasLatin = false;
    } else if (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) {
      // Latin-1 and Latin Extended letters: plausible in Western text, weak evidence.
      score += 0.5;
      previousWasLower = code >= 0xdf && code <= 0xff;
      previousWasLatin = true;
      previousWasCyrillic = false;
    } else {
      if (code >= 0x2500 && code <= 0x25ff)
        score -= 6; // box drawing: text read as the wrong DOS code page
      else if (code < 0xa0 || code === 0xfffd)
        score -= 6; // C1 controls and undecodable bytes
      else score -= 1; // other symbols: some are real (« » — №), most are noise
      previousWasLower = false;
      previousWasLatin = false;
      previousWasCyrillic = false;
    }
  }
  return score;
}
