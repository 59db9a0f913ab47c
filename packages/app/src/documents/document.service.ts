// Reading the corpus: one document with everything known about it (`show`), full-text search and
// corpus counts. Plain data out; entry points format it.
import {
  NotFoundError,
  QuerySyntaxError,
  type Annotation,
  type Capture,
  type CorpusStats,
  type Document,
  type DocumentVersion,
  type DuplicateCopy,
  type DuplicateRepository,
  type ForwardEdge,
  type SearchRequest,
  type SearchResult,
  type Source,
  type Store,
} from '@echotrace/core';

export interface CopiesSection {
  /** Members of the document's group, earliest first; empty when no copy is known. */
  copies: DuplicateCopy[];
  forwards: ForwardEdge[];
}

export async function loadCopiesSection(
  duplicates: DuplicateRepository,
  documentId: string,
): Promise<CopiesSection> {
  const [copies, forwards] = await Promise.all([
    duplicates.copiesOf(documentId),
    duplicates.forwardsOf(documentId),
  ]);
  return { copies, forwards };
}

/** `show --json`'s shape, in its key order. */
export interface DocumentView {
  document: Document;
  annotations: Annotation[];
  versions: DocumentVersion[];
  source: Source | null;
  capture: Capture | null;
  copies: DuplicateCopy[];
  forwards: ForwardEdge[];
}

/** Throws NotFoundError for an unknown id. */
export async function showDocument(store: Store, id: string): Promise<DocumentView> {
  const document = await store.documents.get(id);
  if (!document) throw new NotFoundError('document', id);
  const [annotations, versions, source, capture] = await Promise.all([
    store.annotations.forDocument(id),
    store.documents.versions(id),
    store.sources.get(document.sourceId),
    store.captures.get(document.captureSha256),
  ]);
  const { copies, forwards } = await loadCopiesSection(store.duplicates, id);
  return { document, annotations, versions, source, capture, copies, forwards };
}

/** Rejects (QuerySyntaxError) a source: filter naming no source, which would match nothing silently. */
export async function checkSourceFilters(store: Store, query: SearchRequest['query']): Promise<void> {
  for (const id of query.filters.sources) {
    if (await store.sources.get(id)) continue;
    const at = query.source.toLowerCase().indexOf(`source:${id.toLowerCase()}`);
    throw new QuerySyntaxError(
      query.source,
      `unknown source ${JSON.stringify(id)} in source:${id} (echotrace sources list shows the ids)`,
      Math.max(0, at),
    );
  }
}

/** The query is parsed by the caller (parseQuery, at the edge), so bad syntax never opens a store. */
export async function searchDocuments(store: Store, request: SearchRequest): Promise<SearchResult> {
  await checkSourceFilters(store, request.query);
  return store.search.search(request);
}

export async function corpusStats(store: Store): Promise<CorpusStats> {
  return store.documents.stats();
}
