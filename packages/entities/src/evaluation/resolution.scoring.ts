// Scores entity resolution as clustering: within each document, mentions the resolver gives the
// same entity id should be exactly the mentions gold puts in one object. B³ (per-mention precision
// and recall of its cluster) and pairwise link precision/recall, micro-averaged over mentions/pairs.

export interface ClusteredMention {
  /** Gold object (coreference chain) of the mention within its document. */
  gold: string;
  /** Predicted entity id. */
  predicted: string;
}

export interface ClusterScore {
  mentions: number;
  b3: { precision: number; recall: number; f1: number };
  pairwise: { precision: number; recall: number; f1: number; goldPairs: number; predictedPairs: number };
}

export function scoreClusters(documents: ReadonlyArray<readonly ClusteredMention[]>): ClusterScore {
  let mentions = 0;
  let b3Precision = 0;
  let b3Recall = 0;
  let goldPairs = 0;
  let predictedPairs = 0;
  let correctPairs = 0;
  for (const document of documents) {
    const byGold = countBy(document, (m) => m.gold);
    const byPredicted = countBy(document, (m) => m.predicted);
    const byBoth = countBy(document, (m) => `${m.gold}\u0000${m.predicted}`);
    for (const m of document) {
      const both = byBoth.get(`${m.gold}\u0000${m.predicted}`)!;
      b3Precision += both / byPredicted.get(m.predicted)!;
      b3Recall += both / byGold.get(m.gold)!;
    }
    mentions += document.length;
    for (const n of byGold.values()) goldPairs += pairs(n);
    for (const n of byPredicted.values()) predictedPairs += pairs(n);
    for (const n of byBoth.values()) correctPairs += pairs(n);
  }
  const b3 = prf(mentions ? b3Precision / mentions : 0, mentions ? b3Recall / mentions : 0);
  const pairwise = prf(
    predictedPairs ? correctPairs / predictedPairs : 1,
    goldPairs ? correctPairs / goldPairs : 1,
  );
  return { mentions, b3, pairwise: { ...pairwise, goldPairs, predictedPairs } };
}

function prf(precision: number, recall: number): { precision: number; recall: number; f1: number } {
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision: round(precision), recall: round(recall), f1: round(f1) };
}

function pairs(n: number): number {
  return (n * (n - 1)) / 2;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
