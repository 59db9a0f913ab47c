// Screening: the entities resolved in a document are compared with the imported sanctions lists, and
// each mention of a listed person or organization gets an annotation of kind `sanction` on the same
// span. An entity is compared once per run per set of names it is written with (cache keyed by entity
// id and names): a name that recurs in thousands of documents costs one lookup, and the outcome for a
// mention does not depend on which document happened to be screened first (threads see other orders).
import {
  annotationsOfKind,
  sha256Hex,
  type Annotation,
  type EntityAnnotation,
  type Enricher,
  type SanctionAnnotation,
} from '@echotrace/core';
import { MATCH_THRESHOLD, type MatchCandidate, type SanctionsMatcher } from './sanctions.matcher.ts';

export const SCREENING_PRODUCER = 'sanctions-screening';
export const SCREENING_PRODUCER_VERSION = '1';

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

/** Screens entities by name; remembers every entity's outcome (including "no match"). */
export class EntityScreener {
  readonly #matcher: SanctionsMatcher;
  readonly #threshold: number;
  readonly #cache = new Map<string, MatchCandidate | null>();

  constructor(matcher: SanctionsMatcher, threshold = MATCH_THRESHOLD) {
    this.#matcher = matcher;
    this.#threshold = threshold;
  }

  /** Entities compared so far (each once per set of names). */
  get screened(): number {
    return this.#cache.size;
  }

  /**
   * The best listed entry for an entity, or null below the threshold. `names` are tried in order
   * until one has a candidate (matching or not).
   */
  screen(entityId: string, type: MatchType, names: readonly string[]): MatchCandidate | null {
    const key = `${entityId}\u0000${type}\u0000${names.join('\u0000')}`;
    const cached = this.#cache.get(key);
    if (cached !== undefined) return cached;
    let best: MatchCandidate | null = null;
    for (const name of new Set(names.map((n) => n.trim()).filter(Boolean))) {
      const [candidate] = this.#matcher.matchName(name, { type, limit: 1, threshold: this.#threshold });
      if (candidate?.match) best = candidate;
      if (candidate) break;
    }
    this.#cache.set(key, best);
    return best;
  }
}

const wordCount = (text: string): number => text.split(/[\s,]+/).filter(Boolean).length;

/**
 * The entity's display name, then the mention as written (a discovered entity's guessed nominative can
 * be worse than the surface), but never a surface with fewer words than the name: when the entity is
 * "Иван Малышев" and the list has "MALYSHEV, Mikhail", the surname "Малышева" written in a later
 * sentence must not reopen what the full name settled.
 */
function screeningNames(name: string, surface: string): string[] {
  const names: string[] = [];
  if (name.trim()) names.push(name);
  if (
    surface.trim() &&
    surface !== name &&
    (names.length === 0 || wordCount(surface) >= wordCount(names[0]!))
  )
    names.push(surface);
  return names;
}

/**
 * `sanction` annotations for a document's entity annotations (kind `entity`, attributes
 * {entityId, name, surface}). Pure apart from the screener's cache.
 */
export function screenEntityAnnotations(
  documentId: string,
  entityAnnotations: readonly Annotation[] | readonly EntityAnnotation[],
  screener: EntityScreener,
): Annotation[] {
  const out: Annotation[] = [];
  for (const annotation of annotationsOfKind(entityAnnotations as readonly Annotation[], 'entity')) {
    const type = MATCH_TYPE[annotation.label];
    const entityId = annotation.attributes.entityId;
    if (!type) continue;
    const names = screeningNames(annotation.attributes.name, annotation.attributes.surface);
    const candidate = screener.screen(entityId, type, names);
    if (!candidate) continue;
    const attributes: SanctionAnnotationAttributes = {
      entityId,
      listEntryId: candidate.id,
      list: candidate.list,
      listedName: candidate.name,
      matchedName: candidate.matchedName,
      score: candidate.score,
      partial: candidate.partial,
      explanation: `${names[0] ?? entityId} ~ ${candidate.name} (${candidate.list}:${candidate.id}): ${candidate.explanation}`,
      programs: [...candidate.programs],
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
      return screenEntityAnnotations(document.id, inputs.of('entity'), options.screener);
    },
  };
}
