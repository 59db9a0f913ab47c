// Cyrillic↔Latin transliteration under the systems that analysts meet in practice: a name found in a
// sanctions list (BGN/PCGN, ICAO passports), in a library catalogue (ISO 9, scholarly) or in the
// English-language press (Malofeyev / Malofeev) must be recognisable as one and the same person.

export type TransliterationSystem = 'bgn-pcgn' | 'iso9' | 'scholarly' | 'icao' | 'press' | 'simple';

export const TRANSLITERATION_SYSTEMS: readonly TransliterationSystem[] = [
  'bgn-pcgn',
  'iso9',
  'scholarly',
  'icao',
  'press',
  'simple',
];

type Table = Readonly<Record<string, string>>;

// Letters on which the systems agree; each table below overrides what differs.
const COMMON: Table = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  // Ukrainian and Belarusian letters, so that Ukrainian-language forms of a name reach Latin too.
  і: 'i',
  ї: 'yi',
  є: 'ye',
  ґ: 'g',
  ў: 'w',
};

const TABLES: Record<TransliterationSystem, Table> = {
  'bgn-pcgn': { ...COMMON, ё: 'ë', ъ: '”', ь: '’' },
  iso9: {
    ...COMMON,
    ё: 'ë',
    ж: 'ž',
    й: 'j',
    х: 'h',
    ц: 'c',
    ч: 'č',
    ш: 'š',
    щ: 'ŝ',
    ъ: 'ʺ',
    ь: 'ʹ',
    э: 'è',
    ю: 'û',
    я: 'â',
    і: 'ì',
    ї: 'ï',
    є: 'ê',
    ґ: 'g̀',
    ў: 'ǔ',
  },
  scholarly: {
    ...COMMON,
    ё: 'ë',
    ж: 'ž',
    й: 'j',
    х: 'x',
    ц: 'c',
    ч: 'č',
    ш: 'š',
    щ: 'šč',
    ъ: 'ʺ',
    ь: 'ʹ',
    э: 'è',
    ю: 'ju',
    я: 'ja',
    ї: 'ji',
    є: 'je',
    ў: 'ŭ',
  },
  // ICAO Doc 9303 (2013), used in Russian passports since 2014.
  icao: { ...COMMON, й: 'i', ъ: 'ie', ю: 'iu', я: 'ia', ї: 'i', є: 'ie' },
  press: { ...COMMON, ё: 'yo' },
  simple: { ...COMMON, ё: 'yo' },
};

const VOWELS = new Set('аеёиоуыэюяіїє'.split(''));
const SIGNS = new Set(['ъ', 'ь']);

function isCyrillicLetter(ch: string): boolean {
  return /\p{Script=Cyrillic}/u.test(ch);
}

function matchCase(latin: string, original: string, next: string | undefined): string {
  if (latin.length === 0 || original.toLowerCase() === original) return latin;
  // A capital starting a word in mixed case ("Щукин") becomes "Shchukin", not "SHCHUKIN".
  const wholeWordUpper = next !== undefined && next !== next.toLowerCase();
  if (wholeWordUpper || latin.length === 1) return latin.toUpperCase();
  return latin.charAt(0).toUpperCase() + latin.slice(1);
}

/**
 * Cyrillic → Latin under one system. Non-Cyrillic characters pass through unchanged. Context rules:
 * BGN/PCGN and press write `е` as `ye` at the start of a word and after a vowel or a sign
 * (Yevgeny, Malofeyev); press and simple drop the signs and write word-final `ий`/`ый` as `y`
 * (Dmitry, Yury), press writes `ье` as `ye` (Valeryevich); `ё` after a consonant is `e` in press
 * (Gorbachev) but `yo` at the start (Yolkin).
 */
export function transliterateCyrillic(text: string, system: TransliterationSystem = 'bgn-pcgn'): string {
  const table = TABLES[system];
  const chars = [...text.normalize('NFC')];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const original = chars[i] as string;
    const lower = original.toLowerCase();
    const next = chars[i + 1];
    const nextLower = next?.toLowerCase();
    const prevLower = chars[i - 1]?.toLowerCase();
    const atWordStart = prevLower === undefined || !isCyrillicLetter(prevLower);
    const afterVowelOrSign = prevLower !== undefined && (VOWELS.has(prevLower) || SIGNS.has(prevLower));
    const atWordEnd = nextLower === undefined || !isCyrillicLetter(nextLower);
    let latin = table[lower];
    if (latin === undefined) {
      out += original;
      continue;
    }
    if (system === 'bgn-pcgn' || system === 'press') {
      if (lower === 'е' && (atWordStart || afterVowelOrSign)) latin = 'ye';
      if (lower === 'ё' && (atWordStart || afterVowelOrSign)) latin = system === 'press' ? 'yo' : 'yë';
      if (lower === 'ё' && system === 'press' && !(atWordStart || afterVowelOrSign)) latin = 'e';
    }
    if (system === 'press' || system === 'simple') {
      const twoLetterEnding =
        (lower === 'и' || lower === 'ы') && nextLower === 'й' && chars[i + 2] === undefined;
      const endingAtWordEnd =
        (lower === 'и' || lower === 'ы') &&
        nextLower === 'й' &&
        (chars[i + 2] === undefined || !isCyrillicLetter(chars[i + 2] as string));
      if (twoLetterEnding || endingAtWordEnd) {
        out += matchCase('y', original, next);
        i++;
        continue;
      }
      if (system === 'press' && lower === 'ь' && (nextLower === 'е' || nextLower === 'ё')) {
        latin = 'y';
        out += matchCase(latin, original, next);
        out += matchCase(nextLower === 'е' ? 'e' : 'o', next as string, chars[i + 2]);
        i++;
        continue;
      }
    }
    if (system === 'simple' && (lower === 'ъ' || lower === 'ь')) latin = '';
    if (atWordEnd && lower === 'й' && system === 'icao') latin = 'i';
    out += matchCase(latin, original, next);
  }
  return out;
}

/** The usual Latin spellings of a Cyrillic text under every system, deduplicated, most common first. */
export function transliterationVariants(text: string): string[] {
  const order: TransliterationSystem[] = ['press', 'simple', 'bgn-pcgn', 'icao', 'scholarly', 'iso9'];
  return [...new Set(order.map((system) => transliterateCyrillic(text, system)))];
}

// Longest first, so that "shch" is taken before "sh" and "ch".
const LATIN_TO_CYRILLIC: Array<[string, string]> = (
  [
    ['shch', 'щ'],
    ['sch', 'щ'],
    ['zh', 'ж'],
    ['kh', 'х'],
    ['ts', 'ц'],
    ['tz', 'ц'],
    ['ch', 'ч'],
    ['sh', 'ш'],
    ['yu', 'ю'],
    ['iu', 'ю'],
    ['ju', 'ю'],
    ['ya', 'я'],
    ['ia', 'я'],
    ['ja', 'я'],
    ['yo', 'ё'],
    ['jo', 'ё'],
    ['ye', 'е'],
    ['je', 'е'],
    ['ph', 'ф'],
    ['a', 'а'],
    ['b', 'б'],
    ['c', 'к'],
    ['d', 'д'],
    ['e', 'е'],
    ['f', 'ф'],
    ['g', 'г'],
    ['h', 'х'],
    ['i', 'и'],
    ['j', 'й'],
    ['k', 'к'],
    ['l', 'л'],
    ['m', 'м'],
    ['n', 'н'],
    ['o', 'о'],
    ['p', 'п'],
    ['q', 'к'],
    ['r', 'р'],
    ['s', 'с'],
    ['t', 'т'],
    ['u', 'у'],
    ['v', 'в'],
    ['w', 'в'],
    ['x', 'кс'],
    ['y', 'ы'],
    ['z', 'з'],
  ] as Array<[string, string]>
).sort((a, b) => b[0].length - a[0].length);

const LATIN_VOWELS = new Set('aeiouy'.split(''));

/**
 * Latin → Cyrillic, approximately: good enough to search Russian text for a name seen in Latin
 * ("Malofeyev" → "Малофеев", "Dmitry" → "Дмитрий"), not a reversible transliteration.
 */
export function latinToCyrillic(text: string): string {
  return text.replace(/[A-Za-z]+/g, (word) => {
    const lower = word.toLowerCase();
    let out = '';
    let i = 0;
    while (i < lower.length) {
      const rest = lower.slice(i);
      const prev = lower[i - 1];
      // Word-final -iy/-yy/-y after i and -ey/-ay/-oy/-uy: the й of adjectival endings.
      if (/^(iy|yy|ij|ii)$/.test(rest)) {
        out += 'ий';
        break;
      }
      if (rest === 'y' && prev !== undefined && LATIN_VOWELS.has(prev)) {
        out += 'й';
        break;
      }
      if (rest === 'y' && prev !== undefined) {
        out += 'ий';
        break;
      }
      if (rest.startsWith('y') && prev !== undefined && LATIN_VOWELS.has(prev) && !/^y[aeiou]/.test(rest)) {
        out += 'й';
        i++;
        continue;
      }
      // "ye" after a consonant is a soft sign plus е (Valeryevich → Валерьевич).
      if (rest.startsWith('ye') && prev !== undefined && !LATIN_VOWELS.has(prev)) {
        out += 'ье';
        i += 2;
        continue;
      }
      if (rest.startsWith('e') && prev === undefined) {
        out += 'э';
        i++;
        continue;
      }
      const pair = LATIN_TO_CYRILLIC.find(([latin]) => rest.startsWith(latin));
      if (pair === undefined) {
        out += rest.charAt(0);
        i++;
        continue;
      }
      out += pair[1];
      i += pair[0].length;
    }
    if (word === word.toUpperCase() && word.length > 1) return out.toUpperCase();
    if (word.charAt(0) === word.charAt(0).toUpperCase()) return out.charAt(0).toUpperCase() + out.slice(1);
    return out;
  });
}
