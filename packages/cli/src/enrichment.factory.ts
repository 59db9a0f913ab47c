// The enrichment stages `ingest` (and the watch loop and the worker) run on every new or changed
// document, in order: entities first (recognize and resolve against the knowledge base), then
// sanctions screening of the resolved mentions.
import type { Annotation, Enricher, Store } from '@echotrace/core';
import { createEntityEnricher, hasNerModel, recognizeEntities } from '@echotrace/entities';
import { createSanctionsMatcher, createScreeningEnricher, EntityScreener } from '@echotrace/sanctions';
import { loadStoredKnowledgeBase } from './knowledge.base.loader.ts';

/** The entity screener over every imported list, or null when no list has been imported. */
export async function createStoredScreener(store: Store): Promise<EntityScreener | null> {
  const entries = await store.sanctions.entries();
  return entries.length > 0 ? new EntityScreener(createSanctionsMatcher(entries)) : null;
}

/** [entity enricher, screening enricher]; screening is left out while no sanctions list is imported. */
export async function createEnrichers(store: Store): Promise<Enricher[]> {
  const kb = await loadStoredKnowledgeBase(store);
  const entities = createEntityEnricher({ kb, recognize: recognizeEntities, supports: hasNerModel });
  const screener = await createStoredScreener(store);
  if (!screener) return [entities];
  // Screening reads the entity enricher's output for the same document from memory, so that it sees
  // exactly what is written with it. Ingest runs the enrichers one after the other, the worker all at
  // once: the entity enricher leaves its pending result here before screening asks for it.
  const pending = new Map<string, Promise<Annotation[]>>();
  const sharing: Enricher = {
    producer: entities.producer,
    version: entities.version,
    annotate(document) {
      const result = Promise.resolve(entities.annotate(document));
      pending.set(document.id, result);
      // Bounded, should screening ever not collect a result (an enricher list reordered).
      if (pending.size > 1000) pending.delete(pending.keys().next().value!);
      return result;
    },
  };
  const screening = createScreeningEnricher({
    screener,
    async entityAnnotations(document) {
      const result = pending.get(document.id);
      if (result) {
        pending.delete(document.id);
        return result;
      }
      return store.annotations.find({ documentId: document.id, kind: 'entity' });
    },
  });
  return [sharing, screening];
}
