// Facets of a search: every document a query matches counted by source, language and entity, so an
// entry point can offer them as filters. The query is parsed at the edge, as for searchDocuments.
import type { Query, SearchFacets, Store } from '@echotrace/core';

export async function searchFacets(store: Store, query: Query, limit: number): Promise<SearchFacets> {
  return store.search.facets(query, limit);
}
