// The reproducible technique recipe: SemEval-2023 Task 3 subtask-3 paragraphs (one binary model per
// technique), folds and the held-back part grouped by article so no article is on both sides,
// thresholds chosen on out-of-fold predictions: one for all, then per frequent technique.
import path from 'node:path';
import { readTechniqueParagraphs } from '../evaluation/dataset.readers.ts';
import { microMacroF1, type MicroMacro } from '../evaluation/label.scoring.ts';
import { seededRandom } from '../model/ftrl.trainer.ts';
import { LabelScorer, type LabelModel } from '../model/label.model.ts';
import { trainLabels, type LabelTrainingOptions } from '../model/label.training.ts';
import { textFeatures } from '../text/text.features.ts';
import type { Language } from './narrative.pipeline.ts';

export const TECHNIQUE_TRAINING: LabelTrainingOptions = {
  ftrl: { alpha: 1, l1: 0.1, epochs: 6 },
  maxWeights: 3000,
};
/** A technique gets its own threshold once it has this many positive paragraphs. */
const OWN_THRESHOLD_MIN = 30;

export interface TechniqueExample {
  articleId: string;
  line: number;
  features: Uint32Array;
  techniques: readonly string[];
}

export function techniqueExamples(sharedData: string, language: Language, dir?: string): TechniqueExample[] {
  return readTechniqueParagraphs(dir ?? path.join(sharedData, 'propaganda/semeval2023_task3'), language).map(
    (p) => ({
      articleId: p.articleId,
      line: p.line,
      features: p.text.trim() === '' ? new Uint32Array() : textFeatures(p.text),
      techniques: p.techniques,
    }),
  );
}

function labelsOf(examples: readonly TechniqueExample[]): string[] {
  return [...new Set(examples.flatMap((e) => e.techniques))].sort();
}

function articleFolds(examples: readonly TechniqueExample[], k: number, seed: number): number[] {
  const random = seededRandom(seed);
  const articles = [...new Set(examples.map((e) => e.articleId))].sort().map((a) => ({ a, r: random() }));
  articles.sort((x, y) => x.r - y.r);
  const foldOf = new Map(articles.map(({ a }, i) => [a, i % k]));
  return examples.map((e) => foldOf.get(e.articleId)!);
}

const predictable = (e: TechniqueExample): boolean => e.features.length > 0;

function decide(
  labels: readonly string[],
  probabilities: ArrayLike<number>,
  thresholds: readonly number[],
): string[] {
  return labels.filter((_, i) => probabilities[i]! >= thresholds[i]!);
}

export interface TechniqueScores {
  microF1: number;
  macroF1: number;
  microPrecision: number;
  microRecall: number;
  paragraphs: number;
}

const summary = (m: MicroMacro, paragraphs: number): TechniqueScores => ({
  microF1: m.microF1,
  macroF1: m.macroF1,
  microPrecision: m.microPrecision,
  microRecall: m.microRecall,
  paragraphs,
});

function trainModel(
  examples: readonly TechniqueExample[],
  labels: string[],
  language: string,
  thresholds: number[],
  meta: Record<string, unknown>,
): LabelModel {
  const train = examples
    .filter(predictable)
    .map((e) => ({ features: e.features, labels: new Set(e.techniques) }));
  return {
    task: 'techniques',
    language,
    labels,
    thresholds,
    meta,
    weights: trainLabels(train, labels, TECHNIQUE_TRAINING),
  };
}

function probabilitiesOf(model: LabelModel, examples: readonly TechniqueExample[]): Float64Array[] {
  const scorer = new LabelScorer(model);
  return examples.map((e) =>
    predictable(e) ? scorer.probabilities(e.features) : new Float64Array(model.labels.length),
  );
}

function chooseThresholds(labels: readonly string[], gold: string[][], probs: Float64Array[]): number[] {
  const grid = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7];
  const micro = (t: number[]): number =>
    microMacroF1(
      gold,
      probs.map((p) => decide(labels, p, t)),
      labels,
    ).microF1;
  let best = labels.map(() => 0.5);
  let bestValue = -1;
  for (const g of grid) {
    const t = labels.map(() => g);
    const v = micro(t);
    if (v > bestValue) [best, bestValue] = [t, v];
  }
  labels.forEach((label, i) => {
    if (gold.filter((g) => g.includes(label)).length < OWN_THRESHOLD_MIN) return;
    for (const g of grid) {
      const t = [...best];
      t[i] = g;
      const v = micro(t);
      if (v > bestValue) [best, bestValue] = [t, v];
    }
  });
  return best;
}

export interface TrainedTechniques {
  model: LabelModel;
  cv: TechniqueScores;
}

export function trainTechniques(
  examples: readonly TechniqueExample[],
  language: Language,
  k = 5,
): TrainedTechniques {
  const labels = labelsOf(examples);
  const fold = articleFolds(examples, k, 13);
  const oof: Float64Array[] = examples.map(() => new Float64Array(labels.length));
  for (let f = 0; f < k; f++) {
    const model = trainModel(
      examples.filter((_, i) => fold[i] !== f),
      labels,
      language,
      [],
      {},
    );
    const test = examples.map((e, i) => ({ e, i })).filter(({ i }) => fold[i] === f);
    probabilitiesOf(
      model,
      test.map(({ e }) => e),
    ).forEach((p, n) => (oof[test[n]!.i] = p));
  }
  const gold = examples.map((e) => [...e.techniques]);
  const thresholds = chooseThresholds(labels, gold, oof);
  const cv = summary(
    microMacroF1(
      gold,
      oof.map((p) => decide(labels, p, thresholds)),
      labels,
    ),
    examples.length,
  );
  const model = trainModel(examples, labels, language, thresholds, {
    training: TECHNIQUE_TRAINING,
    paragraphs: examples.length,
    crossValidation: cv,
  });
  return { model, cv };
}

export function scoreTechniqueModel(
  model: LabelModel,
  examples: readonly TechniqueExample[],
): TechniqueScores {
  const probs = probabilitiesOf(model, examples);
  return summary(
    microMacroF1(
      examples.map((e) => [...e.techniques]),
      probs.map((p) => decide(model.labels, p, model.thresholds)),
      model.labels,
    ),
    examples.length,
  );
}

/** The most frequent techniques of `train` (the best number of them there) predicted for every paragraph of `test`. */
export function techniqueBaseline(
  train: readonly TechniqueExample[],
  test: readonly TechniqueExample[],
): TechniqueScores & { labels: string[] } {
  const labels = labelsOf(train);
  const counts = new Map<string, number>();
  for (const e of train) for (const l of e.techniques) counts.set(l, (counts.get(l) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1]).map(([l]) => l);
  let bestK = 1;
  let bestValue = -1;
  for (let k = 1; k <= Math.min(6, ranked.length); k++) {
    const v = microMacroF1(
      train.map((e) => [...e.techniques]),
      train.map((e) => (predictable(e) ? ranked.slice(0, k) : [])),
      labels,
    ).microF1;
    if (v > bestValue) [bestK, bestValue] = [k, v];
  }
  const chosen = ranked.slice(0, bestK);
  return {
    ...summary(
      microMacroF1(
        test.map((e) => [...e.techniques]),
        test.map((e) => (predictable(e) ? chosen : [])),
        labels,
      ),
      test.length,
    ),
    labels: chosen,
  };
}

export interface TechniqueEvaluation {
  language: Language;
  crossValidation: TechniqueScores;
  heldOut: TechniqueScores;
  majorityBaselineHeldOut: TechniqueScores & { labels: string[] };
}

/** Every 5th article (id order) is held back; CV and thresholds on the rest, then the held-back part once. */
export function evaluateTechniqueRecipe(
  examples: readonly TechniqueExample[],
  language: Language,
): TechniqueEvaluation {
  const articles = [...new Set(examples.map((e) => e.articleId))].sort();
  const held = new Set(articles.filter((_, i) => i % 5 === 4));
  const dev = examples.filter((e) => !held.has(e.articleId));
  const heldOut = examples.filter((e) => held.has(e.articleId));
  const trained = trainTechniques(dev, language);
  return {
    language,
    crossValidation: trained.cv,
    heldOut: scoreTechniqueModel(trained.model, heldOut),
    majorityBaselineHeldOut: techniqueBaseline(dev, heldOut),
  };
}
