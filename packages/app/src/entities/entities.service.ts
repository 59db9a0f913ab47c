// Reading the knowledge base and what the corpus says about its entities: the entity list, the
// candidates recognition found that the KB does not hold, and one entity's mentions over time and
// per source. Decisions (merge, split, accept) go through recordDecision in knowledge.base.loader.ts.
import {
  NotFoundError,
  type DiscoveredEntity,
  type Entity,
  type EntityMention,
  type EntityType,
  type MentionCount,
  type Store,
} from '@echotrace/core';
import { displayName } from '@echotrace/entities';
import { loadStoredKnowledgeBase } from './knowledge.base.loader.ts';

/** KB entities (decisions replayed), by type then display name; `name` is the display name. */
export async function listEntities(
  store: Store,
  request: { type: EntityType | null; limit: number },
): Promise<Array<Entity & { name: string }>> {
  const kb = await loadStoredKnowledgeBase(store);
  return [...kb.entities.values()]
    .filter((e) => !request.type || e.type === request.type)
    .sort((a, b) => a.type.localeCompare(b.type) || displayName(a).localeCompare(displayName(b)))
    .slice(0, request.limit)
    .map((e) => ({ ...e, name: displayName(e) }));
}

/** Entity ids annotations link to that the KB (and its redirects) does not know, most mentioned first. */
export async function listCandidates(
  store: Store,
  request: { type: EntityType | null; limit: number },
): Promise<DiscoveredEntity[]> {
  const kb = await loadStoredKnowledgeBase(store);
  const known = [...kb.entities.keys(), ...kb.redirects.keys()];
  // Filtering by type happens after the query: ask for enough rows that the limit is still met.
  const found = await store.entities.discovered(known, { limit: request.type ? 100_000 : request.limit });
  return found.filter((c) => !request.type || c.type === request.type).slice(0, request.limit);
}

/** `entities show --json`'s shape, in its key order. */
export interface EntityView {
  entity: Entity | null;
  /** The id and the ids merged into it. */
  ids: string[];
  overTime: Array<MentionCount & { period: string }>;
  bySource: Array<MentionCount & { sourceId: string; name: string }>;
  mentions: EntityMention[];
}

/** Throws NotFoundError when the id is neither in the KB nor mentioned. */
export async function showEntity(
  store: Store,
  request: { id: string; by: 'month' | 'day'; limit: number },
): Promise<EntityView> {
  const kb = await loadStoredKnowledgeBase(store);
  const entity = kb.get(request.id);
  const ids = kb.idsOf(request.id);
  const [overTime, bySource, mentions] = await Promise.all([
    store.entities.mentionsOverTime(ids, request.by),
    store.entities.mentionsBySource(ids),
    store.entities.mentions(ids, { limit: request.limit }),
  ]);
  if (!entity && overTime.length === 0) throw new NotFoundError('entity', request.id);
  return { entity, ids, overTime, bySource, mentions };
}
