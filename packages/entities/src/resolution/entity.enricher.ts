// The entity stage as an ingest enricher: recognize, resolve against the KB, and store the links as
// annotations of kind `entity` (see entity.annotations.ts). Documents in a language without a
// recognizer get no entity annotations rather than failing the batch.
import type { Annotation, Document, Enricher } from '@echotrace/core';
import type { KnowledgeBase } from '../kb/knowledge.base.ts';
import { buildAliasIndex } from './alias.index.ts';
import { entityAnnotations, ENTITY_PRODUCER, ENTITY_PRODUCER_VERSION } from './entity.annotations.ts';
import type { Recognizer } from './entity.analysis.ts';
import { resolveMentions } from './entity.resolver.ts';

export interface EntityEnricherOptions {
  kb: KnowledgeBase;
  recognize: Recognizer;
  /** Whether `recognize` handles a language (e.g. `hasNerModel`). */
  supports: (language: string) => boolean;
}

/** Reads no other enricher's output, so it is callable with the document alone. */
export type EntityEnricher = Enricher & { annotate(document: Document): Promise<Annotation[]> };

export function createEntityEnricher(options: EntityEnricherOptions): EntityEnricher {
  const index = buildAliasIndex(options.kb);
  return {
    producer: ENTITY_PRODUCER,
    version: ENTITY_PRODUCER_VERSION,
    produces: ['entity'],
    async annotate(document: Document) {
      const language = document.language.split('-')[0]!;
      if (!document.text || !options.supports(language)) return [];
      const mentions = await options.recognize(document.text, language);
      const resolved = resolveMentions(mentions, options.kb, { text: document.text, language, index });
      return entityAnnotations(document.id, resolved);
    },
  };
}
