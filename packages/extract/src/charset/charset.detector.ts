// Guessing an undeclared charset. Strict UTF-8 first: random 8-bit Cyrillic text is practically
// never valid UTF-8, so success is decisive. Otherwise each 8-bit candidate is decoded and scored
// by how much the result looks like Cyrillic prose: frequent letters score high, letters that are
// rare score low, and the telltale of a wrong Cyrillic code page — capitals inside words, box
// drawing and control characters — is penalised.

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
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function detectCharset(bytes: Uint8Array): Detection {
  if (isValidUtf8(bytes)) return { charset: 'utf-8', text: new TextDecoder('utf-8').decode(bytes) };
  let best: Detection | null = null;
  let bestScore = -Infinity;
  for (const charset of CANDIDATES) {
    const text = new TextDecoder(charset).decode(bytes);
    const score = scoreCyrillic(text.slice(0, SAMPLE_CHARS));
    if (score > bestScore) {
      best = { charset, text };
      bestScore = score;
    }
  }
  return best!;
}

/** Higher is more like natural Cyrillic (or plain Latin-1) text. Exported for tests. */
export function scoreCyrillic(text: string): number {
  let score = 0;
  let previousWasLower = false;
  let previousWasLatin = false;
  let previousWasCyrillic = false;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) {
      previousWasLower = /[a-z]/.test(ch);
      const latin = /[a-z]/i.test(ch);
      // A Cyrillic letter glued to a Latin one: Western text (café) read as a Cyrillic code page.
      if (latin && previousWasCyrillic) score -= 5;
      previousWasLatin = latin;
      previousWasCyrillic = false;
      continue;
    }
    const lower = ch.toLowerCase();
    const frequency = FREQUENCY[lower];
    if (frequency !== undefined) {
      score += Math.log(frequency + 1);
      if (previousWasLatin) score -= 5;
      previousWasCyrillic = true;
      previousWasLatin = false;
      const isUpper = lower !== ch;
      // A capital right after a lower-case letter: how KOI8-R text read as windows-1251 (and
      // vice versa) looks, because the two code pages put the cases in opposite halves.
      if (isUpper && previousWasLower) score -= 4;
      previousWasLower = !isUpper;
    } else if (/\p{L}/u.test(ch)) {
      // Latin-1 accented letters: plausible in Western text, weak evidence.
      score += 0.5;
      previousWasLower = ch === lower;
      previousWasLatin = true;
      previousWasCyrillic = false;
    } else if (code >= 0x2500 && code <= 0x25ff) {
      score -= 6; // box drawing: what text looks like decoded as the wrong DOS code page
      previousWasLower = false;
    } else if (code < 0xa0 || code === 0xfffd) {
      score -= 6; // C1 controls and undecodable bytes
      previousWasLower = false;
    } else {
      score -= 1; // other symbols: some are real (« » — №), most are noise
      previousWasLower = false;
    }
  }
  return score;
}
