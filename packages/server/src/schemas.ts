// The schemas that validate requests and describe responses at the edge; the OpenAPI description
// is generated from these same objects.
import { z } from '@hono/zod-openapi';
import type { JSONValue } from 'hono/utils/types';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  })
  .openapi('Error');

/** Offsets in this API are UTF-16 code units, half-open [start, end), as JavaScript strings index. */
const UTF16_START = 'First offset, in UTF-16 code units (JavaScript string indices); half-open [start, end)';
const UTF16_END = 'One past the last offset, in UTF-16 code units';

export const SpanSchema = z
  .object({
    start: z
      .number()
      .int()
      .openapi({ description: `${UTF16_START}, into the snippet text` }),
    end: z.number().int().openapi({ description: UTF16_END }),
  })
  .openapi({ description: 'A span of the snippet text it belongs to' });

export const SearchHitSchema = z
  .object({
    documentId: z.string(),
    title: z.string().nullable(),
    sourceId: z.string(),
    language: z.string(),
    publishedAt: z.string().nullable(),
    canonicalUrl: z.string().nullable(),
    score: z.number(),
    snippet: z.string(),
    highlights: z.array(SpanSchema),
  })
  .openapi('SearchHit');

const FacetCountSchema = z.object({ value: z.string(), documents: z.number().int() });

export const FacetsSchema = z
  .object({
    total: z.number().int(),
    sources: z.array(FacetCountSchema),
    languages: z.array(FacetCountSchema),
    entities: z.array(FacetCountSchema),
  })
  .openapi('SearchFacets');

export const SearchResultSchema = z
  .object({
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
    hits: z.array(SearchHitSchema),
    facets: FacetsSchema.optional(),
  })
  .openapi('SearchResult');

export const AnnotationSchema = z
  .object({
    id: z.string(),
    documentId: z.string(),
    kind: z.string(),
    label: z.string(),
    start: z
      .number()
      .int()
      .openapi({ description: `${UTF16_START}, into the document text` }),
    end: z.number().int().openapi({ description: UTF16_END }),
    confidence: z.number(),
    producer: z.string(),
    producerVersion: z.string(),
    attributes: z.record(z.string(), z.unknown()),
  })
  .openapi('Annotation');

export const DocumentSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    sourceId: z.string(),
    captureSha256: z.string(),
    text: z.string(),
    paragraphs: z.array(SpanSchema),
    title: z.string().nullable(),
    byline: z.string().nullable(),
    publishedAt: z.string().nullable(),
    language: z.string(),
    canonicalUrl: z.string().nullable(),
    ingestedAt: z.string(),
  })
  .openapi('Document');

export const SourceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['website', 'telegram', 'feed', 'files']),
    homepage: z.string().nullable(),
    language: z.string().nullable(),
    country: z.string().nullable(),
    labels: z.array(z.string()),
    owner: z.string().nullable().optional(),
  })
  .openapi('Source');

export const CaptureSchema = z
  .object({
    sha256: z.string(),
    byteLength: z.number().int(),
    mediaType: z.string(),
    charset: z.string().nullable(),
    capturedAt: z.string(),
    origin: z.string(),
  })
  .openapi('Capture');

export const DocumentViewSchema = z
  .object({
    document: DocumentSchema,
    source: SourceSchema.nullable(),
    capture: CaptureSchema.nullable(),
    versions: z.array(
      z.object({
        documentId: z.string(),
        captureSha256: z.string(),
        contentSha256: z.string(),
        seenAt: z.string(),
      }),
    ),
    copies: z.array(
      z.object({
        documentId: z.string(),
        sourceId: z.string(),
        title: z.string().nullable(),
        publishedAt: z.string().nullable(),
        ingestedAt: z.string(),
        canonicalUrl: z.string().nullable(),
        original: z.boolean(),
      }),
    ),
    entities: z.array(AnnotationSchema),
    quotes: z.array(AnnotationSchema),
    sanctions: z.array(AnnotationSchema),
    annotations: z.array(AnnotationSchema).openapi({ description: 'every annotation, of every kind' }),
  })
  .openapi('DocumentView');

/** Shapes owned by app's use cases, described loosely: their fields are documented in docs/server.md. */
export const LooseObjectSchema = z.record(z.string(), z.unknown());

/** A use case's plain-data result as the loose JSON object LooseObjectSchema describes. */
export const loose = (value: object): Record<string, JSONValue> => value as Record<string, JSONValue>;

export const IdParamSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const limitParam = (fallback: number, max: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback);
