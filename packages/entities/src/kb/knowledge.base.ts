// The effective knowledge base: stored entries with the analyst's decisions replayed over them in
// order. Because decisions are replayed rather than baked in, re-importing a KB file (or
// re-processing documents) never undoes a merge or a split.
import type { Entity, EntityDecision, EntityType } from '@echotrace/core';
import { foldName, nameKey } from '../resolution/name.keys.ts';

export interface KnowledgeBase {
  /** Effective entities by id. */
  readonly entities: ReadonlyMap<string, Entity>;
  /** Merged-away id → the id it now is (already followed to the end of any chain). */
  readonly redirects: ReadonlyMap<string, string>;
  /** Per entity id, names split off it (as folded forms and neutral keys): never linked there again. */
  readonly blocked: ReadonlyMap<string, ReadonlySet<string>>;
  /** Decisions that could not be applied (their entity is gone), with why. */
  readonly warnings: readonly string[];
  /** The id an id stands for now (itself unless merged away). */
  canonicalId(id: string): string;
  get(id: string): Entity | null;
  /** The id and every id merged into it: what mentions stored under older ids are found by. */
  idsOf(id: string): string[];
}

export function buildKnowledgeBase(
  entries: readonly Entity[],
  decisions: readonly EntityDecision[] = [],
): KnowledgeBase {
  const entities = new Map<string, Entity>(entries.map((e) => [e.id, cloneEntity(e)]));
  const redirects = new Map<string, string>();
  const blocked = new Map<string, Set<string>>();
  const warnings: string[] = [];
  const canonicalId = (id: string): string => {
    let current = id;
    for (let hops = 0; redirects.has(current) && hops < 100; hops++) current = redirects.get(current)!;
    return current;
  };

  for (const decision of decisions) {
    switch (decision.kind) {
      case 'accept': {
        const id = canonicalId(decision.entity.id);
        const existing = entities.get(id);
        entities.set(
          id,
          existing ? mergeInto(existing, decision.entity) : { ...cloneEntity(decision.entity), id },
        );
        break;
      }
      case 'merge': {
        const from = canonicalId(decision.from);
        const into = canonicalId(decision.into);
        if (from === into) break;
        const target = entities.get(into);
        if (!target) {
          warnings.push(
            `merge ${decision.from} into ${decision.into}: ${decision.into} is not in the knowledge base`,
          );
          break;
        }
        const source = entities.get(from);
        if (source) entities.set(into, mergeInto(target, source));
        entities.delete(from);
        redirects.set(from, into);
        const moved = blocked.get(from);
        if (moved) for (const key of moved) blockedSet(blocked, into).add(key);
        break;
      }
      case 'split': {
        const id = canonicalId(decision.entityId);
        const entity = entities.get(id);
        if (!entity) {
          warnings.push(
            `split ${JSON.stringify(decision.alias)} off ${decision.entityId}: not in the knowledge base`,
          );
          break;
        }
        const folded = foldName(decision.alias);
        entity.aliases = entity.aliases.filter((a) => foldName(a) !== folded);
        entity.metonyms = entity.metonyms.filter((a) => foldName(a) !== folded);
        for (const [language, name] of Object.entries(entity.names)) {
          if (foldName(name) === folded) delete entity.names[language];
        }
        blockedSet(blocked, id).add(folded).add(nameKey(decision.alias));
        const targetId = canonicalId(decision.target);
        const target = entities.get(targetId);
        if (target) {
          if (!target.aliases.some((a) => foldName(a) === folded)) target.aliases.push(decision.alias);
        } else {
          entities.set(targetId, newEntity(targetId, decision.targetType ?? entity.type, decision.alias));
        }
        break;
      }
      default:
        decision satisfies never;
    }
  }

  return {
    entities,
    redirects: new Map([...redirects.keys()].map((id) => [id, canonicalId(id)])),
    blocked,
    warnings,
    canonicalId,
    get: (id) => entities.get(canonicalId(id)) ?? null,
    idsOf(id) {
      const canonical = canonicalId(id);
      return [canonical, ...[...redirects.keys()].filter((from) => canonicalId(from) === canonical)];
    },
  };
}

/** The name to show for an entity: in `language` when it has one, else English, else any. */
export function displayName(entity: Entity, language?: string): string {
  return (
    (language ? entity.names[language] : undefined) ??
    entity.names.en ??
    Object.values(entity.names)[0] ??
    entity.aliases[0] ??
    entity.id
  );
}

function mergeInto(target: Entity, source: Entity): Entity {
  const aliases = [...target.aliases];
  const have = new Set([...Object.values(target.names), ...aliases].map(foldName));
  const names = { ...target.names };
  for (const [language, name] of Object.entries(source.names)) {
    if (names[language] === undefined) names[language] = name;
  }
  for (const alias of [...Object.values(source.names), ...source.aliases]) {
    const folded = foldName(alias);
    if (!have.has(folded)) {
      have.add(folded);
      if (!Object.values(names).includes(alias)) aliases.push(alias);
    }
  }
  return {
    ...target,
    names,
    aliases,
    metonyms: [...new Set([...target.metonyms, ...source.metonyms])],
    description: target.description ?? source.description,
    externalIds: { ...source.externalIds, ...target.externalIds },
  };
}

function newEntity(id: string, type: EntityType, name: string): Entity {
  return {
    id,
    type,
    names: {},
    aliases: [name],
    metonyms: [],
    description: null,
    externalIds: {},
    origin: 'accepted',
  };
}

function cloneEntity(entity: Entity): Entity {
  return {
    ...entity,
    names: { ...entity.names },
    aliases: [...entity.aliases],
    metonyms: [...entity.metonyms],
    externalIds: { ...entity.externalIds },
  };
}

function blockedSet(blocked: Map<string, Set<string>>, id: string): Set<string> {
  let set = blocked.get(id);
  if (!set) blocked.set(id, (set = new Set()));
  return set;
}
