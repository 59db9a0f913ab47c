// Reported speech for the narrative models outside ingest (training, eval, experiments): the quote
// stage run on a bare text, and the same rule the label enricher applies to stored quotes (an
// attributed quote's content is reported speech), so training and serving cannot drift apart.
import { annotationsOfKind } from '@echotrace/core';
import { reportedSpans } from '@echotrace/narratives';
import { extractQuotes, quoteAnnotations } from '@echotrace/quotes';
import { russianVerbLemmas } from '../quotes/quote.language.ts';

/** Content spans of the attributed quotes of `text` (no entity mentions: speakers stay as written). */
export function textReportedSpans(text: string, language: string): Array<{ start: number; end: number }> {
  const quotes = extractQuotes({ text, language, lemmatize: russianVerbLemmas });
  return reportedSpans(annotationsOfKind(quoteAnnotations({ id: 'text', text }, quotes), 'quote'));
}
