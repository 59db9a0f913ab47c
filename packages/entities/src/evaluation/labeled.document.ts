// The common shape every NER dataset reader produces: text, its token sequences and gold spans in
// the tagger's short type codes (PER, ORG, LOC, MISC).
import type { TextToken } from '../recognition/word.tokenizer.ts';

export interface GoldSpan {
  start: number;
  end: number;
  type: string;
}

export interface LabeledDocument {
  id: string;
  text: string;
  /** Sentence-like token sequences, in the dataset's own tokenization where it has one. */
  sequences: TextToken[][];
  gold: GoldSpan[];
}

/** BIO labels of each token for a set of gold spans (a token overlapping a span belongs to it). */
export function bioLabels(sequence: TextToken[], gold: GoldSpan[]): string[] {
  const labels = sequence.map(() => 'O');
  for (const span of gold) {
    let first = true;
    sequence.forEach((token, i) => {
      if (token.end > span.start && token.start < span.end && labels[i] === 'O') {
        labels[i] = `${first ? 'B' : 'I'}-${span.type}`;
        first = false;
      }
    });
  }
  return labels;
}

/** Keeps the outermost spans; of overlapping spans that do not nest, the longer (then earlier) wins. */
export function outermostSpans(spans: GoldSpan[], priority: (type: string) => number): GoldSpan[] {
  const ordered = [...spans].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || priority(a.type) - priority(b.type) || a.start - b.start,
  );
  const kept: GoldSpan[] = [];
  for (const span of ordered) {
    if (kept.some((k) => span.start < k.end && k.start < span.end)) continue;
    kept.push(span);
  }
  return kept.sort((a, b) => a.start - b.start);
}
