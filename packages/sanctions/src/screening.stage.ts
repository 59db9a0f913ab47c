// Screening: the entities resolved in a document are compared with the imported sanctions lists, and
// each mention of a listed person or organization gets an annotation of kind `sanction` on the same
// span. An entity is compared once per run per set of names it is written with (cache keyed by entity
// id and names): a name that recurs in thousands of documents costs one lookup, and the outcome for a
// mention does not depend on which document happened to be screened first (threads see other orders).
import {
  annotationsOfKind,
  prepareName,
  sha256Hex,
  type Annotation,
  type EntityAnnotation,
  type Enricher,
  type SanctionAnnotation,
  type SanctionsEntry,
} from '@echotrace/core';
import { MATCH_THRESHOLD, type MatchCandidate, type SanctionsMatcher } from './sanctions.matcher.ts';
import {
  coreWordCount,
  isListedSurname,
  ScreeningVerifier,
  strictlyEqual,
  type VerifiedCandidate,
} from './screening.rules.ts';

export const SCREENING_PRODUCER = 'sanctions-screening';
export const SCREENING_PRODUCER_VERSION = '3';

/** Attributes of a `sanction` annotation (the schema is core's `annotationAttributeSchemas.sanction`). */
export type SanctionAnnotationAttributes = SanctionAnnotation['attributes'];

type MatchType = 'person' | 'organization';

// Places are never screened: a city sharing a name with a listed company is not a finding.
const MATCH_TYPE: Record<string, MatchType> = {
  PERSON: 'person',
  ORGANIZATION: 'organization',
  MEDIA: 'organization',
};

const LABEL: Record<MatchType, string> = {
  person: 'SANCTIONED_PERSON',
  organization: 'SANCTIONED_ORGANIZATION',
};

export interface EntityScreening {
  readonly entityId: string;
  readonly candidate: MatchCandidate;
}

/** A (resolved entity, list entry) pair an analyst dismissed: it is not flagged again. */
export interface DismissedPair {
  readonly entityId: string;
  readonly list: string;
  readonly listEntryId: string;
}

export interface EntityScreenerOptions {
  readonly threshold?: number;
  readonly dismissed?: Iterable<DismissedPair>;
}

/** One mention found to name a listed party, with what supports it. */
export interface MentionScreening {
  /** Best first; more than one when the document cannot tell listed namesakes apart. */
  readonly verified: readonly VerifiedCandidate[];
  /** The name the verified candidates were found for. */
  readonly query: string;
  /** Set when a surname alone was completed from elsewhere: what completed it. */
  readonly support?: string;
}

/** What the document offers to screen one mention with. */
export interface ScreeningContext {
  /** The document's text (for a given name written just before a surname). */
  readonly text?: string;
  /** Every entity annotation of the document. */
  readonly mentions: readonly EntityAnnotation[];
}

const pairKey = (entityId: string, list: string, id: string): string => `${entityId}\u0000${list}\u0000${id}`;

// A given name right before the mention, across markdown emphasis and quotes ("Андрей **Белоусов"):
// the recognizer sometimes splits a name there.
const PRECEDING_WORD = /(\p{Lu}\p{Ll}+)[\s*_«"„“(]{1,4}$/u;

/** Screens mentions by name under the rules of screening.rules.ts; dismissed pairs are skipped. */
export class EntityScreener {
  readonly #verifier: ScreeningVerifier;
  readonly #dismissed = new Set<string>();
  readonly #entities = new Set<string>();

  constructor(matcher: SanctionsMatcher, options: EntityScreenerOptions | number = {}) {
    const settings = typeof options === 'number' ? { threshold: options } : options;
    this.#verifier = new ScreeningVerifier(matcher, settings.threshold ?? MATCH_THRESHOLD);
    for (const pair of settings.dismissed ?? [])
      this.#dismissed.add(pairKey(pair.entityId, pair.list, pair.listEntryId));
  }

  /** Entities screened so far. */
  get screened(): number {
    return this.#entities.size;
  }

  #allowed(entityId: string, verified: readonly VerifiedCandidate[]): VerifiedCandidate[] {
    const seen = new Set<string>();
    return verified.filter((v) => {
      const key = pairKey(entityId, v.entry.list, v.entry.id);
      if (this.#dismissed.has(key) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /**
   * The listed entries one mention names, or null. A full name (the resolved entity's, or as
   * written) is verified on its own; a surname alone only with a fuller name of the same person in
   * the document: the entity's other mentions, a person mention containing that surname, or a
   * given name written just before it.
   */
  screenMention(mention: EntityAnnotation, context: ScreeningContext): MentionScreening | null {
    const type = MATCH_TYPE[mention.label];
    if (!type) return null;
    const { entityId } = mention.attributes;
    this.#entities.add(entityId);
    if (isCallSign(mention, context.text)) return null;
    const name = mention.attributes.name.trim();
    const surface = mention.attributes.surface.trim();
    const words = (text: string): number => (text ? coreWordCount(text, type) : 0);
    const person = type === 'person';
    // A person's full name must agree with what is written: an entity linked by a loose spelling
    // (Сахарову linked to Мария Захарова) is not screened under the linked name.
    const writtenFits = (v: VerifiedCandidate): boolean =>
      !person || !surface || isListedSurname(surface, v.variant) || !hasSurname(v.variant);
    const full = (query: string): VerifiedCandidate[] =>
      this.#verifier.verify(query, type).filter((v) => v.scope !== 'surname' && writtenFits(v));
    // A media outlet is one of the entries that are media: PAO ZVEZDA, a diesel maker, is not the
    // channel «Звезда».
    const media = mention.label === 'MEDIA';
    const fitsType = (v: VerifiedCandidate): boolean => !media || isMediaEntry(v.entry);
    for (const query of [name, surface]) {
      if (!query || (person && words(query) < 2)) continue;
      const verified = this.#allowed(entityId, full(query).filter(fitsType));
      if (verified.length > 0) return { verified, query };
      if (!person) break;
    }
    if (!person) {
      if (surface && surface !== name) {
        const verified = this.#allowed(entityId, full(surface).filter(fitsType));
        if (verified.length > 0) return { verified, query: surface };
      }
      return null;
    }
    const single = words(surface) === 1 ? surface : words(name) === 1 ? name : '';
    if (!single) return null;
    for (const support of supportNames(mention, single, context)) {
      const verified = this.#allowed(
        entityId,
        this.#verifier
          .verify(support.name, type)
          .filter((v) => v.scope === 'full' && isListedSurname(single, v.variant)),
      );
      if (verified.length > 0) return { verified, query: support.name, support: support.why };
    }
    return null;
  }
}

// What says an entry is a media outlet: a word for one in a name (CHANNEL ONE, TSARGRAD-MEDIA, TV-NOVOSTI,
// INFORMATION AGENCY ROSSIYA SEGODNYA), or an OFAC "Organization Type" of broadcasting or publishing.
const MEDIA_NAME =
  /\b(?:TV|TELEVISION|TELEVIDENIE|TELEKANAL|TELERADIO\w*|TELEKOMPANIYA|RADIO|MEDIA|NEWS|NOVOSTI|CHANNEL|KANAL|PRESS|PUBLISHING|IZDATEL\w*|BROADCAST\w*|GAZETA|NEWSPAPER|MAGAZINE|ZHURNAL|AGENCY|AGENTSTVO|INFORM\w*)\b/i;
const MEDIA_ACTIVITY =
  /Organization Type:[^;]*\b(?:television|radio|broadcasting|publishing|news agency|motion picture)/i;

export function isMediaEntry(entry: SanctionsEntry): boolean {
  if (entry.kind === 'person') return false;
  if (MEDIA_NAME.test(entry.name) || entry.aliases.some((alias) => MEDIA_NAME.test(alias.name))) return true;
  return entry.remarks !== undefined && MEDIA_ACTIVITY.test(entry.remarks);
}

// War reporting names soldiers by call sign ("механик с позывным «Слав»", "боец с позывным Рубин"): the
// word after it is a nickname, whatever the recognizer typed it, and never a listed company or person.
const CALL_SIGN_BEFORE = /(?:позывн\p{L}*|прозвищ\p{L}*|call[ -]?sign|nicknamed)[\s«"„“']*$/iu;

function isCallSign(mention: EntityAnnotation, text: string | undefined): boolean {
  return (
    text !== undefined && CALL_SIGN_BEFORE.test(text.slice(Math.max(0, mention.start - 24), mention.start))
  );
}

function hasSurname(variant: string): boolean {
  return /,/.test(variant);
}

/** Fuller names of the person a one-word mention may be, from the document; nearest first. */
function supportNames(
  mention: EntityAnnotation,
  single: string,
  context: ScreeningContext,
): Array<{ name: string; why: string }> {
  const out: Array<{ name: string; why: string }> = [];
  const seen = new Set<string>();
  const add = (name: string, why: string): void => {
    const trimmed = name.trim();
    if (!trimmed || seen.has(trimmed) || coreWordCount(trimmed, 'person') < 2) return;
    seen.add(trimmed);
    out.push({ name: trimmed, why });
  };
  if (context.text !== undefined) {
    const before = PRECEDING_WORD.exec(context.text.slice(Math.max(0, mention.start - 40), mention.start));
    if (before) add(`${before[1]} ${single}`, `the given name written before it ("${before[1]}")`);
  }
  for (const other of context.mentions) {
    if (other === mention || other.kind !== 'entity') continue;
    const same = other.attributes.entityId === mention.attributes.entityId;
    if (!same && other.label !== 'PERSON') continue;
    for (const text of [other.attributes.name, other.attributes.surface]) {
      if (!same && !sharesSurname(text, single)) continue;
      add(text, `"${text}" in the same document [${other.start}, ${other.end})`);
    }
  }
  return out;
}

function sharesSurname(name: string, single: string): boolean {
  const token = prepareName(single).tokens[0];
  if (!token) return false;
  return prepareName(name).tokens.some((t) => strictlyEqual(t, token) !== null);
}

const round = (score: number): number => Math.round(score * 1000) / 1000;

/**
 * `sanction` annotations for a document's entity annotations (kind `entity`, attributes
 * {entityId, name, surface}). `text` is the document's text, when at hand. Pure apart from caches.
 */
export function screenEntityAnnotations(
  documentId: string,
  entityAnnotations: readonly Annotation[] | readonly EntityAnnotation[],
  screener: EntityScreener,
  text?: string,
): Annotation[] {
  const out: Annotation[] = [];
  const mentions = annotationsOfKind(entityAnnotations as readonly Annotation[], 'entity');
  const context: ScreeningContext = { mentions, ...(text !== undefined && { text }) };
  for (const annotation of mentions) {
    const type = MATCH_TYPE[annotation.label];
    if (!type) continue;
    const screening = screener.screenMention(annotation, context);
    if (!screening) continue;
    const [best, ...others] = screening.verified as [VerifiedCandidate, ...VerifiedCandidate[]];
    const candidate = best.candidate;
    const entityId = annotation.attributes.entityId;
    const notes = [`checked: ${best.evidence}`];
    if (screening.support) notes.push(`surname completed by ${screening.support}`);
    if (others.length > 0)
      notes.push(
        `ambiguous: the document does not tell apart ${screening.verified
          .map((v) => `${v.entry.name} (${v.entry.list}:${v.entry.id})`)
          .join(', ')}`,
      );
    const attributes: SanctionAnnotationAttributes = {
      entityId,
      listEntryId: candidate.id,
      list: candidate.list,
      listedName: candidate.name,
      matchedName: best.variant,
      score: candidate.score,
      partial: coreWordCount(annotation.attributes.surface, type) < coreWordCount(best.variant, type),
      explanation: `${screening.query} ~ ${candidate.name} (${candidate.list}:${candidate.id}): ${candidate.explanation}; ${notes.join('; ')}`,
      programs: [...candidate.programs],
      ...(screening.support !== undefined && { support: screening.support }),
      ...(others.length > 0 && {
        ambiguous: true,
        candidates: screening.verified.map((v) => ({
          listEntryId: v.entry.id,
          list: v.entry.list,
          listedName: v.entry.name,
          score: round(v.candidate.score),
        })),
      }),
    };
    out.push({
      id: sha256Hex(`${documentId}\u0000sanction\u0000${annotation.start}\u0000${annotation.end}`).slice(
        0,
        32,
      ),
      documentId,
      kind: 'sanction',
      label: LABEL[type],
      start: annotation.start,
      end: annotation.end,
      confidence: candidate.score,
      producer: SCREENING_PRODUCER,
      producerVersion: SCREENING_PRODUCER_VERSION,
      attributes: { ...attributes },
    });
  }
  return out;
}

export interface ScreeningEnricherOptions {
  screener: EntityScreener;
}

/**
 * Screening as an enricher: reads the document's `entity` annotations (given by the runner: the
 * entity enricher's fresh output, or the stored ones when only screening re-runs).
 */
export function createScreeningEnricher(options: ScreeningEnricherOptions): Enricher {
  return {
    producer: SCREENING_PRODUCER,
    version: SCREENING_PRODUCER_VERSION,
    produces: ['sanction'],
    reads: ['entity'],
    annotate(document, inputs) {
      return screenEntityAnnotations(document.id, inputs.of('entity'), options.screener, document.text);
    },
  };
}
