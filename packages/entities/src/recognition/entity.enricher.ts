// The NER stage as an ingest Enricher: every new or changed document in a language with a model gets
// one `entity` annotation per mention (label = PERSON/ORGANIZATION/LOCATION/MEDIA; attributes carry
// the mention text and any title). Documents in other languages get none, which is not an error.
import { sha256Hex } from '@echotrace/core';
import type { Annotation, Document, Enricher } from '@echotrace/core';
import { recognizeEntities } from './entity.recognizer.ts';
import { hasNerModel } from './model.registry.ts';

export const NER_PRODUCER = 'entities.ner';
/** Bump when the models or the post-processing change, so re-processing replaces old annotations. */
export const NER_VERSION = '1.0.0';

export function annotateEntities(document: Document): Annotation[] {
  if (!hasNerModel(document.language)) return [];
  return recognizeEntities(document.text, document.language).map((mention) => ({
    id: sha256Hex(`${document.id}:entity:${mention.start}:${mention.end}:${mention.type}`).slice(0, 16),
    documentId: document.id,
    kind: 'entity',
    label: mention.type,
    start: mention.start,
    end: mention.end,
    confidence: mention.confidence,
    producer: NER_PRODUCER,
    producerVersion: NER_VERSION,
    attributes: {
      text: mention.text,
      ...(mention.attributes?.title ? { title: mention.attributes.title } : {}),
    },
  }));
}

export const entityEnricher: Enricher = {
  producer: NER_PRODUCER,
  version: NER_VERSION,
  annotate: annotateEntities,
};
