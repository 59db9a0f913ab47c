// ADAQ (Russian): `ru_sentences.tsv` (sentences, sentence_id) and `ru_tokens.tsv` (lemmas, text,
// sentence_num, index_of_token_sent, tags: source / cue / content / None). Tokens are found in the
// sentence text in order to get their offsets; runs of one tag are the gold spans.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '@echotrace/core';
import type { Span } from '../quote.model.ts';
import type { GoldAttribution, GoldDocument } from './quote.scoring.ts';

export interface AdaqToken extends Span {
  tag: 'source' | 'cue' | 'content' | 'none';
}

export interface AdaqSentence extends GoldDocument {
  tokens: AdaqToken[];
}

// Fields are quoted CSV-style when they hold a quotation mark: "…""…" stands for …"….
const unquote = (field: string): string =>
  field.length >= 2 && field.startsWith('"') && field.endsWith('"')
    ? field.slice(1, -1).replace(/""/g, '"')
    : field;

export function readAdaq(dir: string): AdaqSentence[] {
  const sentencesPath = join(dir, 'ru_sentences.tsv');
  const tokensPath = join(dir, 'ru_tokens.tsv');
  for (const path of [sentencesPath, tokensPath])
    if (!existsSync(path))
      throw new InputError(path, 'missing: not an ADAQ folder (ru_sentences.tsv, ru_tokens.tsv)');
  const sentences = readFileSync(sentencesPath, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((line) => {
      const tab = line.lastIndexOf('\t');
      return { text: unquote(line.slice(0, tab)), id: line.slice(tab + 1).trim() };
    });
  const tokensOf = new Map<string, Array<{ text: string; tag: string }>>();
  for (const line of readFileSync(tokensPath, 'utf8').split('\n').slice(1)) {
    if (!line.trim()) continue;
    const [, text, sentence, , tag] = line.split('\t');
    if (text === undefined || sentence === undefined || tag === undefined)
      throw new InputError(tokensPath, `malformed line: ${line.slice(0, 60)}`);
    const list = tokensOf.get(sentence) ?? [];
    list.push({ text: unquote(text), tag: tag.trim() });
    tokensOf.set(sentence, list);
  }
  return sentences.map(({ text, id }) => {
    const tokens: AdaqToken[] = [];
    let at = 0;
    for (const token of tokensOf.get(id) ?? []) {
      const found = text.indexOf(token.text, at);
      if (found < 0)
        throw new InputError(tokensPath, `token ${JSON.stringify(token.text)} not found in sentence ${id}`);
      const tag = token.tag === 'None' ? 'none' : (token.tag as AdaqToken['tag']);
      tokens.push({ start: found, end: found + token.text.length, tag });
      at = found + token.text.length;
    }
    return { id, text, tokens, attributions: goldOf(tokens) };
  });
}

/** The fixed halves: tune on sentences at even positions of ru_sentences.tsv, score on odd ones. */
export function adaqHalf(sentences: readonly AdaqSentence[], half: 'tune' | 'test'): AdaqSentence[] {
  return sentences.filter((_, i) => (i % 2 === 0) === (half === 'tune'));
}

/** The sentence's one attribution, each role as its runs of tagged tokens (ADAQ has no links). */
function goldOf(tokens: readonly AdaqToken[]): GoldAttribution[] {
  if (tokens.every((t) => t.tag === 'none')) return [];
  const runs = (tag: AdaqToken['tag']): Span[] => {
    const out: Span[] = [];
    tokens.forEach((t, i) => {
      if (t.tag !== tag) return;
      if (i > 0 && tokens[i - 1]!.tag === tag) out[out.length - 1]!.end = t.end;
      else out.push({ start: t.start, end: t.end });
    });
    return out;
  };
  return [{ content: runs('content'), cue: runs('cue'), source: runs('source') }];
}
