// The enrichment stages `ingest` (and the worker) run on every new or changed document, in order:
// entities first, so later stages (sanctions screening) can read the resolved mentions.
import type { Enricher, Store } from '@echotrace/core';
import { createEntityEnricher, hasNerModel, recognizeEntities } from '@echotrace/entities';
import { loadStoredKnowledgeBase } from './knowledge.base.loader.ts';

export async function createEnrichers(store: Store): Promise<Enricher[]> {
  const kb = await loadStoredKnowledgeBase(store);
  return [createEntityEnricher({ kb, recognize: recognizeEntities, supports: hasNerModel })];
}
