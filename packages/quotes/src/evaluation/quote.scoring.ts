// The metrics of docs/quality.md, over any corpus once it is tokens and spans: token-level precision,
// recall and F1 per role (source, cue, content); span-level F1 per role, exact (same extent after
// trimming spaces, punctuation and quotation marks) and overlap (any shared character); attribution
// accuracy (of the gold quotes we found, how many have a predicted speaker overlapping the gold
// source); and sentence-level quote detection F1.
import type { Span } from '../quote.model.ts';

export const ROLES = ['source', 'cue', 'content'] as const;
export type Role = (typeof ROLES)[number];

/** One gold attribution: each role as its pieces (brat spans may be discontinuous). */
export interface GoldAttribution {
  content: Span[];
  cue: Span[];
  source: Span[];
}

export interface GoldDocument {
  id: string;
  text: string;
  attributions: GoldAttribution[];
}

export interface ScoredItem {
  text: string;
  tokens: readonly Span[];
  /** Gold role of each token (adaq), or null to derive it from `gold` (polnear). */
  tokenTags?: readonly (Role | 'none')[];
  gold: readonly GoldAttribution[];
  predicted: readonly GoldAttribution[];
  sentences: readonly Span[];
}

export interface Score {
  precision: number;
  recall: number;
  f1: number;
  gold: number;
  predicted: number;
}

export interface QuoteScores {
  tokens: Record<Role, Score>;
  spansExact: Record<Role, Score>;
  spansOverlap: Record<Role, Score>;
  attribution: { accuracy: number; correct: number; matched: number; goldWithSource: number };
  sentences: Score;
}

const round = (v: number): number => Math.round(v * 10000) / 10000;

export function score(correctPredicted: number, predicted: number, correctGold: number, gold: number): Score {
  const precision = predicted ? correctPredicted / predicted : 0;
  const recall = gold ? correctGold / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision: round(precision), recall: round(recall), f1: round(f1), gold, predicted };
}

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;
const covered = (token: Span, pieces: readonly Span[]): boolean =>
  pieces.some((p) => p.start <= token.start && token.end <= p.end) ||
  pieces.some(
    (p) =>
      overlaps(p, token) &&
      Math.min(p.end, token.end) - Math.max(p.start, token.start) >= (token.end - token.start) / 2,
  );

function extent(text: string, pieces: readonly Span[]): Span | null {
  if (pieces.length === 0) return null;
  let start = Math.min(...pieces.map((p) => p.start));
  let end = Math.max(...pieces.map((p) => p.end));
  const edge = /[\s.,;:!?"“”„«»‘’'()—–-]/;
  while (start < end && edge.test(text[start]!)) start++;
  while (end > start && edge.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}

export function scoreItems(items: readonly ScoredItem[]): QuoteScores {
  const tokenCounts = Object.fromEntries(ROLES.map((r) => [r, { tp: 0, gold: 0, pred: 0 }])) as Record<
    Role,
    { tp: number; gold: number; pred: number }
  >;
  const exact = Object.fromEntries(ROLES.map((r) => [r, { cp: 0, cg: 0, gold: 0, pred: 0 }])) as Record<
    Role,
    { cp: number; cg: number; gold: number; pred: number }
  >;
  const overlap = Object.fromEntries(
    ROLES.map((r) => [r, { cp: 0, cg: 0, gold: 0, pred: 0 }]),
  ) as typeof exact;
  let matched = 0;
  let correct = 0;
  let goldWithSource = 0;
  const sentenceCounts = { tp: 0, gold: 0, pred: 0 };
  for (const item of items) {
    for (const role of ROLES) {
      const goldPieces = item.gold.flatMap((a) => a[role]);
      const predPieces = item.predicted.flatMap((a) => a[role]);
      item.tokens.forEach((token, i) => {
        const isGold = item.tokenTags ? item.tokenTags[i] === role : covered(token, goldPieces);
        const isPred = covered(token, predPieces);
        if (isGold) tokenCounts[role].gold++;
        if (isPred) tokenCounts[role].pred++;
        if (isGold && isPred) tokenCounts[role].tp++;
      });
      const goldSpans = dedupe(
        item.gold.map((a) => extent(item.text, a[role])).filter((s): s is Span => s !== null),
      );
      const predSpans = dedupe(
        item.predicted.map((a) => extent(item.text, a[role])).filter((s): s is Span => s !== null),
      );
      const same = (a: Span, b: Span): boolean => a.start === b.start && a.end === b.end;
      exact[role].gold += goldSpans.length;
      exact[role].pred += predSpans.length;
      exact[role].cp += predSpans.filter((p) => goldSpans.some((g) => same(p, g))).length;
      exact[role].cg += goldSpans.filter((g) => predSpans.some((p) => same(p, g))).length;
      overlap[role].gold += goldSpans.length;
      overlap[role].pred += predSpans.length;
      overlap[role].cp += predSpans.filter((p) => goldSpans.some((g) => overlaps(p, g))).length;
      overlap[role].cg += goldSpans.filter((g) => predSpans.some((p) => overlaps(p, g))).length;
    }
    for (const gold of item.gold) {
      if (gold.source.length === 0) continue;
      goldWithSource++;
      const content = extent(item.text, gold.content);
      if (!content) continue;
      const found = item.predicted.find((p) => p.content.some((piece) => overlaps(piece, content)));
      if (!found) continue;
      matched++;
      if (found.source.some((s) => gold.source.some((g) => overlaps(s, g)))) correct++;
    }
    for (const sentence of item.sentences) {
      const isGold = item.tokenTags
        ? item.tokens.some((t, i) => item.tokenTags![i] !== 'none' && overlaps(t, sentence))
        : item.gold.some((a) => a.content.some((p) => overlaps(p, sentence)));
      const isPred = item.predicted.some((a) => a.content.some((p) => overlaps(p, sentence)));
      if (isGold) sentenceCounts.gold++;
      if (isPred) sentenceCounts.pred++;
      if (isGold && isPred) sentenceCounts.tp++;
    }
  }
  const per = <T>(f: (role: Role) => T): Record<Role, T> =>
    Object.fromEntries(ROLES.map((r) => [r, f(r)])) as Record<Role, T>;
  return {
    tokens: per((r) => score(tokenCounts[r].tp, tokenCounts[r].pred, tokenCounts[r].tp, tokenCounts[r].gold)),
    spansExact: per((r) => score(exact[r].cp, exact[r].pred, exact[r].cg, exact[r].gold)),
    spansOverlap: per((r) => score(overlap[r].cp, overlap[r].pred, overlap[r].cg, overlap[r].gold)),
    attribution: { accuracy: round(matched ? correct / matched : 0), correct, matched, goldWithSource },
    sentences: score(sentenceCounts.tp, sentenceCounts.pred, sentenceCounts.tp, sentenceCounts.gold),
  };
}

function dedupe(spans: Span[]): Span[] {
  const seen = new Set<string>();
  return spans.filter((s) => {
    const key = `${s.start}:${s.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
