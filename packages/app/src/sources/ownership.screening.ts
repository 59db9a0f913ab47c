// Sources screened for sanctioned ownership: the outlet's name and its owner are traced through the
// imported lists (see traceOwnership). Used by `sources show`, `sources list` and `sources health`.
import type { Source, Store } from '@echotrace/core';
import { createSanctionsMatcher, traceOwnership, type OwnershipTrace } from '@echotrace/sanctions';

export type SourceTracer = (source: Source) => Promise<OwnershipTrace>;

/** A tracer over every imported list, or null when no list has been imported. */
export async function createSourceTracer(store: Store): Promise<SourceTracer | null> {
  const repository = store.sanctions;
  const entries = await repository.entries();
  if (entries.length === 0) return null;
  const matcher = createSanctionsMatcher(entries);
  return (source) =>
    traceOwnership([source.name, ...(source.owner ? [source.owner] : [])], matcher, (list, id) =>
      repository.relationsOf(list, id),
    );
}
