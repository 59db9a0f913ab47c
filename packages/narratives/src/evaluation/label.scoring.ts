// The official measures. Narratives: the SemEval-2025 Task 10 subtask-2 scorer (subtask2_scorer.py
// of the task's organisers, docs/quality.md): per document, the binary F1 of the predicted against
// the gold label set, both one-hot encoded over the task's class list (subtask2_narratives.txt,
// subtask2_subnarratives.txt), so a label outside that list is dropped on either side, a repeated
// label counts once, "Other" is a class like any other, and a document with no true or predicted
// label in the list scores 0 (zero_division=0); the mean (and standard deviation) over documents.
// Techniques: micro/macro F1 over (paragraph, technique) pairs (SemEval-2023 Task 3 subtask 3).

/** The class list a label set is restricted to; undefined: every label counts. */
export type LabelClasses = ReadonlySet<string> | undefined;

/** One document's F1 under the official scorer. */
export function documentF1(
  gold: readonly string[],
  predicted: readonly string[],
  classes?: LabelClasses,
): number {
  const keep = (l: string): boolean => !classes || classes.has(l);
  const g = new Set(gold.filter(keep));
  const p = new Set(predicted.filter(keep));
  let hit = 0;
  for (const l of p) if (g.has(l)) hit++;
  return hit === 0 ? 0 : (2 * hit) / (g.size + p.size);
}

/** Mean and standard deviation (population, as numpy's std) of the documents' F1. */
export function f1SamplesWithStd(
  gold: readonly (readonly string[])[],
  predicted: readonly (readonly string[])[],
  classes?: LabelClasses,
): { mean: number; std: number } {
  if (gold.length === 0) return { mean: 0, std: 0 };
  const scores = gold.map((g, i) => documentF1(g, predicted[i] ?? [], classes));
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const variance = scores.reduce((a, b) => a + (b - mean) ** 2, 0) / scores.length;
  return { mean, std: Math.sqrt(variance) };
}

export function f1Samples(
  gold: readonly (readonly string[])[],
  predicted: readonly (readonly string[])[],
  classes?: LabelClasses,
): number {
  return f1SamplesWithStd(gold, predicted, classes).mean;
}

export interface MicroMacro {
  microF1: number;
  macroF1: number;
  microPrecision: number;
  microRecall: number;
  perLabel: Record<string, { tp: number; fp: number; fn: number; f1: number }>;
}

export function microMacroF1(
  gold: readonly (readonly string[])[],
  predicted: readonly (readonly string[])[],
  labels: readonly string[],
): MicroMacro {
  const perLabel: MicroMacro['perLabel'] = {};
  for (const l of labels) perLabel[l] = { tp: 0, fp: 0, fn: 0, f1: 0 };
  gold.forEach((g, i) => {
    const gs = new Set(g);
    const ps = new Set(predicted[i] ?? []);
    for (const l of labels) {
      const c = perLabel[l]!;
      if (gs.has(l) && ps.has(l)) c.tp++;
      else if (ps.has(l)) c.fp++;
      else if (gs.has(l)) c.fn++;
    }
  });
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let macro = 0;
  for (const l of labels) {
    const c = perLabel[l]!;
    c.f1 = c.tp === 0 ? 0 : (2 * c.tp) / (2 * c.tp + c.fp + c.fn);
    macro += c.f1;
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
  }
  const microPrecision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const microRecall = tp + fn === 0 ? 0 : tp / (tp + fn);
  return {
    microF1: tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn),
    macroF1: labels.length ? macro / labels.length : 0,
    microPrecision,
    microRecall,
    perLabel,
  };
}
