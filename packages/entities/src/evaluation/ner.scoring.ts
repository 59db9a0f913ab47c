// Entity-level scoring. Exact match (as conlleval): a predicted span counts only if its start, end and
// type all equal a gold span's. Token-level (as Natasha's naeval reports FactRuEval): every token is a
// decision for its type.
import type { GoldSpan } from './labeled.document.ts';
import type { TextToken } from '../recognition/word.tokenizer.ts';

export interface Score {
  precision: number;
  recall: number;
  f1: number;
  gold: number;
  predicted: number;
  correct: number;
}

export interface ScoreTable {
  overall: Score;
  perType: Record<string, Score>;
}

export class Tally {
  readonly counts = new Map<string, { gold: number; predicted: number; correct: number }>();

  add(type: string, field: 'gold' | 'predicted' | 'correct', n = 1): void {
    let entry = this.counts.get(type);
    if (!entry) {
      entry = { gold: 0, predicted: 0, correct: 0 };
      this.counts.set(type, entry);
    }
    entry[field] += n;
  }

  table(): ScoreTable {
    const perType: Record<string, Score> = {};
    const total = { gold: 0, predicted: 0, correct: 0 };
    for (const [type, c] of [...this.counts].sort((a, b) => a[0].localeCompare(b[0]))) {
      perType[type] = score(c.gold, c.predicted, c.correct);
      total.gold += c.gold;
      total.predicted += c.predicted;
      total.correct += c.correct;
    }
    return { overall: score(total.gold, total.predicted, total.correct), perType };
  }
}

export function score(gold: number, predicted: number, correct: number): Score {
  const precision = predicted === 0 ? 0 : correct / predicted;
  const recall = gold === 0 ? 0 : correct / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, gold, predicted, correct };
}

export function tallyExact(tally: Tally, gold: GoldSpan[], predicted: GoldSpan[]): void {
  const key = (s: GoldSpan): string => `${s.start}:${s.end}:${s.type}`;
  const goldKeys = new Set(gold.map(key));
  for (const span of gold) tally.add(span.type, 'gold');
  for (const span of predicted) {
    tally.add(span.type, 'predicted');
    if (goldKeys.has(key(span))) tally.add(span.type, 'correct');
  }
}

export function tallyTokens(
  tally: Tally,
  tokens: TextToken[],
  gold: GoldSpan[],
  predicted: GoldSpan[],
): void {
  const typeAt = (spans: GoldSpan[], token: TextToken): string | undefined =>
    spans.find((s) => token.start < s.end && s.start < token.end)?.type;
  for (const token of tokens) {
    const g = typeAt(gold, token);
    const p = typeAt(predicted, token);
    if (g) tally.add(g, 'gold');
    if (p) tally.add(p, 'predicted');
    if (g && g === p) tally.add(g, 'correct');
  }
}
