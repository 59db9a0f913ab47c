// One schema per annotation kind: what the `attributes` of an annotation of that kind hold. Producers
// validate what they emit against it, consumers parse what storage returns with it (storage itself
// keeps attributes as JSON and knows no kinds), and the coming HTTP API exports them as JSON Schema
// (`annotationJsonSchemas`).
import { z } from 'zod';
import { InputError } from '../errors.ts';
import type { Annotation } from '../model.ts';

/** The span convention every annotation shares; stated once so the JSON Schema documents it. */
export const SPAN_OFFSET_UNIT =
  'UTF-16 code units into the normalized document text (Document.text), half-open [start, end)';

const offset = (which: 'start' | 'end') =>
  z
    .number()
    .int()
    .nonnegative()
    .describe(`${which === 'start' ? 'First' : 'One past the last'} offset of the span: ${SPAN_OFFSET_UNIT}`);

const span = z
  .object({ start: offset('start'), end: offset('end') })
  .describe(`A span of the document text: ${SPAN_OFFSET_UNIT}`);

// A string, not an enum: the resolver may add reasons, and stored annotations outlive a version.
const linkReason = z
  .string()
  .describe(
    'Why the mention links to the entity: exact-alias, transliteration, inflection, in-document-coreference, fuzzy, new-candidate',
  );

/** Attributes per kind. Unknown extra keys are kept (an older or newer producer may add some). */
export const annotationAttributeSchemas = {
  entity: z.looseObject({
    entityId: z.string().min(1),
    name: z.string().describe("The entity's display name at the time of linking"),
    reason: linkReason,
    surface: z.string().describe('The mention as written'),
    title: z.string().optional().describe("A title written with a person's name"),
  }),
  sanction: z.looseObject({
    entityId: z.string().min(1),
    listEntryId: z.string(),
    list: z.string(),
    listedName: z.string().describe("The entry's primary name as the list writes it"),
    matchedName: z.string().describe('The list name or alias that matched'),
    score: z.number(),
    partial: z.boolean().describe("True when the document's name has fewer parts than the listed one"),
    explanation: z.string(),
    programs: z.array(z.string()),
    support: z
      .string()
      .optional()
      .describe('For a surname written alone: the fuller name in the document that completed it'),
    ambiguous: z.boolean().optional().describe('True when several listed namesakes fit the document'),
    candidates: z
      .array(
        z.object({ listEntryId: z.string(), list: z.string(), listedName: z.string(), score: z.number() }),
      )
      .optional()
      .describe('Every listed entry the mention may be, best first, when ambiguous'),
  }),
  // The annotation's span is the quoted content (from its first part to its last).
  quote: z.looseObject({
    speaker: z.string().nullable().describe('Who is quoted, as written, or null when unattributed'),
    speakerEntityId: z
      .string()
      .nullable()
      .optional()
      .describe(
        'The entity the speaker was resolved to in this document, or null when unknown (never guessed)',
      ),
    mode: z.enum(['direct', 'indirect']).optional().describe('Quoted words, or reported speech'),
    parts: z
      .array(span)
      .optional()
      .describe('The pieces of the content when an attribution or a paragraph break splits it'),
    cue: span.nullable().optional().describe('The verb or phrase introducing the quote (said, по словам)'),
    cueText: z.string().nullable().optional(),
    speakerSpan: span.nullable().optional().describe('The speaker phrase as written in the document'),
    speakerMention: span
      .nullable()
      .optional()
      .describe('The entity mention the speaker was resolved through (earlier in the text for a pronoun)'),
    resolution: z
      .string()
      .optional()
      .describe('How the speaker was resolved: mention, pronoun, description, unresolved, none'),
    role: z.string().nullable().optional().describe("The speaker's role as the text states it"),
    roleSpan: span.nullable().optional(),
    level: z.number().int().nonnegative().optional().describe("0 for the author's quotes, 1 inside one, …"),
    parentId: z.string().nullable().optional().describe('The quote annotation this one is nested in'),
    unclosed: z.boolean().optional().describe('A quotation mark was opened and never closed'),
    construction: z.string().optional().describe('Which extraction rule matched'),
  }),
  // The span is the sentence that most supports the label; `evidence` lists the best few.
  narrative: z.looseObject({
    narrativeId: z.string(),
    name: z.string(),
    entityIds: z.array(z.string()).optional(),
    level: z.enum(['narrative', 'subnarrative']).optional(),
    parentId: z.string().nullable().optional().describe('The narrative a sub-narrative belongs to'),
    score: z.number().optional().describe("The model's probability, or 1 for a matched query rule"),
    method: z.enum(['model', 'rule', 'analyst']).optional().describe('What assigned the label'),
    evidence: z.array(span).optional().describe('Sentences that support the label, best first'),
  }),
  // The span is the paragraph's sentence that most triggers the technique; `paragraph` is the unit labelled.
  technique: z.looseObject({
    techniqueId: z.string(),
    name: z.string(),
    score: z.number().optional(),
    method: z.enum(['model', 'analyst']).optional(),
    paragraph: span.optional().describe('The paragraph the technique was detected in'),
  }),
  link: z.looseObject({
    url: z.string().min(1).describe("The link's target as the post wrote it (https://…, tg://…)"),
    text: z.string().describe('The linked words in the document text (the span)'),
  }),
} as const;

export type AnnotationKind = keyof typeof annotationAttributeSchemas;
export const ANNOTATION_KINDS = Object.keys(annotationAttributeSchemas) as AnnotationKind[];

export type AnnotationAttributes<K extends AnnotationKind> = z.infer<(typeof annotationAttributeSchemas)[K]>;

/** An annotation whose `attributes` have the type of its kind. */
export type TypedAnnotation<K extends AnnotationKind = AnnotationKind> = {
  [P in K]: Omit<Annotation, 'kind' | 'attributes'> & { kind: P; attributes: AnnotationAttributes<P> };
}[K];

export type EntityAnnotation = TypedAnnotation<'entity'>;
export type SanctionAnnotation = TypedAnnotation<'sanction'>;
export type QuoteAnnotation = TypedAnnotation<'quote'>;

const envelope = (kind: AnnotationKind) =>
  z.object({
    id: z.string(),
    documentId: z.string(),
    kind: z.literal(kind),
    label: z.string(),
    start: offset('start'),
    end: offset('end'),
    confidence: z.number().min(0).max(1),
    producer: z.string(),
    producerVersion: z.string(),
    attributes: annotationAttributeSchemas[kind],
  });

/** The whole annotation per kind, the span unit described on `start` and `end`. */
export const annotationSchemas = Object.fromEntries(ANNOTATION_KINDS.map((k) => [k, envelope(k)])) as {
  [K in AnnotationKind]: ReturnType<typeof envelope>;
};

export function isAnnotationKind(kind: string): kind is AnnotationKind {
  return Object.hasOwn(annotationAttributeSchemas, kind);
}

/**
 * Checks an annotation against its kind's schema and returns it typed; throws InputError naming the
 * annotation and the first problem. Kinds without a schema are refused: a producer adds its kind here.
 */
export function parseAnnotation<K extends AnnotationKind>(
  annotation: Annotation,
  kind?: K,
): TypedAnnotation<K> {
  const where = `annotation ${annotation.id} (${annotation.producer})`;
  if (kind !== undefined && annotation.kind !== kind)
    throw new InputError(where, `expected kind ${kind}, got ${annotation.kind}`);
  if (!isAnnotationKind(annotation.kind)) throw new InputError(where, `unknown kind ${annotation.kind}`);
  const result = annotationAttributeSchemas[annotation.kind].safeParse(annotation.attributes);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InputError(
      where,
      `attributes ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  if (!(annotation.end >= annotation.start && annotation.start >= 0))
    throw new InputError(where, `span [${annotation.start}, ${annotation.end}) is not a span`);
  return { ...annotation, attributes: result.data } as unknown as TypedAnnotation<K>;
}

/** The annotations of one kind among many, parsed (others skipped). */
export function annotationsOfKind<K extends AnnotationKind>(
  annotations: readonly Annotation[],
  kind: K,
): TypedAnnotation<K>[] {
  return annotations.filter((a) => a.kind === kind).map((a) => parseAnnotation(a, kind));
}

/** Each kind's whole-annotation schema as JSON Schema (draft 2020-12), for the HTTP API. */
export function annotationJsonSchemas(): Record<AnnotationKind, Record<string, unknown>> {
  return Object.fromEntries(
    ANNOTATION_KINDS.map((k) => [k, z.toJSONSchema(annotationSchemas[k]) as Record<string, unknown>]),
  ) as Record<AnnotationKind, Record<string, unknown>>;
}
