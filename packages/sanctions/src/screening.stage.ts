// Screening: the entities resolved in a document are compared with the imported sanctions lists, and
// each mention of a listed person or organization gets an annotation of kind `sanction` on the same
// span. An entity is compared once per run (cache keyed by entity id): a name that recurs in thousands
// of documents costs one lookup.
import { sha256Hex, type Annotation, type Document, type Enricher } from '@echotrace/core';
import { MATCH_THRESHOLD, type MatchCandidate, type SanctionsMatcher } from './sanctions.matcher.ts';

export const SCREENING_PRODUCER = 'sanctions-screening';
export const SCREENING_PRODUCER_VERSION = '1';

/** Attributes of a `sanction` annotation. */
export interface SanctionAnnotationAttributes {
  entityId: string;
  listEntryId: string;
  list: string;
  /** The entry's primary name as the list writes it. */
  listedName: string;
  /** The list name or alias that matched. */
  matchedName: string;
  score: number;
  /** True when the document's name has fewer parts than the listed one (a surname alone). */
  partial: boolean;
  explanation: string;
  programs: string[];
}

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

  /** Entities compared so far (each once). */
  get screened(): number {
    return this.#cache.size;
  }

  /**
   * The best listed entry for an entity, or null below the threshold. `names` are tried in order
   * until one has a candidate (matching or not).
   */
  screen(entityId: string, type: MatchType, names: readonly string[]): MatchCandidate | null {
    const cached = this.#cache.get(entityId);
    if (cached !== undefined) return cached;
    let best: MatchCandidate | null = null;
    for (const name of new Set(names.map((n) => n.trim()).filter(Boolean))) {
      const [candidate] = this.#matcher.matchName(name, { type, limit: 1, threshold: this.#threshold });
      if (candidate?.match) best = candidate;
      if (candidate) break;
    }
    this.#cache.set(entityId, best);
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
function screeningNames(name: unknown, surface: unknown): string[] {
  const names: string[] = [];
  if (typeof name === 'string' && name.trim()) names.push(name);
  if (
    typeof surface === 'string' &&
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
  entityAnnotations: readonly Annotation[],
  screener: EntityScreener,
): Annotation[] {
  const out: Annotation[] = [];
  for (const annotation of entityAnnotations) {
    if (annotation.kind !== 'entity') continue;
    const type = MATCH_TYPE[annotation.label];
    const entityId = annotation.attributes.entityId;
    if (!type || typeof entityId !== 'string') continue;
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
  /** The document's entity annotations (the entity enricher's output for this document). */
  entityAnnotations: (document: Document) => Promise<readonly Annotation[]> | readonly Annotation[];
}

/** Screening as an ingest enricher; runs after the entity enricher. */
export function createScreeningEnricher(options: ScreeningEnricherOptions): Enricher {
  return {
    producer: SCREENING_PRODUCER,
    version: SCREENING_PRODUCER_VERSION,
    async annotate(document: Document) {
      const entities = await options.entityAnnotations(document);
      return screenEntityAnnotations(document.id, entities, options.screener);
    },
  };
}
