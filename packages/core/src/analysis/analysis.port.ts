// The read side of analysis: counts over time, first appearances, spread edges, co-occurrence and
// the full result set of a selection, as aggregates computed by the database (so a trend over a
// million documents reads a few thousand rows, never the documents). The application layer turns
// them into series, baselines, curves and exports (packages/app/src/analysis).
import type { Query } from '../search/search.types.ts';

/** Which documents an analysis is about: a search query, or the copy group of one document. */
export type DocumentSelection =
  | { kind: 'query'; query: Query }
  /** Every member of the document's group of copies (the document alone when it has none). */
  | { kind: 'group'; documentId: string };

/** Documents published on one UTC day by one source in one language. */
export interface DayCount {
  /** `YYYY-MM-DD` of the document's UTC publication instant. */
  day: string;
  sourceId: string;
  language: string;
  documents: number;
}

/** A source's part in a selection: how many documents, and its earliest one. */
export interface SourceAppearance {
  sourceId: string;
  documents: number;
  firstDocumentId: string;
  /** UTC instant (ISO 8601) of the earliest dated document of this source in the selection. */
  firstPublishedUtc: string;
}

/** Copies or forwards from one source into another, within a selection. */
export interface SpreadLink {
  kind: 'copy' | 'forward';
  /** The source the text came from: the group original's source, or the forwarded channel's source. */
  fromSourceId: string | null;
  /** For forwards: the channel name as Telegram states it (it may be no registered source). */
  fromChannel: string | null;
  toSourceId: string;
  /** Documents of toSourceId in the selection that copy or forward fromSourceId's. */
  documents: number;
  /** UTC instant of the earliest of those documents. */
  firstPublishedUtc: string | null;
}

export interface CooccurrenceNode {
  entityId: string;
  /** The mention label (entity type) most used for it. */
  type: string;
  /** Selected documents mentioning it. */
  documents: number;
}

export interface CooccurrenceEdge {
  /** The lesser of the two ids (code point order), so each pair appears once. */
  source: string;
  target: string;
  /** Selected documents mentioning both. */
  documents: number;
}

/** One selected document, as exports write it. */
export interface SelectedDocument {
  /** Keyset cursor: pass it back as `after` for the next page. */
  cursor: number;
  documentId: string;
  sourceId: string;
  title: string | null;
  text: string;
  language: string;
  publishedAt: string | null;
  canonicalUrl: string | null;
}

/** An entity mention in a selected document, with its exact span. */
export interface SelectedMention {
  annotationId: string;
  documentId: string;
  /** The entity id after redirects (merged entities count as the one they were merged into). */
  entityId: string;
  type: string;
  start: number;
  end: number;
  confidence: number;
}

export interface AnalysisRepository {
  /** Selected dated documents per UTC day, source and language. */
  dailyCounts(selection: DocumentSelection): Promise<DayCount[]>;
  /**
   * All dated documents per UTC day, source and language that pass the selection's source, language
   * and date filters only: what a share of attention is a share of.
   */
  dailyTotals(selection: DocumentSelection): Promise<DayCount[]>;
  /** Each source's documents in the selection and its earliest dated one. */
  appearances(selection: DocumentSelection): Promise<SourceAppearance[]>;
  /** Copy-group and forward links into the selection's documents, aggregated per pair of sources. */
  spreadLinks(selection: DocumentSelection): Promise<SpreadLink[]>;
  /** Entities mentioned in the selection and how often pairs of them share a document. */
  cooccurrence(
    selection: DocumentSelection,
    options: { minDocuments: number },
  ): Promise<{ nodes: CooccurrenceNode[]; edges: CooccurrenceEdge[] }>;
  /** A page of selected documents in ingest order after `after` (keyset: constant cost per page). */
  documentsPage(
    selection: DocumentSelection,
    page: { after?: number; limit: number },
  ): Promise<SelectedDocument[]>;
  /** Entity mentions of these documents, by document then offset. */
  mentionsOf(documentIds: readonly string[]): Promise<SelectedMention[]>;
}
