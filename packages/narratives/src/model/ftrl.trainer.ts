// FTRL-proximal logistic regression (McMahan et al., "Ad click prediction", KDD 2013), one binary
// model per label over hashed binary features scaled by 1/sqrt(count). Chosen over a library because
// it is ~60 lines, needs no native code, and its L1 term leaves most weights exactly zero, which is
// what keeps the committed model file small (docs/decisions/0011-narrative-labels.md).

export interface FtrlOptions {
  alpha: number;
  beta: number;
  l1: number;
  l2: number;
  epochs: number;
  /** Seed of the per-epoch shuffle, so training is reproducible. */
  seed: number;
}

export const DEFAULT_FTRL: FtrlOptions = { alpha: 0.1, beta: 1, l1: 0.5, l2: 1, epochs: 8, seed: 7 };

/** Examples as indices into a dense feature space (0..featureCount-1). */
export interface IndexedExamples {
  featureCount: number;
  rows: readonly Uint32Array[];
  /** Per row, the value of each of its features: 1/sqrt(its feature count before pruning), as at prediction. */
  scales: ArrayLike<number>;
  /** The dense index of the bias feature, whose value is always 1 (not scaled with the text's length). */
  bias?: number;
  /** Per row, a factor per feature (reported speech counts less), or undefined when all are 1. */
  factors?: readonly (Float32Array | undefined)[];
}

/** A seeded linear congruential generator: same seed, same shuffles. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function shuffled(count: number, random: () => number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** Trains one label: `targets[i]` is 1 when row i has it. Returns the dense weights. */
export function trainFtrl(
  examples: IndexedExamples,
  targets: ArrayLike<number>,
  options: FtrlOptions = DEFAULT_FTRL,
): Float64Array {
  const { alpha, beta, l1, l2 } = options;
  const z = new Float64Array(examples.featureCount);
  const n = new Float64Array(examples.featureCount);
  const w = new Float64Array(examples.featureCount);
  const random = seededRandom(options.seed);
  const weightOf = (i: number): number => {
    const zi = z[i]!;
    if (Math.abs(zi) <= l1) return 0;
    return -(zi - Math.sign(zi) * l1) / ((beta + Math.sqrt(n[i]!)) / alpha + l2);
  };
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const r of shuffled(examples.rows.length, random)) {
      const row = examples.rows[r]!;
      const x = examples.scales[r]!;
      const factor = examples.factors?.[r];
      const value = (k: number, i: number): number => (i === examples.bias ? 1 : factor ? x * factor[k]! : x);
      let margin = 0;
      for (let k = 0; k < row.length; k++) {
        const i = row[k]!;
        const wi = weightOf(i);
        w[i] = wi;
        margin += wi * value(k, i);
      }
      const p = 1 / (1 + Math.exp(-Math.max(-35, Math.min(35, margin))));
      for (let k = 0; k < row.length; k++) {
        const i = row[k]!;
        const g = (p - targets[r]!) * value(k, i);
        const g2 = g * g;
        const ni = n[i]!;
        const sigma = (Math.sqrt(ni + g2) - Math.sqrt(ni)) / alpha;
        z[i] = z[i]! + g - sigma * w[i]!;
        n[i] = ni + g2;
      }
    }
  }
  for (let i = 0; i < w.length; i++) w[i] = weightOf(i);
  return w;
}
