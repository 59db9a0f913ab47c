// recognizeEntities: text in, typed mentions with exact offsets out. Tokenize, tag with the
// language's model, map tagger types to public ones, and mark news outlets as MEDIA.
import { MEDIA_CUES, isKnownOutlet } from './media.lexicon.ts';
import { loadNerModel } from './model.registry.ts';
import type { NerModel } from './ner.model.ts';
import { tagSequences } from './ner.tagging.ts';
import type { EntityType, Mention } from './mention.types.ts';
import { splitSequences, tokenize } from './word.tokenizer.ts';

/**
 * Finds PERSON, ORGANIZATION, LOCATION and MEDIA mentions. `language` is an ISO 639-1 code with a
 * committed model (`en`, `ru`); others throw an InputError (check with `hasNerModel`).
 */
export function recognizeEntities(text: string, language: string): Mention[] {
  return recognizeWithModel(loadNerModel(language), text);
}

export function recognizeWithModel(model: NerModel, text: string): Mention[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const tokens = tokenize(text);
  const sequences = splitSequences(text, tokens);
  const mentions: Mention[] = [];
  for (const span of tagSequences(model, text, sequences)) {
    let type: EntityType | null = model.typeMap[span.type] ?? null;
    const name = text.slice(span.start, span.end);
    if (type === 'ORGANIZATION' && (isKnownOutlet(name) || followsMediaCue(text, span.start))) type = 'MEDIA';
    if (type === null) {
      if (!isKnownOutlet(name)) continue;
      type = 'MEDIA';
    }
    const mention: Mention = {
      text: name,
      type,
      start: span.start,
      end: span.end,
      confidence: round(span.confidence),
    };
    if (span.title) mention.attributes = { title: span.title };
    mentions.push(mention);
  }
  return mentions;
}

function followsMediaCue(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 30), start).replace(/[«"“„\s]+$/u, '');
  const word = /([\p{L}-]+)$/u.exec(before)?.[1];
  return word !== undefined && MEDIA_CUES.has(word.toLowerCase());
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
