// recognizeEntities: text in, typed mentions with exact offsets out. Tokenize, tag with the
// language's model, map tagger types to public ones, and mark news outlets as MEDIA.
import { MEDIA_CUES, isKnownOutlet } from './media.lexicon.ts';
import { hasNerModel, loadNerModel } from './model.registry.ts';
import type { NerModel } from './ner.model.ts';
import { tagSequences } from './ner.tagging.ts';
import type { EntityType, Mention } from './mention.types.ts';
import { splitSequences, tokenize, type TextToken } from './word.tokenizer.ts';

/**
 * Finds PERSON, ORGANIZATION, LOCATION and MEDIA mentions. `language` is an ISO 639-1 code with a
 * committed model (`en`, `ru`); others throw an InputError (check with `hasNerModel`).
 */
export function recognizeEntities(text: string, language: string): Mention[] {
  return recognizeWithModel(loadNerModel(language), text);
}

export function recognizeWithModel(model: NerModel, text: string): Mention[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const passages = model.language === 'en' && hasNerModel('ru') ? cyrillicPassages(text) : [];
  if (passages.length === 0) return recognizeOneScript(model, text);
  // A Russian original quoted in an English text ("[Россия отталкивает союзника …]"): the English
  // tagger reads Cyrillic words as names; the Russian one reads the passage.
  const ru = loadNerModel('ru');
  const inside = (m: Mention): boolean => passages.some((p) => m.start < p.end && m.end > p.start);
  const mentions = recognizeOneScript(model, text).filter((m) => !inside(m));
  for (const passage of passages) {
    for (const m of recognizeOneScript(ru, text.slice(passage.start, passage.end)))
      mentions.push({ ...m, start: m.start + passage.start, end: m.end + passage.start });
  }
  return mentions.sort((a, b) => a.start - b.start);
}

// Two or more Cyrillic words with only spaces, digits and punctuation between them.
const CYRILLIC_PASSAGE =
  /\p{Script=Cyrillic}[\p{Script=Cyrillic}\p{M}]*(?:[^\p{L}\n]+\p{Script=Cyrillic}[\p{Script=Cyrillic}\p{M}]*)+/gu;

function cyrillicPassages(text: string): Array<{ start: number; end: number }> {
  return [...text.matchAll(CYRILLIC_PASSAGE)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

function recognizeOneScript(model: NerModel, text: string): Mention[] {
  const tokens =
    model.language === 'en' ? joinInitials(tokenize(text, { possessives: true })) : tokenize(text);
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

/**
 * "Anthony V. Rinna": English training text (CoNLL) writes an initial with its full stop as one
 * token, and the English tagger reads a lone "V" as the end of something else.
 */
function joinInitials(tokens: TextToken[]): TextToken[] {
  const out: TextToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const dot = tokens[i + 1];
    if (/^\p{Lu}$/u.test(token.text) && dot?.text === '.' && dot.start === token.end) {
      out.push({ text: `${token.text}.`, start: token.start, end: dot.end });
      i++;
    } else out.push(token);
  }
  return out;
}

function followsMediaCue(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 30), start).replace(/[«"“„\s]+$/u, '');
  const word = /([\p{L}-]+)$/u.exec(before)?.[1];
  return word !== undefined && MEDIA_CUES.has(word.toLowerCase());
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
