// How resolved mentions are stored: annotations of kind `entity`, label = entity type, with the
// link in `attributes` (core's EntityAnnotationAttributes), so that search's `entity:ID` filter and
// the entity repository's mention queries find them by `attributes.entityId`.
import { sha256Hex, type Annotation, type EntityAnnotationAttributes } from '@echotrace/core';
import type { ResolvedMention } from './mention.ts';

export const ENTITY_PRODUCER = 'entities';
// Recorded on every stored mention. 2: spans corrected with morphology and gazetteers, candidates
// named in the nominative (decision 0014); `entities relink` brings older documents up to it.
export const ENTITY_PRODUCER_VERSION = '2';

export function entityAnnotations(documentId: string, mentions: readonly ResolvedMention[]): Annotation[] {
  return mentions.map((m): Annotation => {
    const attributes: EntityAnnotationAttributes = {
      entityId: m.entityId,
      name: m.name,
      reason: m.reason,
      surface: m.text,
      ...(m.attributes?.title ? { title: m.attributes.title } : {}),
    };
    return {
      id: sha256Hex(`${documentId}\u0000entity\u0000${m.start}\u0000${m.end}`).slice(0, 32),
      documentId,
      kind: 'entity',
      label: m.type,
      start: m.start,
      end: m.end,
      // The chance the span is this entity: recognition and link both right.
      confidence: Math.round(m.confidence * m.linkConfidence * 1000) / 1000,
      producer: ENTITY_PRODUCER,
      producerVersion: ENTITY_PRODUCER_VERSION,
      attributes: { ...attributes },
    };
  });
}
