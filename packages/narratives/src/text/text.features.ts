// Text → hashed features for the linear label models. Words, 5-letter prefixes (a cheap stem that
// catches Russian inflection: санкции/санкций/санкциями share "санкц"), prefix bigrams and in-word
// character 4-grams, rhetorical marks, each hashed with FNV-1a so a model carries no feature strings. The same function
// serves training and prediction, so the two can never drift apart.

export interface Sentence {
  start: number;
  end: number;
}

/** 32-bit FNV-1a of a feature name. */
export function hashFeature(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The bias feature every example carries. */
export const BIAS_FEATURE = hashFeature('\u0000bias');

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-cased words of a text, ё folded to е. */
export function words(text: string): string[] {
  return (text.toLowerCase().replaceAll('ё', 'е').match(WORD) ?? []).filter((w) => w.length > 1);
}

/** The distinct feature hashes of a text (bias included), sorted. */
export function textFeatures(text: string): Uint32Array {
  const seen = new Set<number>([BIAS_FEATURE]);
  const tokens = words(text);
  let previous = '';
  for (const word of tokens) {
    const prefix = word.length > 5 ? word.slice(0, 5) : word;
    seen.add(hashFeature('w' + word));
    seen.add(hashFeature('p' + prefix));
    if (previous) seen.add(hashFeature('b' + previous + ' ' + prefix));
    previous = prefix;
    const padded = ' ' + word + ' ';
    for (let i = 0; i + 4 <= padded.length; i++) seen.add(hashFeature('c' + padded.slice(i, i + 4)));
  }
  // Marks that carry rhetoric (exclamations, questions, scare quotes, ellipses) and shouted words.
  for (const mark of text.match(PUNCTUATION) ?? []) seen.add(hashFeature('m' + mark));
  if (/\b\p{Lu}{4,}\b/u.test(text)) seen.add(hashFeature('caps'));
  return Uint32Array.from(seen).sort();
}

/**
 * A text's features split by voice: `own` from the text with the reported spans (attributed
 * quotes' content) blanked, `reported` those found only inside the reported spans. The model
 * weighs `reported` less (decision 0016: a report of a claim is not the outlet making it).
 */
export interface VoicedFeatures {
  own: Uint32Array;
  reported: Uint32Array;
}

export function voicedFeatures(text: string, reported: readonly Sentence[]): VoicedFeatures {
  if (reported.length === 0) return { own: textFeatures(text), reported: new Uint32Array() };
  let own = '';
  let inside = '';
  let at = 0;
  for (const span of [...reported].sort((a, b) => a.start - b.start)) {
    const start = Math.max(at, span.start);
    if (span.end <= start) continue;
    own += text.slice(at, start) + '\n';
    inside += text.slice(start, span.end) + '\n';
    at = span.end;
  }
  own += text.slice(at);
  const ownFeatures = textFeatures(own);
  const mine = new Set(ownFeatures);
  return { own: ownFeatures, reported: textFeatures(inside).filter((f) => !mine.has(f)) };
}

const PUNCTUATION = /[!?«»"“”…]|\.\.\./gu;

const SENTENCE_END = /[.!?…]+["»”)]*\s+|\n+/gu;

/** Sentences of `text` within [from, to): cut after end punctuation or at line breaks, trimmed. */
export function splitSentences(text: string, from = 0, to = text.length): Sentence[] {
  const out: Sentence[] = [];
  const slice = text.slice(from, to);
  let start = 0;
  const push = (s: number, e: number): void => {
    while (s < e && /\s/u.test(slice[s]!)) s++;
    while (e > s && /\s/u.test(slice[e - 1]!)) e--;
    if (e > s) out.push({ start: from + s, end: from + e });
  };
  for (const match of slice.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    push(start, end);
    start = end;
  }
  push(start, slice.length);
  return out;
}
