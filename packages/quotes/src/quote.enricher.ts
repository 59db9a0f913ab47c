// The quote stage as an enricher: reads the document's `entity` annotations (the speakers it can
// resolve to), extracts its quotes and stores each as an annotation of kind `quote` over its content,
// validated against core's schema. Re-run whenever the entities are (relink), like screening.
import {
  annotationsOfKind,
  parseAnnotation,
  sha256Hex,
  type Annotation,
  type Document,
  type Enricher,
  type EnrichmentInputs,
} from '@echotrace/core';
import { extractQuotes } from './quote.extractor.ts';
import type { ExtractedQuote, Span, SpeakerCandidate } from './quote.model.ts';

export const QUOTE_PRODUCER = 'quotes';
export const QUOTE_PRODUCER_VERSION = '1';
export const QUOTE_DESCRIPTOR = {
  producer: QUOTE_PRODUCER,
  version: QUOTE_PRODUCER_VERSION,
  produces: ['quote'],
  reads: ['entity'],
} as const;

export interface QuoteEnricherOptions {
  /** Dictionary lemmas of a Russian word, for cue verbs in any form. */
  lemmatize?: (word: string) => readonly string[];
}

export function createQuoteEnricher(options: QuoteEnricherOptions = {}): Enricher {
  return {
    ...QUOTE_DESCRIPTOR,
    produces: [...QUOTE_DESCRIPTOR.produces],
    reads: [...QUOTE_DESCRIPTOR.reads],
    annotate(document: Document, inputs: EnrichmentInputs) {
      if (!document.text) return [];
      const mentions = inputs.of('entity').map((m): SpeakerCandidate => ({
        start: m.start,
        end: m.end,
        entityId: m.attributes.entityId,
        type: m.label,
        ...(m.attributes.title ? { title: m.attributes.title } : {}),
      }));
      const quotes = extractQuotes({
        text: document.text,
        language: document.language.split('-')[0]!,
        mentions,
        ...(options.lemmatize ? { lemmatize: options.lemmatize } : {}),
      });
      return quoteAnnotations(document, quotes);
    },
  };
}

/** The quotes as annotations; ids depend on the document and the content span only. */
export function quoteAnnotations(
  document: Pick<Document, 'id' | 'text'>,
  quotes: readonly ExtractedQuote[],
): Annotation[] {
  const slice = (span: Span | null): string | null =>
    span ? document.text.slice(span.start, span.end) : null;
  const ids = quotes.map((q) =>
    sha256Hex(
      `${document.id}\u0000quote\u0000${q.content.start}\u0000${q.content.end}\u0000${q.level}`,
    ).slice(0, 32),
  );
  return quotes.map((q, i) =>
    parseAnnotation(
      {
        id: ids[i]!,
        documentId: document.id,
        kind: 'quote',
        label: q.mode === 'direct' ? 'DIRECT' : 'INDIRECT',
        start: q.content.start,
        end: q.content.end,
        confidence: q.confidence,
        producer: QUOTE_PRODUCER,
        producerVersion: QUOTE_PRODUCER_VERSION,
        attributes: {
          speaker: slice(q.speaker),
          speakerEntityId: q.speakerEntityId,
          mode: q.mode,
          parts: q.parts,
          cue: q.cue,
          cueText: slice(q.cue),
          speakerSpan: q.speaker,
          speakerMention: q.speakerMention,
          resolution: q.resolution,
          role: slice(q.role),
          roleSpan: q.role,
          level: q.level,
          parentId: q.parent === null ? null : ids[q.parent]!,
          unclosed: q.unclosed,
          construction: q.construction,
        },
      },
      'quote',
    ),
  );
}

/** The document's stored quotes, parsed (for show, analyze and the quotes listing). */
export function storedQuotes(annotations: readonly Annotation[]) {
  return annotationsOfKind(annotations, 'quote');
}
