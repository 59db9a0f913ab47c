// The domain model: plain, typed data. Every later stage reads and writes these shapes.

/** ISO 8601 timestamp, with its offset where one was known (e.g. `2024-11-26T09:15:00+03:00`). */
export type Timestamp = string;

/** An outlet or channel that publishes documents. */
export interface Source {
  /** Stable slug, e.g. `ria-novosti`. */
  id: string;
  name: string;
  kind: SourceKind;
  homepage: string | null;
  /** BCP 47 primary language subtag (`ru`, `en`), when the outlet publishes mostly in one. */
  language: string | null;
  /** ISO 3166-1 alpha-2 country code. */
  country: string | null;
  /** Free labels such as `state-affiliated`. */
  labels: string[];
  /**
   * Who owns the outlet, as the analyst wrote it ("Severny Put Holding (Gleb Tumanov)"); screened
   * against sanctions lists. Absent when unknown.
   */
  owner?: string | null;
}

export type SourceKind = 'website' | 'telegram' | 'feed' | 'files';

/** Raw bytes as fetched or read, addressed by their SHA-256. Immutable once stored. */
export interface Capture {
  sha256: string;
  byteLength: number;
  /** e.g. `text/html`, `application/json`. */
  mediaType: string;
  /** Charset the bytes were decoded with, when they are text. */
  charset: string | null;
  capturedAt: Timestamp;
  /** URL or file path the bytes came from. */
  origin: string;
}

/** A character range [start, end) into a document's `text` (UTF-16 code units, as JS strings index). */
export interface Span {
  start: number;
  end: number;
}

/** Normalized text of one article or post, with the metadata an analyst cites. */
export interface Document {
  /** Stable id derived from `key`, so the same item keeps its id across re-ingests and stores. */
  id: string;
  /** What makes two ingests "the same item": canonical URL, or origin path plus item id. */
  key: string;
  sourceId: string;
  /** The capture this version of the text came from. */
  captureSha256: string;
  /** NFC-normalized text; paragraphs are separated by a blank line. */
  text: string;
  paragraphs: Span[];
  title: string | null;
  byline: string | null;
  publishedAt: Timestamp | null;
  /** ISO 639-1 code from language identification, or `und`. */
  language: string;
  canonicalUrl: string | null;
  ingestedAt: Timestamp;
}

/** An extracted fact about a span of a document: an entity mention, a quote, a label. */
export interface Annotation {
  id: string;
  documentId: string;
  /** What kind of fact: `entity`, `quote`, `narrative`, `technique`, `sanction`… */
  kind: string;
  /** The fact's label within its kind, e.g. `PERSON`. */
  label: string;
  start: number;
  end: number;
  /** 0–1. */
  confidence: number;
  /** Which stage produced it, and which version, so re-processing can replace its own output. */
  producer: string;
  producerVersion: string;
  /** Kind-specific extra data (resolved entity id, speaker, reason…). */
  attributes: Record<string, unknown>;
}
