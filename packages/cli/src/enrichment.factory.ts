// The enrichers `ingest` runs on every added or changed document, in order: entities (recognize and
// resolve against the knowledge base), then sanctions screening of the resolved entities. Screening
// reads the entity enricher's output for the same document from memory, so that it sees exactly what
// is being written in the same unit of work.
import type { Annotation, Enricher, Store } from '@echotrace/core';
import { createEntityEnricher, hasNerModel, recognizeEntities } from '@echotrace/entities';
import { createSanctionsMatcher, createScreeningEnricher, EntityScreener } from '@echotrace/sanctions';
import { loadStoredKnowledgeBase } from './knowledge.base.loader.ts';
import { sanctionsRepository } from './commands/sanctions.command.ts';

/** The entity screener over every imported list, or null when no list has been imported. */
export async function createStoredScreener(store: Store): Promise<EntityScreener | null> {
  const entries = await sanctionsRepository(store).entries();
  return entries.length > 0 ? new EntityScreener(createSanctionsMatcher(entries)) : null;
}

/** [entity enricher, screening enricher]; screening is left out while no sanctions list is imported. */
export async function createEnrichers(store: Store): Promise<Enricher[]> {
  const entities = createEntityEnricher({
    kb: await loadStoredKnowledgeBase(store),
    recognize: recognizeEntities,
    supports: hasNerModel,
  });
  const screener = await createStoredScreener(store);
  if (!screener) return [entities];
  // The entity annotations of the document being processed; ingest runs the enrichers of one
  // document one after the other, so one slot suffices.
  let latest: { documentId: string; annotations: Annotation[] } | null = null;
  const remembering: Enricher = {
    producer: entities.producer,
    version: entities.version,
    async annotate(document) {
      const annotations = await entities.annotate(document);
      latest = { documentId: document.id, annotations };
      return annotations;
    },
  };
  const screening = createScreeningEnricher({
    screener,
    entityAnnotations: async (document) =>
      latest?.documentId === document.id
        ? latest.annotations
        : store.annotations.find({ documentId: document.id, kind: 'entity' }),
  });
  return [remembering, screening];
}
