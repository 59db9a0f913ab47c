// The official measures: F1-samples (SemEval-2025 Task 10 subtask 2, sklearn's average='samples':
// per document F1 of the predicted against the gold label set, averaged) and micro/macro F1 over
// (paragraph, technique) pairs (SemEval-2023 Task 3 subtask 3).

export function f1Samples(
  gold: readonly (readonly string[])[],
  predicted: readonly (readonly string[])[],
): number {
  if (gold.length === 0) return 0;
  let sum = 0;
  gold.forEach((g, i) => {
    const p = new Set(predicted[i] ?? []);
    const gs = new Set(g);
    const hit = [...gs].filter((l) => p.has(l)).length;
    if (gs.size === 0 && p.size === 0) sum += 1;
    else if (hit > 0) sum += (2 * hit) / (gs.size + p.size);
  });
  return sum / gold.length;
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
