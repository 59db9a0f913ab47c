// Screening a name against sanctions lists. Every primary name and alias is prepared once (tokens,
// keys, skeletons); a query first finds the index tokens that resemble its own tokens through blocking
// keys (exact key, nominative key, given-name equivalent, one-deletion neighbourhood of the key, and
// for lossy scripts the consonant skeleton), then fully compares only the names that share enough
// such tokens.
import {
  canonicalGivenNameKey,
  comparePreparedNames,
  comparePreparedTokens,
  prepareName,
} from '@echotrace/core';
import type {
  PreparedName,
  PreparedToken,
  SanctionedKind,
  SanctionsAlias,
  SanctionsEntry,
} from '@echotrace/core';
import { isCommonSurnameKey } from './common.surnames.ts';

/**
 * A candidate whose score reaches this is reported as a match (`match: true`). Chosen on the OFAC
 * list with the evaluation in bench/sanctions.eval.ts; see docs/sanctions.md.
 */
export const MATCH_THRESHOLD = 0.8;

/** Candidates below this score are not returned at all. */
export const MIN_CANDIDATE_SCORE = 0.6;

// A token of the query must reach this similarity with an index token for the names holding that token
// to become candidates.
const TOKEN_MIN = 0.8;

// A query token whose similar index tokens occur in more names than this (common given names,
// Arabic name particles) does not gather candidates by itself.
const FREQUENT_TOKEN_POSTINGS = 300;

// A query that is only a very common surname (Петров, Smith) stays below the threshold.
const COMMON_SURNAME_FACTOR = 0.85;

// Weak aliases (nicknames, partial names that OFAC itself rates low quality) count a little less.
const WEAK_ALIAS_FACTOR = 0.95;

export interface MatchCandidate {
  /** The list's own id of the entry (OFAC ent_num, OpenSanctions id). */
  readonly id: string;
  readonly list: string;
  /** Primary name of the entry. */
  readonly name: string;
  readonly kind: SanctionedKind;
  readonly score: number;
  /** True when the score reaches the threshold. */
  readonly match: boolean;
  /**
   * True when the query has fewer name parts than the matched name (a surname alone, "Малофеева"):
   * a lead to check, since namesakes are likely.
   */
  readonly partial: boolean;
  /** The primary name or alias that matched best. */
  readonly matchedName: string;
  readonly how: string;
  readonly explanation: string;
  readonly programs: readonly string[];
}

export interface MatchOptions {
  readonly type?: 'person' | 'organization' | 'vessel' | 'aircraft';
  /** How many candidates to return at most (default 10). */
  readonly limit?: number;
  /** Override the match threshold (default MATCH_THRESHOLD). */
  readonly threshold?: number;
}

interface IndexedName {
  readonly entry: number;
  readonly prepared: PreparedName;
  readonly alias?: SanctionsAlias;
  readonly coreTokens: number;
  readonly coreKeys: readonly string[];
}

interface IndexedKey {
  readonly token: PreparedToken;
  readonly names: number[];
}

function deletions(text: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < text.length; i++) out.add(text.slice(0, i) + text.slice(i + 1));
  return [...out];
}

function coreTokens(name: PreparedName): PreparedToken[] {
  return name.tokens.filter((token) => !token.initial && token.role !== 'patronymic');
}

function blockKeys(token: PreparedToken): string[] {
  const blocks = [`k:${token.key}`];
  for (const nominative of token.nominativeKeys) blocks.push(`k:${nominative.key}`);
  if (token.skeleton.length >= 2) blocks.push(`s:${token.skeleton}`);
  if (token.skeleton.length >= 3) {
    blocks.push(`d:${token.skeleton}`);
    for (const variant of deletions(token.skeleton)) blocks.push(`d:${variant}`);
  }
  // Forms of one given name in Russian, Ukrainian and Belarusian (Vladimir, Volodymyr, Uladzimir).
  const canonical = canonicalGivenNameKey(token.key);
  if (canonical !== token.key) blocks.push(`k:${canonical}`);
  // One-deletion neighbourhood of the key: two keys within one edit share an entry (typos).
  if (token.key.length >= 5) for (const variant of deletions(token.key)) blocks.push(`e:${variant}`);
  if (token.key.length >= 4) blocks.push(`e:${token.key}`);
  return blocks;
}

function queryBlockKeys(token: PreparedToken, lossy: boolean): string[] {
  const blocks = [`k:${token.key}`];
  for (const nominative of token.nominativeKeys) blocks.push(`k:${nominative.key}`);
  const canonical = canonicalGivenNameKey(token.key);
  if (canonical !== token.key) blocks.push(`k:${canonical}`);
  // Lithuanian and Latvian nominative endings on foreign names (Putinas, Putins).
  const baltic = /^(.{4,}?)(as|is|us|s)$/.exec(token.key);
  if (baltic) blocks.push(`k:${baltic[1]}`);
  if (token.key.length >= 4) blocks.push(`e:${token.key}`);
  if (token.key.length >= 5) for (const variant of deletions(token.key)) blocks.push(`e:${variant}`);
  // Consonant skeletons only lift comparisons with scripts whose romanization is lossy; there, a
  // lost or added consonant is common, so one-deletion variants of the skeleton are looked up too.
  if (lossy && token.skeleton.length >= 2) blocks.push(`s:${token.skeleton}`);
  if (lossy && token.skeleton.length >= 3) {
    blocks.push(`d:${token.skeleton}`);
    for (const variant of deletions(token.skeleton)) blocks.push(`d:${variant}`);
  }
  return blocks;
}

export class SanctionsMatcher {
  readonly #entries: readonly SanctionsEntry[];
  readonly #names: IndexedName[] = [];
  readonly #keys = new Map<string, IndexedKey>();
  // Block → keys, in the order first indexed. Arrays, not Sets: a Set per block held most of the
  // index's memory, and a key is only ever added right after itself (one token's blocks at a time).
  readonly #blocks = new Map<string, string[]>();

  #byId: Map<string, SanctionsEntry> | undefined;

  constructor(entries: readonly SanctionsEntry[]) {
    this.#entries = entries;
    entries.forEach((entry, entryIndex) => {
      const organization = entry.kind !== 'person';
      const variants: Array<{ name: string; alias?: SanctionsAlias }> = [
        { name: entry.name },
        ...entry.aliases.map((alias) => ({ name: alias.name, alias })),
      ];
      const seen = new Set<string>();
      for (const variant of variants) {
        if (seen.has(variant.name)) continue;
        seen.add(variant.name);
        const prepared = prepareName(variant.name, { organization });
        const core = coreTokens(prepared);
        if (core.length === 0) continue;
        const nameIndex = this.#names.length;
        this.#names.push({
          entry: entryIndex,
          prepared,
          coreTokens: new Set(core.map((token) => token.key)).size,
          coreKeys: core.map((token) => token.key),
          ...(variant.alias && { alias: variant.alias }),
        });
        for (const token of core) this.#addToken(token, nameIndex);
      }
    });
  }

  /** The entry with this id in this list (for following relations), or undefined. */
  entry(list: string, id: string): SanctionsEntry | undefined {
    this.#byId ??= new Map(this.#entries.map((entry) => [`${entry.list}\u0000${entry.id}`, entry]));
    return this.#byId.get(`${list}\u0000${id}`);
  }

  #addToken(token: PreparedToken, nameIndex: number): void {
    let indexed = this.#keys.get(token.key);
    if (indexed === undefined) {
      indexed = { token, names: [] };
      this.#keys.set(token.key, indexed);
      for (const block of blockKeys(token)) {
        const keys = this.#blocks.get(block);
        if (keys === undefined) this.#blocks.set(block, [token.key]);
        // A token may name one block twice (two deletions giving one variant): keep the key once.
        else if (keys[keys.length - 1] !== token.key) keys.push(token.key);
      }
    }
    if (indexed.names[indexed.names.length - 1] !== nameIndex) indexed.names.push(nameIndex);
  }

  /** Number of entries and of indexed names (primary names plus aliases). */
  get size(): { entries: number; names: number; keys: number } {
    return { entries: this.#entries.length, names: this.#names.length, keys: this.#keys.size };
  }

  /** Candidates for a name, best first; `match` says whether each clears the threshold. */
  matchName(query: string, options: MatchOptions = {}): MatchCandidate[] {
    const threshold = options.threshold ?? MATCH_THRESHOLD;
    const limit = options.limit ?? 10;
    const queries = [
      prepareName(query, { organization: options.type !== undefined && options.type !== 'person' }),
    ];
    const best = new Map<
      number,
      { score: number; name: IndexedName; how: string; explanation: string; partial: boolean }
    >();
    for (const prepared of queries) {
      const queryCore = coreTokens(prepared);
      if (queryCore.length === 0) continue;
      // For each query token, the index keys similar enough to it, and how many names hold them.
      const matches = queryCore.map((queryToken) => {
        const candidates = new Set<string>();
        for (const block of queryBlockKeys(queryToken, prepared.lossy)) {
          for (const key of this.#blocks.get(block) ?? []) candidates.add(key);
        }
        const keys = new Set<string>();
        let postings = 0;
        for (const key of candidates) {
          const indexed = this.#keys.get(key) as IndexedKey;
          if (comparePreparedTokens(queryToken, indexed.token, prepared.lossy).score < TOKEN_MIN) continue;
          keys.add(key);
          postings += indexed.names.length;
        }
        return { keys, postings };
      });
      // Names are gathered through the query's rarer tokens (Malofeev, not Mohammed or Vladimir);
      // frequent tokens only confirm names found that way.
      const rare = matches.map((match) => match.postings <= FREQUENT_TOKEN_POSTINGS);
      const generators = rare.some(Boolean) ? rare : rare.map(() => true);
      const hits = new Map<number, number>();
      matches.forEach((match, position) => {
        if (!generators[position]) return;
        const bit = 1 << Math.min(position, 30);
        for (const key of match.keys) {
          for (const nameIndex of (this.#keys.get(key) as IndexedKey).names) {
            hits.set(nameIndex, (hits.get(nameIndex) ?? 0) | bit);
          }
        }
      });
      matches.forEach((match, position) => {
        if (generators[position]) return;
        const bit = 1 << Math.min(position, 30);
        for (const [nameIndex, bits] of hits) {
          const name = this.#names[nameIndex] as IndexedName;
          if (name.coreKeys.some((key) => match.keys.has(key))) hits.set(nameIndex, bits | bit);
        }
      });
      const only = queryCore.length === 1 ? queryCore[0] : undefined;
      const bareCommonSurname =
        only !== undefined &&
        (isCommonSurnameKey(only.key) ||
          only.nominativeKeys.some((candidate) => isCommonSurnameKey(candidate.key)));
      for (const [nameIndex, bits] of hits) {
        const name = this.#names[nameIndex] as IndexedName;
        const entry = this.#entries[name.entry] as SanctionsEntry;
        if (options.type !== undefined && entry.kind !== options.type) continue;
        const matchedTokens = popcount(bits);
        if (matchedTokens < Math.min(2, queryCore.length, name.coreTokens)) continue;
        const comparison = comparePreparedNames(prepared, name.prepared);
        let score = name.alias?.weak ? comparison.score * WEAK_ALIAS_FACTOR : comparison.score;
        let explanation = comparison.explanation;
        if (bareCommonSurname && name.coreTokens > 1) {
          score *= COMMON_SURNAME_FACTOR;
          explanation += `; ${queryCore[0]?.text ?? ''} alone is a common surname`;
        }
        const previous = best.get(name.entry);
        if (previous !== undefined && previous.score >= score) continue;
        const partial = queryCore.length < name.coreTokens;
        best.set(name.entry, { score, name, how: comparison.how, explanation, partial });
      }
    }
    return [...best.entries()]
      .filter(([, found]) => found.score >= MIN_CANDIDATE_SCORE)
      .sort((a, b) => b[1].score - a[1].score || a[0] - b[0])
      .slice(0, limit)
      .map(([entryIndex, found]) => {
        const entry = this.#entries[entryIndex] as SanctionsEntry;
        const variant = found.name.alias
          ? `alias "${found.name.alias.name}"${found.name.alias.weak ? ' (weak)' : ''}`
          : `primary name "${entry.name}"`;
        return {
          id: entry.id,
          list: entry.list,
          name: entry.name,
          kind: entry.kind,
          score: Math.round(found.score * 1000) / 1000,
          match: found.score >= threshold,
          partial: found.partial,
          matchedName: found.name.prepared.raw,
          how: found.how,
          explanation: `${variant} by ${found.how}: ${found.explanation}`,
          programs: entry.programs,
        };
      });
  }
}

function popcount(bits: number): number {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count++;
  return count;
}

/** Build a matcher over entries of one or several lists. */
export function createSanctionsMatcher(entries: readonly SanctionsEntry[]): SanctionsMatcher {
  return new SanctionsMatcher(entries);
}
