import type { Span, Timestamp } from '../model.ts';

/** A parsed query: a boolean tree of text conditions (or none) and filters. */
export interface Query {
  /** The query as typed, for messages. */
  source: string;
  /** Null when the query has only filters (then every document passing them matches). */
  text: QueryNode | null;
  filters: QueryFilters;
}

export type QueryNode =
  /** `terms` are alternatives (the stems the word's inflected forms take); any one matches. */
  | { kind: 'term'; raw: string; terms: string[]; prefix: boolean }
  | { kind: 'phrase'; raw: string; terms: string[] }
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode };

export interface QueryFilters {
  sources: string[];
  languages: string[];
  /** Inclusive lower bound, UTC ISO instant. */
  from: string | null;
  /** Exclusive upper bound, UTC ISO instant (a bare `to:2024-05-01` includes that whole day). */
  to: string | null;
  entities: string[];
  /** `speaker:ID`: documents where that entity is quoted (absent in filters built before it). */
  speakers?: string[];
  /** `narrative:ID`: documents labelled with that narrative or sub-narrative (taxonomy id, lower case). */
  narratives?: string[];
  /** `technique:ID`: documents with a paragraph using that persuasion technique (id, lower case). */
  techniques?: string[];
}

export interface SearchRequest {
  query: Query;
  limit: number;
  offset: number;
}

export interface SearchHit {
  documentId: string;
  title: string | null;
  sourceId: string;
  language: string;
  publishedAt: Timestamp | null;
  canonicalUrl: string | null;
  /** Higher is better; comparable only within one result list. */
  score: number;
  /** A passage of the original text around the best matches. */
  snippet: string;
  /** Matched words, as ranges into `snippet`. */
  highlights: Span[];
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
}

/** How many matching documents carry one value of a facet. */
export interface FacetCount {
  value: string;
  documents: number;
}

/**
 * The documents matching a query counted by source, language and mentioned entity (each list most
 * frequent first, then by value), for narrowing a search: the counts are over every match, not a page.
 */
export interface SearchFacets {
  total: number;
  sources: FacetCount[];
  languages: FacetCount[];
  entities: FacetCount[];
}
