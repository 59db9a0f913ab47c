// What an analysis command is about, from what the analyst typed: `group:ID` (or a bare document id)
// is that document's copy group, anything else a search query, with --from/--to as its date filters.
// Parsing is pure (bad syntax never opens a store); checking against the store is a second step.
import {
  NotFoundError,
  parseQuery,
  QuerySyntaxError,
  type DocumentSelection,
  type Store,
} from '@echotrace/core';
import { checkSourceFilters } from '../documents/document.service.ts';

const DOCUMENT_ID = /^[0-9a-f]{16}$/;

export interface SelectionRange {
  from?: string;
  to?: string;
}

/** Throws QuerySyntaxError for a bad query or date. */
export function selectionFromText(text: string, range: SelectionRange = {}): DocumentSelection {
  const trimmed = text.trim();
  const group = /^group:(\S+)$/.exec(trimmed)?.[1] ?? (DOCUMENT_ID.test(trimmed) ? trimmed : null);
  if (group) {
    if (range.from || range.to)
      throw new QuerySyntaxError(trimmed, 'a copy group is selected whole: --from/--to apply to queries', 0);
    return { kind: 'group', documentId: group };
  }
  // The range joins the query as its own filters (the last from:/to: wins), so it means exactly
  // what from:/to: mean in search: a bare date or month `to` includes all of it.
  const bounds = (['from', 'to'] as const).flatMap((name) => {
    const value = range[name];
    if (value === undefined) return [];
    if (!/^\S+$/.test(value)) throw new QuerySyntaxError(value, `--${name} takes one date, e.g. 2024-03`, 0);
    return [`${name}:${value}`];
  });
  return { kind: 'query', query: parseQuery([trimmed, ...bounds].filter(Boolean).join(' ')) };
}

/** Refuses what would silently select nothing: an unknown source: id, an unknown group document. */
export async function checkSelection(store: Store, selection: DocumentSelection): Promise<void> {
  if (selection.kind === 'group') {
    if (!(await store.documents.get(selection.documentId)))
      throw new NotFoundError('document', selection.documentId);
    return;
  }
  await checkSourceFilters(store, selection.query);
}
