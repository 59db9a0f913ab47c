// Keys under which a name is compared. Three levels, from strict to loose:
//   surface form  — how it is written, tidied (quotes, possessives, spaces);
//   folded form   — case and ё folded, hyphens as spaces: exact alias matching;
//   neutral key   — script- and transliteration-neutral (core's name key): Малофеев, Malofeev,
//                   Malofeyev, Malofejew all give `malofev`.
// Names in the same script but a different case (Малофеева → Малофеев) are reached through
// nominative candidates, not through the key, so that a key stays one deterministic string.
import { nameTokenKey, nominativeCandidates as coreNominatives } from '@echotrace/core';

const QUOTES = /[«»"“”„‟'’‘`]/g;

// The same names recur in every document (Путин, России, Москве): each key below is a pure function
// of its string, computed once and remembered. Bounded: a cache that is full is emptied, so memory
// stays flat on an unbounded stream while a news vocabulary (tens of thousands of forms) stays warm.
const CACHE_LIMIT = 50_000;

function memoized<T>(compute: (input: string) => T): (input: string) => T {
  const cache = new Map<string, T>();
  return (input) => {
    let value = cache.get(input);
    if (value === undefined) {
      value = compute(input);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(input, value);
    }
    return value;
  };
}

/** Tidies a mention as written: no quotes, no English possessive, single spaces. */
export function cleanSurface(surface: string): string {
  return cachedCleanSurface(surface);
}

const cachedCleanSurface = memoized((surface) =>
  surface
    .normalize('NFC')
    .replace(/['’]s$/u, '')
    .replace(QUOTES, '')
    .replace(/\s+/g, ' ')
    .trim(),
);

/** Case and ё folded, hyphens and dots as spaces: the form exact aliases are compared in. */
export function foldName(name: string): string {
  return cachedFoldName(name);
}

const cachedFoldName = memoized((name) =>
  cleanSurface(name)
    .toLowerCase()
    .replace(/ё/g, 'е')
    .normalize('NFD')
    // Accents go, but й is a letter of its own, not и with a breve.
    .replace(/и\u0306/g, 'й')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .replace(/[-‐‑–—.,]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim(),
);

export function nameTokens(folded: string): string[] {
  return folded.split(' ').filter((t) => t.length > 0);
}

export function isCyrillic(text: string): boolean {
  return /\p{Script=Cyrillic}/u.test(text);
}

/**
 * Script- and transliteration-neutral key of one folded token: core's name key (which romanizes any
 * script and folds the spelling systems), with digits kept so that Россия-1 is not Россия.
 */
export function tokenKey(foldedToken: string): string {
  return cachedTokenKey(foldedToken);
}

const cachedTokenKey = memoized((foldedToken) => nameTokenKey(foldedToken) + foldedToken.replace(/\D/g, ''));

/** Script- and transliteration-neutral key of a whole name (tokens joined by one space). */
export function nameKey(name: string): string {
  return cachedNameKey(name);
}

const cachedNameKey = memoized((name) => nameTokens(foldName(name)).map(tokenKey).filter(Boolean).join(' '));

// Russian case endings → nominative endings, most specific first. Every rule whose ending
// matches contributes a candidate; the KB decides which (if any) is a real name.
const RUSSIAN_CASE_RULES: Array<[string, string[]]> = [
  // -ов/-ев/-ин surnames (Малофеева, Путину, Лавровым, Шойгу is indeclinable).
  ['овым', ['ов']],
  ['евым', ['ев']],
  ['иным', ['ин']],
  ['ыным', ['ын']],
  ['ова', ['ов']],
  ['ову', ['ов']],
  ['ове', ['ов']],
  ['ева', ['ев']],
  ['еву', ['ев']],
  ['еве', ['ев']],
  ['ина', ['ин']],
  ['ину', ['ин']],
  ['ине', ['ин']],
  ['ына', ['ын']],
  ['ыну', ['ын']],
  // Feminine surnames: Захаровой → Захарова.
  ['овой', ['ова']],
  ['евой', ['ева']],
  ['иной', ['ина']],
  // Adjectives and adjectival surnames: Зеленского → Зеленский, Первого канала → Первый канал.
  ['ского', ['ский']],
  ['скому', ['ский']],
  ['ским', ['ский']],
  ['ском', ['ский']],
  ['ской', ['ская', 'ский']],
  ['скую', ['ская']],
  ['ого', ['ый', 'ий', 'ой']],
  ['его', ['ий']],
  ['ому', ['ый', 'ий', 'ой']],
  ['ему', ['ий']],
  ['ым', ['ый']],
  ['им', ['ий']],
  ['ой', ['ая', 'а', 'ый', 'ой']],
  ['ую', ['ая']],
  ['ей', ['я', 'ь', 'ий']],
  ['ых', ['ые']],
  ['их', ['ие']],
  // Nouns in -ия: России, Россию, Россией → Россия.
  ['ии', ['ия']],
  ['ию', ['ия']],
  ['ией', ['ия']],
  // Nouns in -й and -ь: Сергея → Сергей, Кремля → Кремль.
  ['ея', ['ей']],
  ['ею', ['ей']],
  ['еем', ['ей']],
  ['ее', ['ей', 'ея']],
  ['ем', ['ь', 'й']],
  ['ём', ['ь']],
  ['я', ['ь', 'й']],
  ['ю', ['ь', 'й', 'я']],
  ['е', ['ь', 'а', 'я', '', 'о']],
  // Consonant stems: Пхеньяна, Пхеньяну, Пхеньяном, Пхеньяне → Пхеньян; Москвы → Москва;
  // neuter nouns: Министерства → Министерство.
  ['ом', ['', 'о']],
  ['а', ['', 'о']],
  ['у', ['', 'а', 'о']],
  ['ы', ['а']],
  ['и', ['я', 'а', 'ь']],
];

const MIN_STEM = 2;

/**
 * Nominative candidates of one folded Russian token, the token itself first. Fleeting vowels are
 * restored for -ец/-ок stems (Баранца → Баранец).
 */
export function nominativeCandidates(foldedToken: string): string[] {
  // A copy: callers own the array they get.
  return [...cachedNominatives(foldedToken)];
}

const cachedNominatives = memoized((foldedToken): readonly string[] => {
  const out = new Set<string>([foldedToken]);
  // Core's rules know names (patronymics, feminine surnames); ours add common nouns and adjectives
  // that organization and place names decline by.
  for (const candidate of coreNominatives(foldedToken)) out.add(candidate.form.toLowerCase());
  if (!isCyrillic(foldedToken)) return [...out];
  for (const [ending, replacements] of RUSSIAN_CASE_RULES) {
    if (!foldedToken.endsWith(ending) || foldedToken.length - ending.length < MIN_STEM) continue;
    const stem = foldedToken.slice(0, -ending.length);
    for (const replacement of replacements) {
      out.add(stem + replacement);
      if (replacement === '' && /[^аеёиоуыэюя]ц$/.test(stem)) out.add(`${stem.slice(0, -1)}ец`);
      if (replacement === '' && /[^аеёиоуыэюя]к$/.test(stem)) out.add(`${stem.slice(0, -1)}ок`);
    }
  }
  return [...out];
});

const MAX_COMBINATIONS = 64;

/** Nominative candidates of a whole folded name: every combination of its tokens' candidates. */
export function nominativeNameCandidates(folded: string): string[] {
  return [...cachedNameCandidates(folded)];
}

const cachedNameCandidates = memoized((folded): readonly string[] => {
  let combos: string[][] = [[]];
  for (const token of nameTokens(folded)) {
    const next: string[][] = [];
    for (const combo of combos) {
      for (const candidate of nominativeCandidates(token)) {
        if (next.length < MAX_COMBINATIONS) next.push([...combo, candidate]);
      }
    }
    combos = next;
  }
  return combos.map((c) => c.join(' '));
});

/** Optimal string alignment distance (Levenshtein plus adjacent transposition). */
export function editDistance(a: string, b: string): number {
  // Three rolling rows instead of a full matrix: this runs for every fuzzy comparison.
  const cols = b.length + 1;
  let before = new Int32Array(cols);
  let previous = new Int32Array(cols);
  let current = new Int32Array(cols);
  for (let j = 0; j < cols; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, before[j - 2]! + 1);
      }
      current[j] = best;
    }
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  return previous[b.length]!;
}

/**
 * Edits tolerated between two neutral keys as a typo: none below 5 letters (short names collide),
 * one up to 7, two from 8. Keys are compared after transliteration folding, so a tolerated edit
 * is a real misspelling (Molofeyev), not a spelling system.
 */
export function typoBudget(key: string): number {
  const letters = key.replace(/ /g, '').length;
  if (letters < 5) return 0;
  return letters < 8 ? 1 : 2;
}
