// `echotrace eval quotes`: runs the extractor over PolNeAR (English articles) or ADAQ (Russian
// sentences) and scores it with quote.scoring.ts. The split is part of the result: PolNeAR train and
// the ADAQ tune half are what the rules were tuned on; PolNeAR dev and the ADAQ test half are not.
import { InputError, paragraphSpans } from '@echotrace/core';
import { extractQuotes } from '../quote.extractor.ts';
import type { ExtractedQuote, Span, SpeakerCandidate } from '../quote.model.ts';
import { sentencesIn } from '../quote.text.ts';
import { adaqHalf, readAdaq } from './adaq.reader.ts';
import { readPolnear } from './polnear.reader.ts';
import { scoreItems, type GoldAttribution, type QuoteScores, type ScoredItem } from './quote.scoring.ts';

export const QUOTE_FORMATS = ['polnear', 'adaq'] as const;
export type QuoteFormat = (typeof QUOTE_FORMATS)[number];

export interface QuoteEvaluationOptions {
  /** polnear: train or dev (default dev); adaq: tune or test (default test). */
  split?: string;
  lemmatize?: (word: string) => readonly string[];
  /** The document's entity mentions (the pipeline's recognizer and resolver), for speaker names. */
  mentions?: (text: string, language: string) => Promise<readonly SpeakerCandidate[]>;
}

export interface QuoteEvaluation extends QuoteScores {
  format: QuoteFormat;
  data: string;
  split: string;
  language: string;
  documents: number;
  quotesPredicted: number;
  documentsPerSecond: number;
}

const TOKEN = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;

function tokensOf(text: string): Span[] {
  return [...text.matchAll(TOKEN)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/**
 * PolNeAR's source is the whole phrase ("Spokeswoman Haley Morris"); ADAQ's is the name alone when
 * there is one ("Сергей Кириенко", not his office before it), else the description ("Военный комиссар").
 */
type SourceConvention = 'phrase' | 'name';

function asAttribution(text: string, quote: ExtractedQuote, convention: SourceConvention): GoldAttribution {
  const named =
    quote.resolution === 'mention' &&
    quote.speakerMention &&
    quote.speaker &&
    quote.speakerMention.start >= quote.speaker.start &&
    quote.speakerMention.end <= quote.speaker.end;
  const source = convention === 'name' && named ? quote.speakerMention : quote.speaker;
  return {
    content: quote.parts.map((p) => withMarks(text, p)),
    cue: quote.cue ? [quote.cue] : [],
    source: source ? [source] : [],
  };
}

const MARK = /["«»“”„‘’']/;

/** Both corpora count the quotation marks as part of the content; our spans hold what is inside them. */
function withMarks(text: string, part: Span): Span {
  let { start, end } = part;
  if (MARK.test(text[start - 1] ?? '')) start--;
  let e = end;
  while (/[,.!?…]/.test(text[e] ?? '')) e++;
  if (MARK.test(text[e] ?? '')) end = e + 1;
  return { start, end };
}

export async function evaluateQuotes(
  format: QuoteFormat,
  data: string,
  options: QuoteEvaluationOptions = {},
): Promise<QuoteEvaluation> {
  const started = performance.now();
  let items: ScoredItem[];
  let split: string;
  let language: string;
  let predictedCount = 0;
  const predict = async (
    text: string,
    lang: string,
    convention: SourceConvention,
  ): Promise<GoldAttribution[]> => {
    const mentions = options.mentions ? await options.mentions(text, lang) : [];
    const quotes = extractQuotes({
      text,
      language: lang,
      mentions,
      ...(options.lemmatize ? { lemmatize: options.lemmatize } : {}),
    });
    predictedCount += quotes.length;
    return quotes.map((q) => asAttribution(text, q, convention));
  };
  if (format === 'polnear') {
    split = options.split ?? 'dev';
    if (split !== 'train' && split !== 'dev')
      throw new InputError('--split', 'PolNeAR splits are train and dev');
    language = 'en';
    items = [];
    for (const doc of readPolnear(data, split))
      items.push({
        text: doc.text,
        tokens: tokensOf(doc.text),
        gold: doc.attributions,
        predicted: await predict(doc.text, 'en', 'phrase'),
        sentences: paragraphSpans(doc.text).flatMap((p) => sentencesIn(doc.text, p, () => false)),
      });
  } else {
    split = options.split ?? 'test';
    if (split !== 'tune' && split !== 'test')
      throw new InputError('--split', 'ADAQ halves are tune and test');
    language = 'ru';
    items = [];
    for (const sentence of adaqHalf(readAdaq(data), split))
      items.push({
        text: sentence.text,
        tokens: sentence.tokens,
        tokenTags: sentence.tokens.map((t) => t.tag),
        gold: sentence.attributions,
        predicted: await predict(sentence.text, 'ru', 'name'),
        sentences: [{ start: 0, end: sentence.text.length }],
      });
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    format,
    data,
    split,
    language,
    documents: items.length,
    quotesPredicted: predictedCount,
    documentsPerSecond: Math.round(items.length / Math.max(seconds, 1e-6)),
    ...scoreItems(items),
  };
}
