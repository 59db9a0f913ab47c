// What resolution consumes: a recognized mention (the recognizer's output shape) and what it adds.
import type { EntityType, LinkReason } from '@echotrace/core';

export interface Mention {
  text: string;
  type: EntityType;
  /** [start, end) into the document text. */
  start: number;
  end: number;
  /** Recognition confidence, 0–1. */
  confidence: number;
  attributes?: { title?: string };
}

export interface ResolvedMention extends Mention {
  entityId: string;
  /** The entity's display name (the mention's nominative guess for a new candidate). */
  name: string;
  reason: LinkReason;
  /** Confidence of the link alone, 0–1 (the mention's own is `confidence`). */
  linkConfidence: number;
  /** True when the entity is not in the knowledge base: a discovered candidate. */
  candidate: boolean;
  /** One line on how the link was made, for analysts checking it. */
  explanation: string;
}
