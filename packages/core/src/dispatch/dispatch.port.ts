// Dispatches: the analysts' end product (a headline, framing, translated excerpts with section
// headings, footnotes citing each document). An excerpt is an exact span of a document as one
// capture had it, so a citation stays verifiable against the archived bytes after the page changes.
import type { Timestamp } from '../model.ts';

/** A span of a document (UTF-16 code units into Document.text, [start, end)) taken as evidence. */
export interface Excerpt {
  /** `x-` + 12 hex digits of SHA-256 over (document, capture, span): the same span is one excerpt. */
  readonly id: string;
  readonly documentId: string;
  /** The capture the document's text came from when the excerpt was taken. */
  readonly captureSha256: string;
  readonly start: number;
  readonly end: number;
  /** The original text of the span, as it was when taken. */
  readonly text: string;
  /** The annotation the excerpt was taken from (a quote, an entity…), when there was one. */
  readonly annotationId: string | null;
  readonly translation: string | null;
  /** `machine` (with provider and model) until an analyst wrote or approved it: then `analyst`. */
  readonly translationOrigin: 'machine' | 'analyst' | null;
  /** "deepl", "openai llama3.1": who made a machine translation. */
  readonly translationBy: string | null;
  readonly note: string | null;
  readonly createdAt: Timestamp;
}

export interface Dispatch {
  /** A readable slug of the headline (`moscow-beijing-pyongyang`), unique in the store. */
  readonly id: string;
  readonly headline: string;
  readonly subheadline: string | null;
  /** The dispatch's own date (YYYY-MM-DD), printed on it; rendering never reads the clock. */
  readonly date: string;
  readonly summary: string | null;
  readonly createdAt: Timestamp;
  readonly updatedAt: Timestamp;
}

/** One block of a dispatch, in order: a section heading, the analyst's text, or an excerpt. */
export type DispatchItem =
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'excerpt'; readonly excerptId: string };

export interface DispatchRepository {
  /** Adds a dispatch; a taken id is a ConflictError. */
  create(dispatch: Dispatch): Promise<void>;
  get(id: string): Promise<Dispatch | null>;
  /** Every dispatch, newest first. */
  list(): Promise<Dispatch[]>;
  update(dispatch: Dispatch): Promise<void>;
  /** Stores an excerpt; the same id again keeps the first one. */
  putExcerpt(excerpt: Excerpt): Promise<void>;
  excerpt(id: string): Promise<Excerpt | null>;
  /** Replaces an excerpt's translation and note (what an analyst may change). */
  reviseExcerpt(
    id: string,
    change: Pick<Excerpt, 'translation' | 'translationOrigin' | 'translationBy' | 'note'>,
  ): Promise<void>;
  items(dispatchId: string): Promise<DispatchItem[]>;
  /** Replaces the dispatch's blocks with these, in this order (one unit). */
  replaceItems(dispatchId: string, items: readonly DispatchItem[]): Promise<void>;
}
