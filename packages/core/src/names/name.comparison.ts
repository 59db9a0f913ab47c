// Comparing two names as an analyst would: "MALOFEYEV, Konstantin" and "Константин Малофеева" are the
// same name (order, script, case ending), "Sergei Malofeev" is not. The score is in [0, 1] and the
// explanation says which tokens met and how, so that a reviewer can check a match.
import { canonicalGivenNameKey } from './given.name.equivalents.ts';
import { nameSkeleton, nameTokenKey, romanizedLetters } from './name.key.ts';
import { parseName } from './name.parser.ts';
import type { NameTokenRole, ParseNameOptions, ParsedName } from './name.parser.ts';
import { nominativeCandidates } from './russian.inflection.ts';
import { isLossyScript } from './script.transliteration.ts';
import { jaroWinkler, levenshtein, levenshteinSimilarity } from './string.similarity.ts';

export type NameMatchHow = 'exact' | 'token-order' | 'transliteration' | 'inflection' | 'fuzzy' | 'initials';
export type TokenMatchHow = 'exact' | 'transliteration' | 'inflection' | 'fuzzy' | 'skeleton' | 'different';

export interface NameComparison {
  /** 0 (nothing in common) to 1 (the same spelling). */
  readonly score: number;
  /** The weakest kind of evidence the score rests on. */
  readonly how: NameMatchHow;
  readonly explanation: string;
}

export interface TokenComparison {
  readonly score: number;
  readonly how: TokenMatchHow;
  readonly detail: string;
}

/** One token with everything comparison needs, computed once (a list is prepared once, queried often). */
export interface PreparedToken {
  readonly text: string;
  readonly role: NameTokenRole;
  readonly initial: boolean;
  /** Lower case, no diacritics, same script: equality here is an exact match. */
  readonly folded: string;
  readonly key: string;
  readonly skeleton: string;
  /** Keys of the nominative forms an inflected token may come from (excluding the token itself). */
  readonly nominativeKeys: ReadonlyArray<{
    readonly key: string;
    readonly form: string;
    readonly reason: string;
  }>;
}

export interface PreparedName {
  readonly raw: string;
  readonly parsed: ParsedName;
  readonly tokens: readonly PreparedToken[];
  /** Written in a script whose romanization is lossy (Arabic, Chinese, …). */
  readonly lossy: boolean;
}

// Legal forms and generic words of organization names carry no identity.
const ORGANIZATION_WORDS = new Set(
  [
    'llc',
    'ooo',
    'oao',
    'zao',
    'pao',
    'ao',
    'jsc',
    'ojsc',
    'cjsc',
    'pjsc',
    'ltd',
    'limited',
    'inc',
    'corp',
    'corporation',
    'company',
    'co',
    'gmbh',
    'ag',
    'sa',
    'plc',
    'the',
    'of',
    'and',
    'joint',
    'stock',
    'public',
    'closed',
    'open',
    'obshchestvo',
    'ogranichennoy',
    'otvetstvennostyu',
    's',
    'aktsionernoe',
  ].map((word) => nameTokenKey(word)),
);

function fold(token: string): string {
  return token
    .toLowerCase()
    .replace(/ё/g, 'е')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC');
}

type TokenKeys = Pick<PreparedToken, 'folded' | 'key' | 'skeleton' | 'nominativeKeys'>;

// The keys of a token depend only on its text (and whether it is an initial), and lists repeat
// tokens: the 90,484 tokens of the SDN names and aliases hold 25,427 distinct ones, so keying each
// once cuts most of the sanctions index build. Bounded so a long-running process cannot grow it
// without limit; cleared whole when full, which costs only recomputation.
const TOKEN_KEYS_LIMIT = 200_000;
const tokenKeysCache = new Map<string, TokenKeys>();

function tokenKeys(text: string, initial: boolean): TokenKeys {
  const cacheKey = (initial ? '1' : '0') + text;
  const cached = tokenKeysCache.get(cacheKey);
  if (cached) return cached;
  const key = nameTokenKey(text);
  const nominativeKeys = initial
    ? []
    : nominativeCandidates(text)
        .slice(1)
        .map((candidate) => ({
          key: nameTokenKey(candidate.form),
          form: candidate.form,
          reason: candidate.reason,
        }))
        .filter((candidate) => candidate.key !== key);
  const keys: TokenKeys = { folded: fold(text), key, skeleton: nameSkeleton(text), nominativeKeys };
  if (tokenKeysCache.size >= TOKEN_KEYS_LIMIT) tokenKeysCache.clear();
  tokenKeysCache.set(cacheKey, keys);
  return keys;
}

function prepareToken(text: string, role: NameTokenRole, initial: boolean): PreparedToken {
  return { text, role, initial, ...tokenKeys(text, initial) };
}

/** Parse and key a name once, for repeated comparison. */
export function prepareName(raw: string, options: ParseNameOptions = {}): PreparedName {
  const parsed = parseName(raw, options);
  let tokens = parsed.tokens
    .map((token) => prepareToken(token.text, token.role, token.initial))
    .filter((token) => token.key.length > 0);
  const meaningful = tokens.filter((token) => token.initial || !ORGANIZATION_WORDS.has(token.key));
  if (meaningful.length > 0) tokens = meaningful;
  return { raw, parsed, tokens, lossy: isLossyScript(raw) };
}

// Endings that make a new name from a name (patronymics, surnames from given names, feminine forms).
const DERIVING_SUFFIX = /^(ov|ev|in|ova|eva|ina|ovna|evna|iC|oviC|eviC|viC|ski|ska|enko|uk|enk|ovi)$/;

// One edit in a name of five letters or more, or two in a long name, with a high Jaro-Winkler:
// Molofeyev/Malofeyev yes, Krylov/Kislov no.
function isTypo(a: string, b: string, jw: number): boolean {
  const shorter = Math.min(a.length, b.length);
  if (jw < 0.85) return false;
  const distance = levenshtein(a, b);
  return (distance <= 1 && shorter >= 5) || (distance <= 2 && shorter >= 8 && jw >= 0.9);
}

// Lithuanian and Latvian add a nominative ending to foreign names (Putinas, Putins).
const BALTIC_ENDING = /^(as|is|us|s)$/;

/** How well two single name tokens agree. */
export function comparePreparedTokens(a: PreparedToken, b: PreparedToken, lossy = false): TokenComparison {
  if (a.folded === b.folded) return { score: 1, how: 'exact', detail: `${a.text} = ${b.text}` };
  if (a.key === b.key)
    return { score: 0.98, how: 'transliteration', detail: `${a.text} = ${b.text} (transliteration)` };
  const [short, long] = a.key.length <= b.key.length ? [a.key, b.key] : [b.key, a.key];
  // A case ending read in Cyrillic is good evidence; a Latin "-a" is more often a feminine surname.
  const inflectionScore = (token: PreparedToken): number =>
    /\p{Script=Cyrillic}/u.test(token.text) ? 0.93 : 0.85;
  for (const candidate of a.nominativeKeys) {
    if (candidate.key === b.key) {
      return {
        score: inflectionScore(a),
        how: 'inflection',
        detail: `${a.text} → ${candidate.form} = ${b.text} (${candidate.reason})`,
      };
    }
  }
  for (const candidate of b.nominativeKeys) {
    if (candidate.key === a.key) {
      return {
        score: inflectionScore(b),
        how: 'inflection',
        detail: `${a.text} = ${candidate.form} ← ${b.text} (${candidate.reason})`,
      };
    }
  }
  if (long.startsWith(short) && short.length >= 4 && BALTIC_ENDING.test(long.slice(short.length))) {
    return { score: 0.9, how: 'inflection', detail: `${a.text} = ${b.text} (Baltic nominative ending)` };
  }
  if (canonicalGivenNameKey(a.key) === canonicalGivenNameKey(b.key)) {
    return {
      score: 0.95,
      how: 'transliteration',
      detail: `${a.text} = ${b.text} (same name in another language)`,
    };
  }
  let best: TokenComparison = { score: 0, how: 'different', detail: `${a.text} ≠ ${b.text}` };
  const shorter = Math.min(a.key.length, b.key.length);
  const jw = jaroWinkler(a.key, b.key);
  // Roman/Romanov, Mikhail/Mikhailov, Ivan/Ivanova: a name and a name derived from it are different.
  const derived = long.startsWith(short) && DERIVING_SUFFIX.test(long.slice(short.length));
  if (derived) {
    best = { score: 0.6, how: 'different', detail: `${a.text} ≠ ${b.text} (derived name)` };
  } else if (shorter >= 4 && isTypo(a.key, b.key, jw)) {
    best = {
      score: Math.min(0.95, Math.max(jw, 0.9)),
      how: 'fuzzy',
      detail: `${a.text} ≈ ${b.text} (spelling, ${jw.toFixed(2)})`,
    };
  } else {
    best = { score: jw * 0.8, how: 'different', detail: `${a.text} ≠ ${b.text}` };
  }
  if (a.skeleton.length >= 2 && b.skeleton.length >= 2) {
    const skeletonSimilarity = levenshteinSimilarity(a.skeleton, b.skeleton);
    let score = 0;
    // In Latin or Cyrillic spellings equal skeletons are common between different names (Fyodor/Peter).
    if (skeletonSimilarity === 1) score = lossy ? 0.9 : 0.7;
    else if (lossy && skeletonSimilarity >= 0.75 && Math.min(a.skeleton.length, b.skeleton.length) >= 3)
      score = 0.82;
    if (score > best.score) {
      best = {
        score,
        how: 'skeleton',
        detail: `${a.text} ≈ ${b.text} (consonants ${a.skeleton}/${b.skeleton})`,
      };
    }
  }
  return best;
}

/** Compare two single name tokens in any script. */
export function compareNameTokens(a: string, b: string): TokenComparison {
  return comparePreparedTokens(
    prepareToken(a, 'unknown', false),
    prepareToken(b, 'unknown', false),
    isLossyScript(a + b),
  );
}

function initialOf(token: PreparedToken): string {
  return token.key.charAt(0);
}

function initialMatches(initial: PreparedToken, full: PreparedToken): boolean {
  const a = romanizedLetters(initial.text).charAt(0);
  const b = romanizedLetters(full.text).charAt(0);
  // V/W (Vladimir/Wladimir) and I/Y/J (Iuri/Yuri/Juri) are one initial in transliteration.
  return (
    a === b ||
    initialOf(initial) === initialOf(full) ||
    (/[vw]/.test(a) && /[vw]/.test(b)) ||
    (/[iyj]/.test(a) && /[iyj]/.test(b))
  );
}

const HOW_WEAKNESS: Record<NameMatchHow, number> = {
  exact: 0,
  'token-order': 1,
  transliteration: 2,
  initials: 3,
  inflection: 4,
  fuzzy: 5,
};

/** Compare two prepared names; see `compareNames`. */
export function comparePreparedNames(a: PreparedName, b: PreparedName): NameComparison {
  const lossy = a.lossy || b.lossy;
  const core = (name: PreparedName): PreparedToken[] =>
    name.tokens.filter((token) => !token.initial && token.role !== 'patronymic');
  const aCore = core(a);
  const bCore = core(b);
  if (aCore.length === 0 || bCore.length === 0) {
    return { score: 0, how: 'fuzzy', explanation: 'no full name token to compare' };
  }
  const comparisons: Array<{ i: number; j: number; result: TokenComparison }> = [];
  for (let i = 0; i < aCore.length; i++) {
    for (let j = 0; j < bCore.length; j++) {
      comparisons.push({ i, j, result: comparePreparedTokens(aCore[i]!, bCore[j]!, lossy) });
    }
  }
  comparisons.sort((x, y) => y.result.score - x.result.score || x.i - y.i - (x.j - y.j));
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: typeof comparisons = [];
  for (const comparison of comparisons) {
    if (usedA.has(comparison.i) || usedB.has(comparison.j)) continue;
    usedA.add(comparison.i);
    usedB.add(comparison.j);
    pairs.push(comparison);
  }
  let weighted = 0;
  let weights = 0;
  let weakest: NameMatchHow = 'exact';
  const notes: string[] = [];
  const weaken = (how: NameMatchHow): void => {
    if (HOW_WEAKNESS[how] > HOW_WEAKNESS[weakest]) weakest = how;
  };
  let factor = 1;
  for (const { i, j, result } of pairs) {
    const isSurname = aCore[i]!.role === 'surname' || bCore[j]!.role === 'surname';
    const weight = isSurname ? 1.5 : 1;
    weighted += weight * result.score;
    weights += weight;
    notes.push(result.detail);
    if (result.how === 'transliteration') weaken('transliteration');
    else if (result.how === 'inflection') weaken('inflection');
    else if (result.how !== 'exact') weaken('fuzzy');
    if (result.score < 0.7) factor *= 0.9;
  }
  const aInitials = a.tokens.filter((token) => token.initial);
  const bInitials = b.tokens.filter((token) => token.initial);
  const usedInitials = new Set<PreparedToken>();
  // A full token of one name without a counterpart: explained by an initial, missing, or conflicting.
  const unmatched = (
    tokens: PreparedToken[],
    used: Set<number>,
    initials: PreparedToken[],
    side: string,
  ): void => {
    tokens.forEach((token, index) => {
      if (used.has(index)) return;
      const initial = initials.find(
        (candidate) => !usedInitials.has(candidate) && initialMatches(candidate, token),
      );
      if (initial !== undefined) {
        usedInitials.add(initial);
        factor *= 0.97;
        weaken('initials');
        notes.push(`${initial.text}. = ${token.text} (initial)`);
        return;
      }
      if (initials.some((candidate) => !usedInitials.has(candidate))) {
        factor *= 0.6;
        notes.push(`initial does not fit ${token.text}`);
        return;
      }
      // A missing given name is usual (press writes surnames alone); a missing surname is not; a
      // token of unknown role lies between.
      const missingSurname = token.role === 'surname';
      factor *= missingSurname ? 0.75 : token.role === 'given' ? 0.9 : 0.78;
      notes.push(
        `${token.text} only in ${side === 'a' ? 'the first' : 'the second'} name${missingSurname ? ' (surname)' : ''}`,
      );
    });
  };
  unmatched(aCore, usedA, bInitials, 'a');
  unmatched(bCore, usedB, aInitials, 'b');
  // Patronymics and remaining initials (Vladimir V. Putin against Vladimir Vladimirovich Putin).
  const aPatronymic = a.tokens.find((token) => token.role === 'patronymic');
  const bPatronymic = b.tokens.find((token) => token.role === 'patronymic');
  if (aPatronymic !== undefined && bPatronymic !== undefined) {
    const result = comparePreparedTokens(aPatronymic, bPatronymic, lossy);
    const similar = result.score >= 0.8 || jaroWinkler(aPatronymic.key, bPatronymic.key) >= 0.85;
    if (!similar && !(lossy && result.score >= 0.7)) {
      factor *= 0.8;
      notes.push(`patronymics differ: ${result.detail}`);
    } else notes.push(`${result.detail} (patronymic)`);
  } else {
    const patronymic = aPatronymic ?? bPatronymic;
    const otherInitials = (aPatronymic !== undefined ? bInitials : aInitials).filter(
      (initial) => !usedInitials.has(initial),
    );
    if (patronymic !== undefined && otherInitials.length > 0) {
      const fits = otherInitials.some((initial) => initialMatches(initial, patronymic));
      factor *= fits ? 1 : 0.8;
      if (fits) weaken('initials');
      notes.push(
        fits ? `initial = ${patronymic.text} (patronymic)` : `initial does not fit ${patronymic.text}`,
      );
    }
  }
  let score = (weighted / weights) * factor;
  if (weakest === 'exact') {
    const inOrder = pairs.every(({ i, j }) => i === j) && aCore.length === bCore.length;
    if (!inOrder || a.parsed.order !== b.parsed.order) weakest = 'token-order';
  }
  score = Math.max(0, Math.min(1, score));
  return { score: Math.round(score * 1000) / 1000, how: weakest, explanation: notes.join('; ') };
}

/**
 * Compare two names in any script, order and case ending: 1 for the same spelling, about 0.98 for a
 * transliteration, 0.93 for an inflected form, 0.9–0.95 for a spelling variant or typo, less when
 * tokens are missing (×0.9 each, ×0.75 for a missing surname) or conflict.
 */
export function compareNames(a: string, b: string): NameComparison {
  return comparePreparedNames(prepareName(a), prepareName(b));
}
