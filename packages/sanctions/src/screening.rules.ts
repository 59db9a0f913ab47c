// What a name match must also satisfy before a mention in a document is flagged. The matcher scores
// names as names (a typo, a consonant skeleton, a surname alone all score); a flag in a document is a
// claim about a person or organization, and on real press text those weak kinds of evidence were wrong
// more often than right (docs/sanctions.md, "Screening documents"). So a flag needs:
// - the listed surname met strictly: same spelling, transliteration or a case ending, never a typo
//   (Токаев is not TOKAREV); given names may differ in spelling (Мохаммед/Muhammed);
// - every word of the document's name accounted for (Владимир Машков is not PASHKOV, Vladimir);
// - for a surname alone, support: a fuller name of the same person elsewhere in the document or in
//   the knowledge base (checked by the caller, see screening.stage.ts); a given name or a one-word
//   alias of a person (Asad, ADEL) alone is never enough;
// - for organizations, every word met strictly, numbers equal (M1989 is not M23, Nord Stream AG is
//   not NORD STREAM 2 AG), and an acronym only against a listed acronym written as such (ФСБ = FSB;
//   СПГ is not "SPG JSC", ИИ is not JI); a one-word alias that shares nothing with the entry's own
//   name (AZIMUT LLC for the Internet Research Agency) is a front name, not a way to recognise it.
import { comparePreparedTokens, prepareName, romanizedLetters } from '@echotrace/core';
import type { PreparedName, PreparedToken, SanctionsEntry, TokenComparison } from '@echotrace/core';
import { MATCH_THRESHOLD, type MatchCandidate, type SanctionsMatcher } from './sanctions.matcher.ts';

export type ScreenedType = 'person' | 'organization';

/** How much of the listed name the document's name covers. */
export type VerifiedScope = 'full' | 'surname' | 'acronym';

export interface VerifiedCandidate {
  readonly candidate: MatchCandidate;
  readonly entry: SanctionsEntry;
  /** The primary name or alias that passed the checks. */
  readonly variant: string;
  readonly scope: VerifiedScope;
  /** Which tokens met and how, in words. */
  readonly evidence: string;
}

// Candidates looked at per query: the right entry may rank below a one-word alias of another.
const CANDIDATES_PER_QUERY = 25;

const STRICT: ReadonlySet<TokenComparison['how']> = new Set(['exact', 'transliteration', 'inflection']);

const core = (name: PreparedName): PreparedToken[] =>
  name.tokens.filter((token) => !token.initial && token.role !== 'patronymic');

/** Same spelling, transliteration or a case ending: the evidence a surname needs. */
export function strictlyEqual(a: PreparedToken, b: PreparedToken): TokenComparison | null {
  const result = comparePreparedTokens(a, b);
  return STRICT.has(result.how) && result.score >= 0.85 ? result : null;
}

// Given names vary more in the press (Мохаммед/Muhammed, Мухаммад): a close spelling is accepted.
function givenNameFits(a: PreparedToken, b: PreparedToken): TokenComparison | null {
  const result = comparePreparedTokens(a, b);
  if (STRICT.has(result.how) && result.score >= 0.85) return result;
  return result.how === 'fuzzy' && result.score >= 0.9 ? result : null;
}

const digitsOf = (text: string): string => text.replace(/\D+/g, ' ').trim();

/** An abbreviation as written: ФСБ, IRISL, M1989 (capitals, maybe digits), not Талибан. */
export function isAcronym(text: string): boolean {
  const letters = text.replace(/[^\p{L}\p{N}]/gu, '');
  if (letters.length < 2 || letters.length > 8) return false;
  if (/\p{N}/u.test(letters)) return true;
  return letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

// Letters of an abbreviation compared one by one after romanization; only Х → KH/H varies. Folding
// y/i/j or double letters, right for names, would make ИИ equal JI.
const acronymLetters = (text: string): string =>
  romanizedLetters(text.replace(/[^\p{L}\p{N}]/gu, ''))
    .toLowerCase()
    .replace(/kh/g, 'h');

const wordsOf = (text: string): string[] => text.split(/[\s,]+/).filter(Boolean);

interface PairedToken {
  readonly query: PreparedToken;
  readonly listed: PreparedToken;
  readonly result: TokenComparison;
}

/** Pairs every query token with a distinct listed token by `fits`, best first; null if one is left. */
function pairAll(
  query: readonly PreparedToken[],
  listed: readonly PreparedToken[],
  fits: (q: PreparedToken, l: PreparedToken) => TokenComparison | null,
): PairedToken[] | null {
  const options: PairedToken[] = [];
  for (const q of query)
    for (const l of listed) {
      const result = fits(q, l);
      if (result) options.push({ query: q, listed: l, result });
    }
  options.sort((a, b) => b.result.score - a.result.score);
  const usedQ = new Set<PreparedToken>();
  const usedL = new Set<PreparedToken>();
  const pairs: PairedToken[] = [];
  for (const option of options) {
    if (usedQ.has(option.query) || usedL.has(option.listed)) continue;
    usedQ.add(option.query);
    usedL.add(option.listed);
    pairs.push(option);
  }
  return pairs.length === query.length ? pairs : null;
}

const describe = (pairs: readonly PairedToken[]): string => pairs.map((p) => p.result.detail).join('; ');

function checkPerson(
  query: PreparedName,
  listed: PreparedName,
): { scope: VerifiedScope; evidence: string } | null {
  const q = core(query);
  const l = core(listed);
  const surname = l.find((token) => token.role === 'surname');
  if (q.length === 1) {
    // A one-word alias of a person is a nickname or a given name (Asad, ADEL, JULIA): never alone.
    if (l.length < 2 || surname === undefined) return null;
    const result = strictlyEqual(q[0]!, surname);
    return result ? { scope: 'surname', evidence: `${result.detail} (surname only)` } : null;
  }
  // A listed name without roles (an alias written without comma) gives no surname to insist on, so
  // every word must be met strictly.
  const pairs = pairAll(q, l, (a, b) =>
    surname !== undefined && b !== surname ? givenNameFits(a, b) : strictlyEqual(a, b),
  );
  if (!pairs) return null;
  if (surname !== undefined && !pairs.some((pair) => pair.listed === surname)) return null;
  const qPatronymic = query.tokens.find((token) => token.role === 'patronymic');
  const lPatronymic = listed.tokens.find((token) => token.role === 'patronymic');
  if (qPatronymic && lPatronymic && !givenNameFits(qPatronymic, lPatronymic)) return null;
  return { scope: 'full', evidence: describe(pairs) };
}

function checkOrganization(
  query: PreparedName,
  listed: PreparedName,
  entry: SanctionsEntry,
): { scope: VerifiedScope; evidence: string } | null {
  const q = core(query);
  const l = core(listed);
  if (digitsOf(query.raw) !== digitsOf(listed.raw)) return null;
  if (q.length === 1 && isAcronym(query.raw)) {
    if (wordsOf(listed.raw).length !== 1) return null;
    if (acronymLetters(query.raw) !== acronymLetters(listed.raw)) return null;
    return { scope: 'acronym', evidence: `${query.raw} = ${listed.raw} (abbreviation)` };
  }
  // Any other word of the listed name must be met too; at most one may be missing from a name of
  // three or more words (the press drops "of Russia" or a generic word).
  const pairs = pairAll(q, l, strictlyEqual);
  if (!pairs) return null;
  const missing = l.length - pairs.length;
  if (missing > (l.length >= 3 && q.length >= 2 ? 1 : 0)) return null;
  if (q.length === 1) {
    // A listed one-word name written as an abbreviation (SPG from "SPG JSC") is not met by a word.
    // Lists write every name in capitals, so only the length tells an abbreviation there.
    if (l[0]!.key.length <= 4 && wordsOf(listed.raw).length > 1 && !isAcronym(query.raw)) return null;
    if (listed.raw !== entry.name) {
      const primary = core(prepareName(entry.name, { organization: true }));
      if (!primary.some((token) => strictlyEqual(l[0]!, token))) return null;
    }
  }
  return { scope: 'full', evidence: describe(pairs) };
}

/**
 * Strict checks over the matcher's candidates for one name, memoized per (type, name): a name that
 * recurs across the corpus is verified once.
 */
export class ScreeningVerifier {
  readonly #matcher: SanctionsMatcher;
  readonly #threshold: number;
  readonly #memo = new Map<string, VerifiedCandidate[]>();

  constructor(matcher: SanctionsMatcher, threshold = MATCH_THRESHOLD) {
    this.#matcher = matcher;
    this.#threshold = threshold;
  }

  get matcher(): SanctionsMatcher {
    return this.#matcher;
  }

  /** Entries the name may be, each with the name variant and evidence that passed; best first. */
  verify(name: string, type: ScreenedType): VerifiedCandidate[] {
    const key = `${type}\u0000${name}`;
    const memo = this.#memo.get(key);
    if (memo) return memo;
    const organization = type !== 'person';
    const query = prepareName(name, { organization });
    const out: VerifiedCandidate[] = [];
    if (core(query).length > 0) {
      const candidates = this.#matcher
        .matchName(name, { type, limit: CANDIDATES_PER_QUERY, threshold: this.#threshold })
        .filter((candidate) => candidate.match);
      for (const candidate of candidates) {
        const entry = this.#matcher.entry(candidate.list, candidate.id);
        if (!entry) continue;
        // The matcher's best variant first, then every other name of the entry: a strict alias can
        // carry what the best-scoring spelling does not (LUKASHENKO beside LUKASHENKA).
        const variants = [
          candidate.matchedName,
          entry.name,
          ...entry.aliases.map((alias) => alias.name),
        ].filter((variant, index, all) => all.indexOf(variant) === index);
        let found: VerifiedCandidate | undefined;
        for (const variant of variants) {
          const listed = prepareName(variant, { organization });
          const checked = organization ? checkOrganization(query, listed, entry) : checkPerson(query, listed);
          if (!checked) continue;
          if (found && !(found.scope !== 'full' && checked.scope === 'full')) continue;
          found = { candidate, entry, variant, ...checked };
          if (checked.scope === 'full') break;
        }
        if (found) out.push(found);
      }
    }
    this.#memo.set(key, out);
    return out;
  }
}

/** True when the surname token of `variant` (a listed person's name) is `token`, strictly. */
export function isListedSurname(token: string, variant: string): boolean {
  const surname = prepareName(variant).tokens.find((t) => t.role === 'surname');
  const written = core(prepareName(token));
  return surname !== undefined && written.some((t) => strictlyEqual(t, surname) !== null);
}

/** The words of a name that count (no initials, patronymics or legal forms). */
export function coreWordCount(name: string, type: ScreenedType): number {
  return core(prepareName(name, { organization: type !== 'person' })).length;
}
