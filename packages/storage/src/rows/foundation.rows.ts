// Row ↔ domain mapping for the foundation tables (row types from database/schema.ts).
import type { Annotation, Document, Source } from '@echotrace/core';
import type { Selectable } from 'kysely';
import type { AnnotationsTable, DocumentsTable, SourcesTable } from '../database/schema.ts';

export type SourceRow = Omit<Selectable<SourcesTable>, 'owner'> & { owner?: string | null };
/** The columns a document is read from (not rowid, nor PostgreSQL's search vector). */
export type DocumentRow = Omit<Selectable<DocumentsTable>, 'rowid' | 'published_utc'>;
export type AnnotationRow = Omit<Selectable<AnnotationsTable>, 'entity_id'>;

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
