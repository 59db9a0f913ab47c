// The public surface of @echotrace/quotes.
export type {
  ExtractedQuote,
  QuoteExtractionInput,
  QuoteMode,
  Span,
  SpeakerCandidate,
  SpeakerResolution,
} from './quote.model.ts';
export { extractQuotes } from './quote.extractor.ts';
export { findQuotedRegions, type QuotedRegion } from './quote.marks.ts';
export {
  evaluateQuotes,
  QUOTE_FORMATS,
  type QuoteEvaluation,
  type QuoteEvaluationOptions,
  type QuoteFormat,
} from './evaluation/quote.evaluation.ts';
export type { QuoteScores, Score as QuoteScore, Role as QuoteRole } from './evaluation/quote.scoring.ts';
export {
  createQuoteEnricher,
  quoteAnnotations,
  storedQuotes,
  QUOTE_DESCRIPTOR,
  QUOTE_PRODUCER,
  QUOTE_PRODUCER_VERSION,
  type QuoteEnricherOptions,
} from './quote.enricher.ts';
