// A small learned judgement of the blocks near the chosen container: readability's scoring keeps
// one container (and its like siblings), so an article split across containers loses its other
// parts. A logistic model over a few statistics of each nearby leaf block says which of them are
// more of the article. The weights are fitted by `scripts/train-block-model.ts` on one benchmark
// and scored on the other; the fitted values live in block.weights.ts, written by that script.
import { BLOCK_WEIGHTS } from './block.weights.ts';

/** Feature names, in order (see nearbyBlocks in main-text.extractor.ts). */
export const BLOCK_FEATURES = [
  'log text',
  'link density',
  'commas per 100 chars',
  'ends a sentence',
  'is p',
  'is heading',
  'is li',
  'class weight on path',
  'furniture name on path',
  'before the container',
  'log blocks from the container',
  'log depth below scope',
  'lead name',
  'same article as the container',
  'log container text',
  'text / container text',
] as const;

export interface BlockModel {
  /** Standardization of each feature before weighting. */
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
  /** Probability above which a block is added. */
  threshold: number;
}

export const BLOCK_MODEL: BlockModel | null = BLOCK_WEIGHTS;

/** Probability that a nearby block is part of the article. */
export function blockProbability(model: BlockModel, features: readonly number[]): number {
  let z = model.bias;
  for (let k = 0; k < model.weights.length; k++)
    z += (model.weights[k]! * ((features[k] ?? 0) - model.mean[k]!)) / model.scale[k]!;
  return 1 / (1 + Math.exp(-z));
}
