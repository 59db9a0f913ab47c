// Trains TaggerWeights with the averaged structured perceptron (Collins 2002): decode each training
// sequence with the current weights, and where the best path differs from the gold one, add the gold
// path's features and subtract the predicted path's. The returned weights are the average over all
// steps, which generalizes far better than the last iterate. Deterministic for a given seed.
import { bioConstraints, emissionScores, featureRowsOf, viterbi } from './sequence.tagger.ts';
import type { TaggerWeights } from './sequence.tagger.ts';

export interface TrainingSequence {
  /** Feature hashes per token. */
  features: number[][];
  /** Gold BIO label per token. */
  labels: string[];
}

export interface TrainingOptions {
  epochs: number;
  seed: number;
  /** Features seen fewer times than this in training are not learned (smaller, less overfit model). */
  minFeatureCount: number;
  onEpoch?: (epoch: number, mistakes: number) => void;
}

/** Small seeded PRNG (mulberry32) so the shuffling order, hence the model, is reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function trainPerceptron(data: TrainingSequence[], options: TrainingOptions): TaggerWeights {
  const labelSet = new Set<string>();
  for (const sequence of data) for (const label of sequence.labels) labelSet.add(label);
  labelSet.delete('O');
  const labels = ['O', ...[...labelSet].sort()];
  const size = labels.length;
  const labelIndex = new Map(labels.map((label, i) => [label, i]));

  const counts = new Map<number, number>();
  for (const sequence of data) {
    for (const token of sequence.features)
      for (const hash of token) counts.set(hash, (counts.get(hash) ?? 0) + 1);
  }
  const featureRows = new Map<number, number>();
  for (const [hash, count] of counts)
    if (count >= options.minFeatureCount) featureRows.set(hash, featureRows.size);
  counts.clear();

  const prepared = data.map((sequence) => ({
    rows: featureRowsOf({ featureRows }, sequence.features),
    gold: sequence.labels.map((label) => labelIndex.get(label)!),
  }));

  const emissions = new Float32Array(featureRows.size * size);
  const emissionSums = new Float64Array(featureRows.size * size);
  const transitions = new Float32Array((size + 1) * size);
  const transitionSums = new Float64Array((size + 1) * size);
  const allowed = bioConstraints(labels);
  const random = seededRandom(options.seed);
  const order = prepared.map((_, i) => i);
  let step = 1;

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let mistakes = 0;
    for (const index of order) {
      const { rows, gold } = prepared[index]!;
      const predicted = viterbi(emissionScores(emissions, size, rows), transitions, allowed, size);
      let wrong = false;
      for (let t = 0; t < gold.length; t++) {
        const g = gold[t]!;
        const p = predicted[t]!;
        const gPrev = t === 0 ? size : gold[t - 1]!;
        const pPrev = t === 0 ? size : predicted[t - 1]!;
        if (g !== p) {
          wrong = true;
          for (const row of rows[t]!) {
            emissions[row * size + g]! += 1;
            emissionSums[row * size + g]! += step;
            emissions[row * size + p]! -= 1;
            emissionSums[row * size + p]! -= step;
          }
        }
        if (g !== p || gPrev !== pPrev) {
          transitions[gPrev * size + g]! += 1;
          transitionSums[gPrev * size + g]! += step;
          transitions[pPrev * size + p]! -= 1;
          transitionSums[pPrev * size + p]! -= step;
        }
      }
      if (wrong) mistakes++;
      step++;
    }
    options.onEpoch?.(epoch + 1, mistakes);
  }

  // Averaging trick (Daumé): average = w − (Σ step·Δ) / step.
  for (let i = 0; i < emissions.length; i++) emissions[i] = emissions[i]! - emissionSums[i]! / step;
  for (let i = 0; i < transitions.length; i++) transitions[i] = transitions[i]! - transitionSums[i]! / step;
  return { labels, featureRows, emissions, transitions, marginScale: 1 };
}
