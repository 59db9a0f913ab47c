// `eval quotes`: the quote stage scored as the pipeline runs it, with Russian verb lemmas and the
// entity stage's resolved mentions (seed knowledge base) as speaker candidates.
import { analyzeEntities, buildKnowledgeBase, recognizeEntities } from '@echotrace/entities';
import { evaluateQuotes, type QuoteEvaluation, type QuoteFormat } from '@echotrace/quotes';
import { seedEntries } from '../entities/knowledge.base.loader.ts';
import { russianVerbLemmas } from './quote.language.ts';

export async function evaluateQuoteExtraction(
  format: QuoteFormat,
  data: string,
  options: { split?: string } = {},
): Promise<QuoteEvaluation> {
  const kb = buildKnowledgeBase(await seedEntries());
  return evaluateQuotes(format, data, {
    ...options,
    lemmatize: russianVerbLemmas,
    mentions: async (text, language) =>
      (await analyzeEntities(text, language, kb, recognizeEntities)).map((m) => ({
        start: m.start,
        end: m.end,
        entityId: m.entityId,
        type: m.type,
        ...(m.attributes?.title ? { title: m.attributes.title } : {}),
      })),
  });
}
