// Training a set of labels over the same examples: the features seen in at least `minCount` training
// rows get dense indices (rarer ones cannot generalize and only bloat the file), each label is
// trained with FTRL, and its non-zero weights are kept as sparse (hash, weight) pairs.
import { DEFAULT_FTRL, trainFtrl, type FtrlOptions } from './ftrl.trainer.ts';
import { featureScale, type SparseWeights } from './label.model.ts';
import { BIAS_FEATURE } from '../text/text.features.ts';

export interface TrainingExample {
  features: Uint32Array;
  /** Features found only in reported speech: they count `reportedWeight` times, as at prediction. */
  reported?: Uint32Array;
  labels: ReadonlySet<string>;
}

export interface LabelTrainingOptions {
  ftrl?: Partial<FtrlOptions>;
  minCount?: number;
  /** Keep only this many weights per label, the largest in magnitude (the file's size bound). */
  maxWeights?: number;
  /** How much an example's reported-speech features count (default 1). */
  reportedWeight?: number;
}

export function trainLabels(
  examples: readonly TrainingExample[],
  labels: readonly string[],
  options: LabelTrainingOptions = {},
): SparseWeights[] {
  const ftrl = { ...DEFAULT_FTRL, ...options.ftrl };
  const minCount = options.minCount ?? 2;
  const counts = new Map<number, number>();
  for (const e of examples)
    for (const f of [...e.features, ...(e.reported ?? [])]) counts.set(f, (counts.get(f) ?? 0) + 1);
  const index = new Map<number, number>();
  const hashOf: number[] = [];
  for (const [f, c] of counts)
    if (c >= minCount) {
      index.set(f, hashOf.length);
      hashOf.push(f);
    }
  const reportedWeight = options.reportedWeight ?? 1;
  const factors: Array<Float32Array | undefined> = [];
  const rows = examples.map((e) => {
    const row: number[] = [];
    const factor: number[] = [];
    for (const f of e.features) {
      const i = index.get(f);
      if (i === undefined) continue;
      row.push(i);
      factor.push(1);
    }
    for (const f of e.reported ?? []) {
      const i = index.get(f);
      if (i === undefined || f === BIAS_FEATURE) continue;
      row.push(i);
      factor.push(reportedWeight);
    }
    factors.push(e.reported?.length && reportedWeight !== 1 ? Float32Array.from(factor) : undefined);
    return Uint32Array.from(row);
  });
  const scales = Float64Array.from(examples, (e) =>
    featureScale(e.features.length + (e.reported?.length ?? 0)),
  );
  const bias = index.get(BIAS_FEATURE);
  const data = {
    featureCount: hashOf.length,
    rows,
    scales,
    factors,
    ...(bias !== undefined && { bias }),
  };
  return labels.map((label) => {
    const targets = Uint8Array.from(examples, (e) => (e.labels.has(label) ? 1 : 0));
    const dense = trainFtrl(data, targets, ftrl);
    const hashes: number[] = [];
    const weights: number[] = [];
    for (let i = 0; i < dense.length; i++)
      if (dense[i] !== 0) {
        hashes.push(hashOf[i]!);
        weights.push(dense[i]!);
      }
    let kept = hashes.map((_, i) => i);
    if (options.maxWeights !== undefined && kept.length > options.maxWeights)
      kept = kept.sort((a, b) => Math.abs(weights[b]!) - Math.abs(weights[a]!)).slice(0, options.maxWeights);
    const order = kept.sort((a, b) => hashes[a]! - hashes[b]!);
    return {
      hashes: Uint32Array.from(order, (i) => hashes[i]!),
      weights: Float32Array.from(order, (i) => weights[i]!),
    };
  });
}
