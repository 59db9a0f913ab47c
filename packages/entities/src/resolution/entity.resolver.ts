// Links each mention of a document to a canonical entity: a KB entry, or a deterministic
// candidate. Matching goes from strict to loose and stops at the first level that matches:
//   exact alias → transliteration (neutral key) → inflection (Russian nominative candidates)
//   → fuzzy (a typo's worth of edits on the neutral key).
// Before the KB, a bare surname or given name is tied to an earlier full name in the same document,
// because within one text "Kim" means the Kim already named there, whatever else the KB knows.
import type { EntityType, LinkReason } from '@echotrace/core';
import { candidateId } from '../kb/entity.ids.ts';
import { displayName, type KnowledgeBase } from '../kb/knowledge.base.ts';
import { buildAliasIndex, type AliasEntry, type AliasIndex } from './alias.index.ts';
import type { ResolvableMention as Mention, ResolvedMention } from './mention.ts';
import { governmentSense } from './metonymy.ts';
import { russianNominative } from './russian.lemmas.ts';
import { isPatronymic } from '../recognition/russian.morphology.ts';
import {
  cleanSurface,
  editDistance,
  foldName,
  isCyrillic,
  nameKey,
  nameTokens,
  nominativeCandidates,
  nominativeNameCandidates,
  tokenKey,
  typoBudget,
} from './name.keys.ts';

export interface ResolveOptions {
  /** The document text, for context cues (metonymy). */
  text?: string;
  /** Language of the document: names are displayed in it when the KB has them. */
  language?: string;
  /** A prebuilt index of `kb`, to share across documents. */
  index?: AliasIndex;
}

const CONFIDENCE: Record<Exclude<LinkReason, 'fuzzy' | 'new-candidate'>, number> = {
  'exact-alias': 0.98,
  transliteration: 0.93,
  inflection: 0.9,
  'in-document-coreference': 0.85,
};
const METONYM_FACTOR = 0.8;
const AMBIGUOUS_FACTOR = 0.6;
const CANDIDATE_CONFIDENCE = 0.5;

interface Match {
  entityId: string;
  reason: LinkReason;
  confidence: number;
  explanation: string;
}

/** A PERSON named in full earlier in the document, by the keys of its name parts. */
interface FullName {
  tokenKeys: Set<string>;
  /** First letters of its parts, for "А. Кудрин". */
  initials: Set<string>;
  entityId: string;
  name: string;
  candidate: boolean;
}

export function resolveMentions(
  mentions: readonly Mention[],
  kb: KnowledgeBase,
  options: ResolveOptions = {},
): ResolvedMention[] {
  const index = options.index ?? buildAliasIndex(kb);
  const fullNames: FullName[] = [];
  const organizations: FullName[] = [];
  const docCandidates = new Map<string, { id: string; name: string }>();
  const ordered = [...mentions].sort((a, b) => a.start - b.start || b.end - a.end);

  const resolved = ordered.map((mention): ResolvedMention => {
    const surface = cleanSurface(mention.text);
    const folded = foldName(surface);
    const tokens = nameTokens(folded);
    const personCoref = mention.type === 'PERSON' ? shortFormOfFullName(tokens, fullNames) : null;
    // "Сергей Кужугетович Шойгу" is the KB's "Сергей Шойгу": a patronymic is not part of the key.
    const short = mention.type === 'PERSON' ? withoutPatronymic(surface) : null;
    const fromKb =
      matchKb(mention, surface, index, options.text, typeFit) ??
      (short ? matchKb(mention, short, index, options.text, typeFit) : null) ??
      // Recognizers confuse types ("Pyongyang said" tagged PERSON): a name the KB knows under
      // another type still links, less surely, once nothing of the recognized type matched.
      (personCoref ? null : matchKb(mention, surface, index, options.text, anyTypeFit));
    // "Treasury" after "US Treasury": an organization's head word alone, when the KB has no such name.
    const coref =
      personCoref ??
      (!fromKb && isOrganization(mention.type) && tokens.length === 1
        ? findFullName(tokens[0]!, organizations, [])
        : null);

    let match: Match | null = fromKb;
    if (coref && (!fromKb || fromKb.entityId !== coref.entityId)) {
      match = {
        entityId: coref.entityId,
        reason: 'in-document-coreference',
        confidence: CONFIDENCE['in-document-coreference'] * (coref.candidate ? 0.9 : 1),
        explanation: `"${surface}" refers back to "${coref.name}" named earlier in the document`,
      };
    }

    let resolved: ResolvedMention;
    const entity = match ? kb.get(match.entityId) : null;
    if (match && entity) {
      const retyped = match.reason !== 'in-document-coreference' && typeFit(mention.type, entity.type) === 0;
      resolved = {
        ...mention,
        type: retyped ? entity.type : mention.type,
        entityId: entity.id,
        name: displayName(entity, options.language),
        reason: match.reason,
        linkConfidence: round(match.confidence),
        candidate: false,
        explanation: match.explanation + (retyped ? ` (recognized as ${mention.type})` : ''),
      };
    } else if (match && coref) {
      resolved = {
        ...mention,
        entityId: coref.entityId,
        name: coref.name,
        reason: match.reason,
        linkConfidence: round(match.confidence),
        candidate: true,
        explanation: match.explanation,
      };
    } else {
      resolved = newCandidate(mention, surface, kb, docCandidates);
    }

    if (resolved.type === 'PERSON' && tokens.length > 1 && !coref) {
      fullNames.push({
        tokenKeys: personTokenKeys(tokens, resolved, kb),
        initials: new Set(tokens.map((t) => t[0]!)),
        entityId: resolved.entityId,
        name: resolved.name,
        candidate: resolved.candidate,
      });
    }
    if (isOrganization(resolved.type) && tokens.length > 1) {
      // The head noun comes first in Russian (Министерство обороны России), last in English.
      const head = nominativeCandidates((isCyrillic(folded) ? tokens[0] : tokens.at(-1))!).map(tokenKey);
      organizations.push({
        tokenKeys: new Set(head),
        initials: new Set(),
        entityId: resolved.entityId,
        name: resolved.name,
        candidate: resolved.candidate,
      });
    }
    return resolved;
  });
  return nameCandidatesByNominative(resolved, kb);
}

function matchKb(
  mention: Mention,
  surface: string,
  index: AliasIndex,
  text: string | undefined,
  fit: TypeFit,
): Match | null {
  const folded = foldName(surface);
  if (!folded) return null;
  const key = nameKey(surface);
  const levels: Array<() => Array<{ entry: AliasEntry; reason: LinkReason; via: string }>> = [
    () =>
      (index.byFolded.get(folded) ?? []).map((entry) => ({
        entry,
        reason: 'exact-alias' as const,
        via: surface,
      })),
    () =>
      (index.byKey.get(key) ?? []).map((entry) => ({
        entry,
        reason: 'transliteration' as const,
        via: surface,
      })),
    () =>
      [
        ...new Set([
          ...nominativeNameCandidates(folded).slice(1),
          foldName(candidateName(surface, mention.type)),
        ]),
      ]
        .filter((candidate) => candidate !== folded)
        .flatMap((candidate) =>
          [...(index.byFolded.get(candidate) ?? []), ...(index.byKey.get(nameKey(candidate)) ?? [])].map(
            (entry) => ({ entry, reason: 'inflection' as const, via: candidate }),
          ),
        ),
  ];
  for (const level of levels) {
    const hits = level().filter(
      ({ entry, via }) => fit(mention.type, entry.entityType) > 0 && !isBlocked(entry, via, index.kb),
    );
    if (hits.length === 0) continue;
    const chosen = choose(
      hits.map((h) => h.entry),
      mention,
      text,
    );
    if (!chosen) continue;
    const hit = hits.find((h) => h.entry === chosen.entry)!;
    const base =
      CONFIDENCE[hit.reason as keyof typeof CONFIDENCE] * fit(mention.type, chosen.entry.entityType);
    return {
      entityId: chosen.entry.entityId,
      reason: hit.reason,
      confidence: base * chosen.factor,
      explanation: explain(hit.reason, surface, hit.via, chosen.entry) + chosen.note,
    };
  }
  return fit === typeFit ? fuzzyMatch(mention, folded, index) : null;
}

/** Among entries matching at one level, the one meant; metonyms only in their government sense. */
function choose(
  entries: AliasEntry[],
  mention: Mention,
  text: string | undefined,
): { entry: AliasEntry; factor: number; note: string } | null {
  let pool = entries;
  let factor = 1;
  let note = '';
  if (entries.some((e) => e.kind === 'metonym')) {
    const sense = governmentSense(mention, text);
    const wanted = entries.filter((e) => (e.kind === 'metonym') === sense.government);
    if (wanted.length === 0) return null;
    pool = wanted;
    if (sense.government) {
      factor = METONYM_FACTOR;
      note = ` (place name standing for its government: ${sense.cue})`;
    }
  }
  const ranked = [...pool].sort((a, b) => rank(a, mention.type) - rank(b, mention.type));
  const best = ranked[0]!;
  const rivals = new Set(
    ranked.filter((e) => rank(e, mention.type) === rank(best, mention.type)).map((e) => e.entityId),
  );
  if (rivals.size > 1) {
    factor *= AMBIGUOUS_FACTOR;
    note += ` (ambiguous: also ${[...rivals].filter((id) => id !== best.entityId).join(', ')})`;
  }
  return { entry: best, factor, note };
}

function rank(entry: AliasEntry, mentionType: EntityType): number {
  const typeRank = entry.entityType === mentionType ? 0 : 3;
  return typeRank + (entry.kind === 'name' ? 0 : 1);
}

interface FuzzyHit {
  entry: AliasEntry;
  distance: number;
  key: string;
}

// The fuzzy pass compares a name with every KB entry, and is a pure function of the index, the
// mention's type and its folded form: computed once per (type, name) and remembered per index, since
// the same unmatched names (new candidates) recur across documents. Bounded like name.keys' caches.
const FUZZY_CACHE_LIMIT = 50_000;
const fuzzyCaches = new WeakMap<AliasIndex, Map<string, FuzzyHit | null>>();

function fuzzyMatch(mention: Mention, folded: string, index: AliasIndex): Match | null {
  let cache = fuzzyCaches.get(index);
  if (!cache) fuzzyCaches.set(index, (cache = new Map<string, FuzzyHit | null>()));
  const cacheKey = `${mention.type}\u0000${folded}`;
  let best = cache.get(cacheKey);
  if (best === undefined) {
    best = bestFuzzyHit(mention.type, folded, index);
    if (cache.size >= FUZZY_CACHE_LIMIT) cache.clear();
    cache.set(cacheKey, best);
  }
  if (!best) return null;
  const length = Math.max(best.key.length, best.entry.key.length);
  return {
    entityId: best.entry.entityId,
    reason: 'fuzzy',
    confidence: 0.85 * (1 - best.distance / length) * typeFit(mention.type, best.entry.entityType),
    explanation: `"${cleanSurface(mention.text)}" is ${best.distance} edit${best.distance > 1 ? 's' : ''} from "${best.entry.form}" (keys ${best.key} ~ ${best.entry.key})`,
  };
}

/** A fuzzy entry's key cut into words once, with each word's typo budget. */
interface FuzzyKey {
  words: string[];
  budgets: number[];
}

const fuzzyKeysOf = new WeakMap<AliasIndex, FuzzyKey[]>();

function splitKey(key: string): FuzzyKey {
  const words = key.split(' ');
  return { words, budgets: words.map(typoBudget) };
}

function bestFuzzyHit(type: EntityType, folded: string, index: AliasIndex): FuzzyHit | null {
  const keys = [...new Set(nominativeNameCandidates(folded).map(nameKey).filter(Boolean))].map((key) => ({
    key,
    ...splitKey(key),
  }));
  const wordCounts = new Set(keys.map((k) => k.words.length));
  let entryKeys = fuzzyKeysOf.get(index);
  if (!entryKeys) fuzzyKeysOf.set(index, (entryKeys = index.fuzzy.map((entry) => splitKey(entry.key))));
  let best: FuzzyHit | null = null;
  let tied = false;
  // Same order of comparisons as over every (entry, key) pair; pairs whose word counts differ are
  // skipped up front, as typoDistance would refuse them.
  for (let e = 0; e < index.fuzzy.length; e++) {
    const entry = index.fuzzy[e]!;
    const entryKey = entryKeys[e]!;
    if (!wordCounts.has(entryKey.words.length)) continue;
    if (typeFit(type, entry.entityType) === 0) continue;
    for (const key of keys) {
      if (key.words.length !== entryKey.words.length) continue;
      const distance = typoDistance(key, entryKey, key.key === entry.key);
      if (distance === null || isBlocked(entry, key.key, index.kb)) continue;
      if (!best || distance < best.distance) {
        best = { entry, distance, key: key.key };
        tied = false;
      } else if (distance === best.distance && entry.entityId !== best.entry.entityId) {
        tied = true;
      }
    }
  }
  return !best || tied ? null : best;
}

function isOrganization(type: EntityType): boolean {
  return type === 'ORGANIZATION' || type === 'MEDIA';
}

type TypeFit = (mentionType: EntityType, entityType: EntityType) => number;

const RETYPE_FACTOR = 0.7;

function anyTypeFit(mentionType: EntityType, entityType: EntityType): number {
  return typeFit(mentionType, entityType) || RETYPE_FACTOR;
}

/**
 * Edits between two keys when they differ by typos only, else null. Word by word, so that a typo
 * budget earned by a long name is not spent on a short word (МВД России is not МИД России); in a
 * short word a different first letter is a different name (Тютин is not Путин).
 */
function typoDistance(a: FuzzyKey, b: FuzzyKey, same: boolean): number | null {
  if (a.words.length !== b.words.length || same) return null;
  let total = 0;
  for (let i = 0; i < a.words.length; i++) {
    const x = a.words[i]!;
    const y = b.words[i]!;
    if (x === y) continue;
    const budget = Math.min(a.budgets[i]!, b.budgets[i]!);
    if (budget === 0 || Math.abs(x.length - y.length) > budget) return null;
    if (budget === 1 && x[0] !== y[0]) return null;
    const distance = editDistance(x, y);
    if (distance > budget) return null;
    total += distance;
  }
  return total;
}

/** 1 for the same type, less for plausible confusions, 0 when a link is impossible. */
function typeFit(mentionType: EntityType, entityType: EntityType): number {
  if (mentionType === entityType) return 1;
  if (mentionType === 'PERSON' || entityType === 'PERSON') return 0;
  const pair = `${mentionType}>${entityType}`;
  if (pair === 'ORGANIZATION>MEDIA' || pair === 'MEDIA>ORGANIZATION') return 0.97;
  // States act like organizations ("Russia said"), and organizations get tagged as places.
  if (pair === 'ORGANIZATION>LOCATION') return 0.92;
  if (pair === 'LOCATION>ORGANIZATION') return 0.85;
  return 0;
}

function isBlocked(entry: AliasEntry, via: string, kb: KnowledgeBase): boolean {
  const blocked = kb.blocked.get(entry.entityId);
  return blocked !== undefined && (blocked.has(foldName(via)) || blocked.has(nameKey(via)));
}

/**
 * The full name earlier in the document that a short form refers to: a bare surname or given name
 * ("Kim", "Баранца"), or a surname after initials ("А. Кудрин").
 */
function shortFormOfFullName(tokens: string[], fullNames: FullName[]): FullName | null {
  if (tokens.length === 1) return findFullName(tokens[0]!, fullNames, []);
  const initials = tokens.slice(0, -1);
  if (initials.every((t) => t.length === 1)) return findFullName(tokens.at(-1)!, fullNames, initials);
  return null;
}

function findFullName(token: string, fullNames: FullName[], initials: string[]): FullName | null {
  const keys = nominativeCandidates(token).map(tokenKey);
  for (let i = fullNames.length - 1; i >= 0; i--) {
    const full = fullNames[i]!;
    if (initials.some((initial) => !full.initials.has(initial))) continue;
    if (keys.some((k) => full.tokenKeys.has(k))) return full;
  }
  return null;
}

function personTokenKeys(tokens: string[], resolved: ResolvedMention, kb: KnowledgeBase): Set<string> {
  const keys = new Set<string>();
  const add = (folded: string): void => {
    for (const token of nameTokens(folded))
      for (const candidate of nominativeCandidates(token)) keys.add(tokenKey(candidate));
  };
  add(tokens.join(' '));
  const entity = resolved.candidate ? null : kb.get(resolved.entityId);
  if (entity) for (const name of Object.values(entity.names)) add(foldName(name));
  keys.delete('');
  return keys;
}

const PATRONYMIC =
  /^(?:\p{Lu}\p{Ll}+(?:ович|евич|ич|овн|евн|ичн)\p{Ll}{0,2}|\p{Lu}\p{Ll}+(?:ovich|evich|ovna|evna|ichna))$/u;

/** The name without its middle patronymic(s), or null when it has none. */
function withoutPatronymic(surface: string): string | null {
  const words = surface.split(' ');
  if (words.length < 3) return null;
  const kept = words.filter(
    (w, i) => i === 0 || i === words.length - 1 || !(PATRONYMIC.test(w) || isPatronymic(w)),
  );
  return kept.length < words.length ? kept.join(' ') : null;
}

function newCandidate(
  mention: Mention,
  surface: string,
  kb: KnowledgeBase,
  docCandidates: Map<string, { id: string; name: string }>,
): ResolvedMention {
  // Two forms are one name when their sets of possible nominatives meet (Кубы and Куба share куба).
  const variants = [
    ...new Set([
      ...nominativeNameCandidates(foldName(surface)),
      foldName(candidateName(surface, mention.type)),
    ]),
  ].map((v) => `${mention.type}\u0000${nameKey(v)}`);
  const remember = (found: { id: string; name: string }): void => {
    for (const v of variants) if (!docCandidates.has(v)) docCandidates.set(v, found);
  };
  const earlier = variants.map((k) => docCandidates.get(k)).find(Boolean);
  if (earlier) {
    remember(earlier);
    return {
      ...mention,
      entityId: earlier.id,
      name: earlier.name,
      reason: 'in-document-coreference',
      linkConfidence: round(CONFIDENCE['in-document-coreference'] * 0.9),
      candidate: true,
      explanation: `another form of "${earlier.name}", a new candidate named earlier in the document`,
    };
  }
  const name = candidateName(surface, mention.type);
  const id = kb.canonicalId(candidateId(mention.type, name));
  // An analyst may have merged this candidate into a KB entry: follow the redirect.
  const entity = kb.get(id);
  if (entity) {
    return {
      ...mention,
      entityId: entity.id,
      name: displayName(entity),
      reason: 'exact-alias',
      linkConfidence: 0.9,
      candidate: false,
      explanation: `candidate ${candidateId(mention.type, name)} was merged into ${entity.id}`,
    };
  }
  remember({ id, name });
  return {
    ...mention,
    entityId: id,
    name,
    reason: 'new-candidate',
    linkConfidence: CANDIDATE_CONFIDENCE,
    candidate: true,
    explanation: `no knowledge-base entry matches "${surface}": new candidate`,
  };
}

/**
 * Renames each new candidate after the form of its name that every form seen in the document
 * can come from (Кубы, Кубой, Куба → Куба), so that documents that name it in different cases
 * still give it the same id; candidates seen in one form only keep it.
 */
function nameCandidatesByNominative(resolved: ResolvedMention[], kb: KnowledgeBase): ResolvedMention[] {
  const groups = new Map<string, ResolvedMention[]>();
  for (const m of resolved) {
    if (!m.candidate) continue;
    const group = groups.get(m.entityId);
    if (group) group.push(m);
    else groups.set(m.entityId, [m]);
  }
  const renamed = new Map<string, { id: string; name: string }>();
  for (const [id, group] of groups) {
    const forms = [...new Set(group.map((m) => cleanSurface(m.text)))];
    if (forms.length < 2) continue;
    const [first, ...rest] = forms.map((form) => new Set(nominativeNameCandidates(foldName(form))));
    const common = [...first!].filter((c) => rest.every((set) => set.has(c)));
    const best = forms.find((form) => common.includes(foldName(form)));
    if (!best || foldName(best) === foldName(group[0]!.name)) continue;
    const newId = candidateId(group[0]!.type, best);
    if (kb.get(newId)) continue;
    renamed.set(id, { id: kb.canonicalId(newId), name: best });
  }
  if (renamed.size === 0) return resolved;
  return resolved.map((m) => {
    const to = renamed.get(m.entityId);
    return to ? { ...m, entityId: to.id, name: to.name } : m;
  });
}

// Unambiguous case endings only, so a candidate's name and id are the same in most cases it
// appears in; ambiguous forms (-ова: genitive masculine or nominative feminine) stay as written.
const UNAMBIGUOUS_ENDINGS: Array<[RegExp, string]> = [
  [/(ов|ев|ин|ын)(ым|у)$/u, '$1'],
  [/ск(ого|ому|им)$/u, 'ский'],
  // Instrumental of masculine given names: Константином → Константин, Сергеем → Сергей.
  [/([бвгдзклмнпрстфх])ом$/u, '$1'],
  [/еем$/u, 'ей'],
];

/**
 * A new candidate's name, the same whatever case a document writes it in (Германии and Германия
 * are one candidate, Хантера Байдена is Хантер Байден): the dictionary's nominative for Russian
 * names (russian.lemmas.ts), else the unambiguous endings below.
 */
function candidateName(surface: string, type: EntityType): string {
  const key = `${type}\u0000${surface}`;
  let name = candidateNames.get(key);
  if (name === undefined) {
    name = (isCyrillic(surface) ? russianNominative(surface, type) : null) ?? guessNominative(surface);
    if (candidateNames.size >= 50_000) candidateNames.clear();
    candidateNames.set(key, name);
  }
  return name;
}

const candidateNames = new Map<string, string>();

function guessNominative(surface: string): string {
  return surface
    .split(' ')
    .map((word) => {
      for (const [pattern, replacement] of UNAMBIGUOUS_ENDINGS) {
        if (pattern.test(word.toLowerCase()))
          return word.replace(new RegExp(pattern.source, 'iu'), replacement);
      }
      return word;
    })
    .join(' ');
}

function explain(reason: LinkReason, surface: string, via: string, entry: AliasEntry): string {
  switch (reason) {
    case 'exact-alias':
      return `"${surface}" is ${/^[aeiou]/i.test(entry.kind) ? 'an' : 'a'} ${entry.kind} of the entity ("${entry.form}")`;
    case 'transliteration':
      return `"${surface}" and "${entry.form}" are the same name in another script or spelling (key ${entry.key})`;
    case 'inflection':
      return `"${surface}" is an inflected form of "${via}", matching "${entry.form}"`;
    case 'fuzzy':
    case 'in-document-coreference':
    case 'new-candidate':
      return `"${surface}" matches "${entry.form}"`;
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
