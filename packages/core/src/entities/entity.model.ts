// Canonical entities: what a mention of a person, organization, place or outlet is linked to.
import type { Timestamp } from '../model.ts';

export const ENTITY_TYPES = ['PERSON', 'ORGANIZATION', 'LOCATION', 'MEDIA'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export function isEntityType(value: unknown): value is EntityType {
  return typeof value === 'string' && (ENTITY_TYPES as readonly string[]).includes(value);
}

/** One entry of the knowledge base. */
export interface Entity {
  /**
   * Stable id: the Wikidata QID when known (`Q7747`), else the id the KB file gives, else
   * `<type>:<script-neutral key>` (what discovered candidates get), so it never changes on re-import.
   */
  id: string;
  type: EntityType;
  /** Preferred name per language (ISO 639-1 code → name). */
  names: Record<string, string>;
  /** Other names in any script: short forms, acronyms, spelling variants. */
  aliases: string[];
  /**
   * Place names that stand for this entity when used as an actor ("Pyongyang said…" is the DPRK
   * government, "in Pyongyang" is the city).
   */
  metonyms: string[];
  description: string | null;
  /** e.g. `{ wikidata: 'Q423' }`. */
  externalIds: Record<string, string>;
  /** `kb`: from a KB file; `accepted`: a discovered candidate an analyst accepted. */
  origin: 'kb' | 'accepted';
}

/** An analyst's correction of the knowledge base. Decisions are replayed in order on every load. */
export type EntityDecision =
  /** Make a discovered candidate (or any new entry) part of the KB. */
  | { kind: 'accept'; entity: Entity }
  /** `from` is the same entity as `into`: its names join `into` and its id redirects there. */
  | { kind: 'merge'; from: string; into: string }
  /**
   * `alias` does not name `entityId`: it is removed there, never linked there again, and names
   * `target` instead (an existing entity, or a new one created with that id).
   */
  | { kind: 'split'; entityId: string; alias: string; target: string; targetType?: EntityType };

export type EntityDecisionRecord = EntityDecision & {
  /** Order of the decision (1, 2, …): later decisions see the effect of earlier ones. */
  seq: number;
  decidedAt: Timestamp;
  note: string | null;
};

/** Why a mention was linked to an entity. */
export type LinkReason =
  | 'exact-alias'
  | 'transliteration'
  | 'inflection'
  | 'in-document-coreference'
  | 'fuzzy'
  /** Nothing in the KB matched: the mention names a newly discovered candidate entity. */
  | 'new-candidate';

/** The `attributes` of an annotation of kind `entity` (its `label` is the EntityType). */
export interface EntityAnnotationAttributes {
  entityId: string;
  /** The entity's display name at the time of linking. */
  name: string;
  reason: LinkReason;
  /** The mention as written. */
  surface: string;
  /** A title written with a person's name (`President`, `министр обороны`). */
  title?: string;
}
