// What resolution consumes (the recognizer's Mention) and what it adds to it.
import type { LinkReason } from '@echotrace/core';
import type { Mention } from '../recognition/mention.types.ts';

export type ResolvableMention = Mention;

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
