// From label probabilities to a SemEval-style labelling. Narratives (coarse) pass their threshold;
// the explicit "Other" model (trained on plain news as well as the task's Other documents) vetoes them
// when it is confident; each kept narrative gets its sub-narratives that pass theirs, or else its
// best one when that is at least half the threshold, or else "<narrative>: Other" as the task does.

export const OTHER = 'Other';

export interface NarrativeThresholds {
  coarse: number;
  fine: number;
  other: number;
  /** When no narrative passes `coarse` and Other does not veto, keep the most probable narrative. */
  keepBest?: boolean;
}

export interface ScoredLabel {
  label: string;
  probability: number;
}

export interface NarrativeDecision {
  narratives: ScoredLabel[];
  subnarratives: ScoredLabel[];
}

/** `parentOf(fine)` → its coarse narrative; labels in model order with their probabilities. */
export function decideNarratives(
  labels: readonly string[],
  probabilities: ArrayLike<number>,
  parentOf: ReadonlyMap<string, string>,
  t: NarrativeThresholds,
): NarrativeDecision {
  const at = (label: string): number => {
    const i = labels.indexOf(label);
    return i < 0 ? 0 : probabilities[i]!;
  };
  const other = at(OTHER);
  const all: ScoredLabel[] = [];
  labels.forEach((label, i) => {
    if (label === OTHER || parentOf.has(label)) return;
    all.push({ label, probability: probabilities[i]! });
  });
  all.sort((a, b) => b.probability - a.probability);
  const best = all[0]?.probability ?? 0;
  const coarse = all.filter((c) => c.probability >= t.coarse);
  if (coarse.length === 0 && t.keepBest && all[0] && other < t.other) coarse.push(all[0]);
  if (coarse.length === 0 || (other >= t.other && other > best))
    return {
      narratives: [{ label: OTHER, probability: other }],
      subnarratives: [{ label: OTHER, probability: other }],
    };
  const fine: ScoredLabel[] = [];
  for (const c of coarse) {
    const children: ScoredLabel[] = [];
    labels.forEach((label, i) => {
      if (parentOf.get(label) === c.label) children.push({ label, probability: probabilities[i]! });
    });
    children.sort((a, b) => b.probability - a.probability);
    const passing = children.filter((k) => k.probability >= t.fine);
    if (passing.length > 0) fine.push(...passing);
    else if (children[0] && children[0].probability >= t.fine / 2) fine.push(children[0]);
    else fine.push({ label: `${c.label}: Other`, probability: c.probability });
  }
  return { narratives: coarse, subnarratives: fine };
}
