// Persistence of the knowledge base (entries as imported or accepted, plus the analyst's decision
// log) and the read side of entity mentions, which live in annotations of kind `entity` whose
// `attributes.entityId` names the entity. Effective entities are computed by replaying decisions
// over the stored entries (entities package), so re-importing a KB never undoes a decision.
import type { Timestamp } from '../model.ts';
import type { Entity, EntityDecision, EntityDecisionRecord, EntityType } from './entity.model.ts';

export interface EntityMention {
  documentId: string;
  title: string | null;
  sourceId: string;
  publishedAt: Timestamp | null;
  canonicalUrl: string | null;
  entityId: string;
  start: number;
  end: number;
  /** The mention as written in the document. */
  surface: string;
  confidence: number;
  reason: string | null;
}

export interface MentionCount {
  mentions: number;
  documents: number;
}

/** An entity id found in annotations but absent from the KB: a discovered candidate. */
export interface DiscoveredEntity extends MentionCount {
  entityId: string;
  type: EntityType;
  name: string;
  /** Distinct spellings seen, most frequent first (at most 10). */
  surfaces: string[];
}

export interface EntityRepository {
  /** Inserts or replaces stored entries by id (KB imports, accepted candidates). */
  upsert(entities: Entity[]): Promise<void>;
  get(id: string): Promise<Entity | null>;
  /** Stored entries as imported, before decisions are applied, ordered by id. */
  list(): Promise<Entity[]>;
  /** Appends a decision to the log and returns it with its sequence number. */
  addDecision(decision: EntityDecision, note?: string | null): Promise<EntityDecisionRecord>;
  /** The whole decision log, oldest first. */
  decisions(): Promise<EntityDecisionRecord[]>;
  /**
   * Replaces the table of merged-away ids (id → the id it now is), which search's `entity:ID`
   * filter follows so that mentions stored under an old id are found under the surviving one.
   * Callers recompute it from the decision log after every decision.
   */
  replaceRedirects(redirects: ReadonlyMap<string, string>): Promise<void>;
  /**
   * Mentions of any of `entityIds` (an entity and the ids merged into it), newest publication
   * first, documents without a date last.
   */
  mentions(entityIds: string[], options?: { limit?: number; offset?: number }): Promise<EntityMention[]>;
  /** Mention counts by publication period (`YYYY-MM` or `YYYY-MM-DD`, UTC; `unknown` when undated). */
  mentionsOverTime(
    entityIds: string[],
    granularity: 'month' | 'day',
  ): Promise<Array<MentionCount & { period: string }>>;
  /** Mention counts per source, most mentions first. */
  mentionsBySource(entityIds: string[]): Promise<Array<MentionCount & { sourceId: string; name: string }>>;
  /** Entity ids that annotations link to and that are not among `knownIds`, most mentioned first. */
  discovered(knownIds: Iterable<string>, options?: { limit?: number }): Promise<DiscoveredEntity[]>;
}
