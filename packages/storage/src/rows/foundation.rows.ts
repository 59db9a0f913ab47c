// Row ↔ domain mapping for the foundation tables; both adapters share the schema's column names.
import type { Annotation, Document, Source } from '@echotrace/core';

export interface SourceRow {
  id: string;
  name: string;
  kind: string;
  homepage: string | null;
  language: string | null;
  country: string | null;
  labels: string;
  owner?: string | null;
}

export function sourceFromRow(row: SourceRow): Source {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as Source['kind'],
    homepage: row.homepage,
    language: row.language,
    country: row.country,
    labels: JSON.parse(row.labels) as string[],
    // Only when known, so that a source stored without an owner reads back exactly as written.
    ...(row.owner != null && { owner: row.owner }),
  };
}

export interface DocumentRow {
  rowid?: number | string;
  id: string;
  key: string;
  source_id: string;
  capture_sha256: string;
  content_sha256: string;
  text: string;
  paragraphs: string;
  title: string | null;
  byline: string | null;
  published_at: string | null;
  language: string;
  canonical_url: string | null;
  ingested_at: string;
}

export function documentFromRow(row: DocumentRow): Document {
  return {
    id: row.id,
    key: row.key,
    sourceId: row.source_id,
    captureSha256: row.capture_sha256,
    text: row.text,
    paragraphs: (JSON.parse(row.paragraphs) as Array<[number, number]>).map(([start, end]) => ({
      start,
      end,
    })),
    title: row.title,
    byline: row.byline,
    publishedAt: row.published_at,
    language: row.language,
    canonicalUrl: row.canonical_url,
    ingestedAt: row.ingested_at,
  };
}

export interface AnnotationRow {
  id: string;
  document_id: string;
  kind: string;
  label: string;
  start_offset: number;
  end_offset: number;
  confidence: number;
  producer: string;
  producer_version: string;
  attributes: string;
}

export function annotationFromRow(row: AnnotationRow): Annotation {
  return {
    id: row.id,
    documentId: row.document_id,
    kind: row.kind,
    label: row.label,
    start: row.start_offset,
    end: row.end_offset,
    confidence: row.confidence,
    producer: row.producer,
    producerVersion: row.producer_version,
    attributes: JSON.parse(row.attributes) as Record<string, unknown>,
  };
}
