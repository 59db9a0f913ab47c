// Runs a model over token sequences and turns BIO paths into typed spans, then separates titles from
// names: a role written before a person ("military expert Viktor Baranets") becomes an attribute and
// an honorific the tagger swallowed ("President Obama") is moved out of the span.
import type { NerModel } from './ner.model.ts';
import { bioConstraints, decodeScores, emissionScoresByWord } from './sequence.tagger.ts';
import type { Decoded, TaggerWeights } from './sequence.tagger.ts';
import { MEDIA_NAMES } from './media.lexicon.ts';
import { BUILT_IN_TITLE_HEADS, BUILT_IN_TITLE_WORDS, TITLE_EDGE_STOPWORDS } from './title.lexicon.ts';
import { documentContext, documentHints } from './token.features.ts';
import { correctSpans, type SpanDraft } from './span.corrections.ts';
import { truecaseHeadlines } from './headline.case.ts';
import { hintFeatureHashes, OWN_FEATURES, sequenceFeatureHashes } from './token.hashes.ts';
import type { TokenHint } from './token.features.ts';
import type { TextToken } from './word.tokenizer.ts';

/** A span in the tagger's own type codes (PER, ORG, LOC, MISC). */
export interface TaggedSpan {
  start: number;
  end: number;
  type: string;
  confidence: number;
  title?: string;
}

interface PreparedModel {
  model: NerModel;
  titleWords: Set<string>;
  titleHeads: Set<string>;
}

const prepared = new WeakMap<NerModel, PreparedModel>();

function prepare(model: NerModel): PreparedModel {
  let ready = prepared.get(model);
  if (!ready) {
    const titleWords = new Set([...(BUILT_IN_TITLE_WORDS[model.language] ?? []), ...model.titleWords]);
    const titleHeads = new Set([...(BUILT_IN_TITLE_HEADS[model.language] ?? []), ...model.titleHeads]);
    ready = { model, titleWords, titleHeads };
    prepared.set(model, ready);
  }
  return ready;
}

/** Feature hashes of every token of one sequence (shared by training and tagging). */
export function sequenceHashes(
  words: string[],
  context: ReturnType<typeof documentContext>,
  hints?: TokenHint[],
): number[][] {
  return sequenceFeatureHashes(words, context, hints);
}

/** Runs the first stage, then (when the model has one) the second stage over the first's hints. */
export function decodeDocument(
  model: NerModel,
  words: string[][],
): { weights: TaggerWeights; decoded: Decoded[] } {
  const context = documentContext(words);
  const first = model.weights;
  const firstAllowed = allowedFor(first);
  // The second stage sees the same features plus the first stage's labels: hash the shared part once.
  const base = words.map((w) => (w.length === 0 ? [] : sequenceHashes(w, context)));
  const stage1 = words.map((w, k) =>
    w.length === 0
      ? { labels: [], margins: [] }
      : decodeScores(first, firstAllowed, emissionScoresByWord(first, w, base[k]!, OWN_FEATURES)),
  );
  const second = model.stage2;
  if (!second) return { weights: first, decoded: stage1 };
  const hints = documentHints(
    words,
    stage1.map((d) => d.labels.map((i) => first.labels[i]!)),
  );
  const secondAllowed = allowedFor(second);
  const stage2 = words.map((w, k) =>
    w.length === 0
      ? { labels: [], margins: [] }
      : decodeScores(
          second,
          secondAllowed,
          emissionScoresByWord(
            second,
            w,
            hintFeatureHashes(w, hints[k]!).map((extra, i) => [...base[k]![i]!, ...extra]),
            OWN_FEATURES,
          ),
        ),
  );
  return { weights: second, decoded: stage2 };
}

const constraints = new WeakMap<TaggerWeights, Uint8Array>();
function allowedFor(weights: TaggerWeights): Uint8Array {
  let allowed = constraints.get(weights);
  if (!allowed) constraints.set(weights, (allowed = bioConstraints(weights.labels)));
  return allowed;
}

export function tagSequences(model: NerModel, text: string, sequences: TextToken[][]): TaggedSpan[] {
  const ready = prepare(model);
  const words = sequences.map((s) => s.map((t) => t.text));
  const { weights, decoded } = decodeDocument(
    model,
    model.language === 'en' ? truecaseHeadlines(words) : words,
  );
  const drafts: SpanDraft[] = [];
  sequences.forEach((_, k) => {
    const { labels } = decoded[k]!;
    labels.forEach((labelIndex, i) => {
      const label = weights.labels[labelIndex]!;
      if (label === 'O') return;
      const type = label.slice(2);
      const open = drafts[drafts.length - 1];
      if (label.startsWith('I-') && open && open.sequence === k && open.last === i - 1 && open.type === type)
        open.last = i;
      else drafts.push({ sequence: k, first: i, last: i, type });
    });
  });
  const spans: TaggedSpan[] = [];
  for (const entity of correctSpans(model.language, text, sequences, drafts)) {
    const { margins } = decoded[entity.sequence]!;
    let lowest = Infinity;
    for (let i = entity.first; i <= entity.last; i++) lowest = Math.min(lowest, margins[i]!);
    const confidence = 1 / (1 + Math.exp(-lowest / weights.marginScale));
    const sequence = sequences[entity.sequence]!;
    const span = separateTitle(ready, text, sequence, entity.first, entity.last, entity.type, confidence);
    if (span) spans.push(span);
  }
  return harmonizeTypes(text, addKnownOutlets(text, spans));
}

const OUTLET_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[...MEDIA_NAMES]
    .filter((name) => name.includes(' ') || name.length >= 3)
    .sort((a, b) => b.length - a.length)
    .map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')})(?![\\p{L}\\p{N}])`,
  'giu',
);

/**
 * Outlets named verbatim are organizations even where the tagger missed them or took a part for a
 * place ("Голос Америки" → LOC "Америки"). Only capitalized multi-word names and all-caps acronyms
 * are matched, so common words that are also outlet names ("дождь", "life") are left to the tagger.
 */
function addKnownOutlets(text: string, spans: TaggedSpan[]): TaggedSpan[] {
  const added: TaggedSpan[] = [];
  for (const match of text.matchAll(OUTLET_PATTERN)) {
    const name = match[0];
    const multiword = name.includes(' ');
    if (multiword ? !/^\p{Lu}/u.test(name) : name !== name.toUpperCase()) continue;
    const start = match.index;
    const end = start + name.length;
    const overlapping = spans.filter((s) => s.start < end && start < s.end);
    if (overlapping.some((s) => s.start < start || s.end > end)) continue;
    const same = overlapping.length === 1 && overlapping[0]!.start === start && overlapping[0]!.end === end;
    if (same) {
      overlapping[0]!.type = 'ORG';
      continue;
    }
    for (const s of overlapping) spans.splice(spans.indexOf(s), 1);
    added.push({ start, end, type: 'ORG', confidence: 0.6 });
  }
  return added.length === 0 ? spans : [...spans, ...added].sort((a, b) => a.start - b.start);
}

/**
 * One name, one type per document: the tagger decides each occurrence from its local context and
 * sometimes disagrees with itself ("Vestas" as ORG in one sentence, PER in another). Every
 * occurrence takes the type with the highest total confidence across the document.
 */
function harmonizeTypes(text: string, spans: TaggedSpan[]): TaggedSpan[] {
  const votes = new Map<string, Map<string, number>>();
  for (const span of spans) {
    const name = text.slice(span.start, span.end);
    let byType = votes.get(name);
    if (!byType) votes.set(name, (byType = new Map<string, number>()));
    byType.set(span.type, (byType.get(span.type) ?? 0) + span.confidence);
  }
  for (const span of spans) {
    const byType = votes.get(text.slice(span.start, span.end))!;
    if (byType.size < 2) continue;
    let best = span.type;
    for (const [type, weight] of byType) if (weight > byType.get(best)!) best = type;
    span.type = best;
  }
  return spans;
}

/** In the set, or (long words) in it after dropping a case ending: "губернатору" → "губернатор". */
function inWordSet(set: Set<string>, word: string): boolean {
  const lower = word.toLowerCase();
  if (set.has(lower)) return true;
  return lower.length >= 6 && (set.has(lower.slice(0, -1)) || set.has(lower.slice(0, -2)));
}

function isTitleWord(ready: PreparedModel, word: string): boolean {
  return inWordSet(ready.titleWords, word);
}

function separateTitle(
  ready: PreparedModel,
  text: string,
  sequence: TextToken[],
  first: number,
  last: number,
  type: string,
  confidence: number,
): TaggedSpan | null {
  if (type !== 'PER') return { start: sequence[first]!.start, end: sequence[last]!.end, type, confidence };
  // Honorifics the tagger included: "President Obama" → name "Obama". Keep at least one token.
  let nameFirst = first;
  while (nameFirst < last && isTitleWord(ready, sequence[nameFirst]!.text.replace(/\.$/, ''))) nameFirst++;
  // "Mr." may be tokenized as "Mr" + ".".
  while (nameFirst < last && sequence[nameFirst]!.text === '.') nameFirst++;
  // Role words written just before the name, joined only by spaces.
  let titleFirst = nameFirst > first ? first : nameFirst;
  let cursor = first - 1;
  while (cursor >= 0 && nameFirst - cursor <= 7) {
    const token = sequence[cursor]!;
    const gap = text.slice(token.end, sequence[cursor + 1]!.start);
    if (!/^\s*$/.test(gap) && !(gap === '' && token.text === '.')) break;
    if (token.text === '.' && cursor > 0 && isTitleWord(ready, sequence[cursor - 1]!.text)) {
      cursor--;
      continue;
    }
    if (!isTitleWord(ready, token.text) && !/^\p{Lu}/u.test(token.text)) break;
    cursor--;
    if (isTitleWord(ready, token.text)) titleFirst = cursor + 1;
  }
  // A role phrase begins with a head word ("министр обороны", "military expert"), never with a
  // complement alone ("обороны", "дома"), nor with a function word.
  while (
    titleFirst < nameFirst &&
    (TITLE_EDGE_STOPWORDS.has(sequence[titleFirst]!.text.toLowerCase()) ||
      !inWordSet(ready.titleHeads, sequence[titleFirst]!.text.replace(/\.$/, '')))
  )
    titleFirst++;
  const span: TaggedSpan = { start: sequence[nameFirst]!.start, end: sequence[last]!.end, type, confidence };
  if (titleFirst < nameFirst) {
    span.title = text.slice(sequence[titleFirst]!.start, sequence[nameFirst - 1]!.end).replace(/\s+/g, ' ');
  }
  return span;
}
