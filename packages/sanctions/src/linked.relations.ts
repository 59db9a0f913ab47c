// OFAC remarks say "Linked To: PUTIN, Vladimir Vladimirovich." to relate an entry to another one
// (vessels and companies to their owner, relatives to a principal). The name is resolved to an entry
// id when exactly one entry or alias of the list carries it.
import type { SanctionsEntry, SanctionsRelation } from '@echotrace/core';
import { parseOfacRemarks } from './ofac.remarks.parser.ts';

function normalizeForLookup(name: string): string {
  return name.toUpperCase().replace(/\.$/, '').replace(/\s+/g, ' ').trim();
}

// "Linked To: PUTIN, Vladimir Vladimirovich." names another entry; resolve it to an id when exactly
// one entry (or alias) of the list carries that name.
export function linkedToRelations(list: string, entries: readonly SanctionsEntry[]): SanctionsRelation[] {
  const byName = new Map<string, Set<string>>();
  const add = (name: string, id: string): void => {
    const key = normalizeForLookup(name);
    const ids = byName.get(key) ?? new Set<string>();
    ids.add(id);
    byName.set(key, ids);
  };
  for (const entry of entries) {
    add(entry.name, entry.id);
    for (const alias of entry.aliases) add(alias.name, entry.id);
  }
  const relations: SanctionsRelation[] = [];
  for (const entry of entries) {
    if (entry.remarks === undefined) continue;
    for (const target of parseOfacRemarks(entry.remarks).linkedTo) {
      const ids = byName.get(normalizeForLookup(target));
      const toId = ids?.size === 1 ? [...ids][0] : undefined;
      relations.push({
        list,
        fromId: entry.id,
        kind: 'linked-to',
        toName: target,
        ...(toId !== undefined && { toId }),
      });
    }
  }
  return relations;
}
