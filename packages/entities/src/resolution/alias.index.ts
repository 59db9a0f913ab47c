// Every name, alias and metonym of the knowledge base under its folded form and its neutral key,
// built once per KB and shared by every document resolved against it.
import type { EntityType } from '@echotrace/core';
import type { KnowledgeBase } from '../kb/knowledge.base.ts';
import { foldName, nameKey } from './name.keys.ts';

export interface AliasEntry {
  entityId: string;
  entityType: EntityType;
  /** The name as the KB writes it. */
  form: string;
  kind: 'name' | 'alias' | 'metonym';
  folded: string;
  key: string;
}

export interface AliasIndex {
  readonly kb: KnowledgeBase;
  readonly byFolded: ReadonlyMap<string, AliasEntry[]>;
  readonly byKey: ReadonlyMap<string, AliasEntry[]>;
  /** Entries fuzzy matching may use (not metonyms: a misspelt capital is not a government). */
  readonly fuzzy: readonly AliasEntry[];
}

export function buildAliasIndex(kb: KnowledgeBase): AliasIndex {
  const byFolded = new Map<string, AliasEntry[]>();
  const byKey = new Map<string, AliasEntry[]>();
  const fuzzy: AliasEntry[] = [];
  for (const entity of kb.entities.values()) {
    const forms: Array<[string, AliasEntry['kind']]> = [
      ...Object.values(entity.names).map((n): [string, AliasEntry['kind']] => [n, 'name']),
      ...entity.aliases.map((a): [string, AliasEntry['kind']] => [a, 'alias']),
      ...entity.metonyms.map((m): [string, AliasEntry['kind']] => [m, 'metonym']),
    ];
    const seen = new Set<string>();
    for (const [form, kind] of forms) {
      const folded = foldName(form);
      if (!folded || seen.has(`${kind}\u0000${folded}`)) continue;
      seen.add(`${kind}\u0000${folded}`);
      const entry: AliasEntry = {
        entityId: entity.id,
        entityType: entity.type,
        form,
        kind,
        folded,
        key: nameKey(form),
      };
      push(byFolded, folded, entry);
      if (entry.key) push(byKey, entry.key, entry);
      if (kind !== 'metonym' && entry.key) fuzzy.push(entry);
    }
  }
  return { kb, byFolded, byKey, fuzzy };
}

function push(map: Map<string, AliasEntry[]>, key: string, entry: AliasEntry): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}
