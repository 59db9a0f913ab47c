// Training and cross-validating the narrative models of one language. Coarse narratives and "Other"
// are trained on every document (the task's plus plain news labelled Other); each sub-narrative only
// among the documents of its narrative, since it is consulted only once that narrative is predicted
// (cheaper, and the negatives are the sibling sub-narratives it must be told from).
import { seededRandom } from './ftrl.trainer.ts';
import type { LabelModel, SparseWeights } from './label.model.ts';
import { LabelScorer } from './label.model.ts';
import type { VoicedFeatures } from '../text/text.features.ts';
import { trainLabels, type LabelTrainingOptions, type TrainingExample } from './label.training.ts';
import {
  decideNarratives,
  OTHER,
  type NarrativeDecision,
  type NarrativeThresholds,
} from './narrative.decision.ts';
import { documentF1, f1SamplesWithStd } from '../evaluation/label.scoring.ts';

/** Weights kept per sub-narrative (a narrative or Other keeps the training options' maxWeights). */
const FINE_WEIGHTS = 400;

export interface NarrativeExample {
  id: string;
  features: Uint32Array;
  narratives: readonly string[];
  subnarratives: readonly string[];
  /** Plain news added as Other: trained on, never counted in the task's F1-samples. */
  neutral?: boolean;
  /** The features split by voice (own text, reported speech), when quotes were found: predicted from these. */
  voiced?: VoicedFeatures;
}

/** How a model labels an example: its own voice in full, reported speech `reportedWeight` times. */
export function exampleProbabilities(
  scorer: LabelScorer,
  e: NarrativeExample,
  reportedWeight = 1,
): Float64Array {
  return e.voiced
    ? scorer.probabilities(e.voiced.own, e.voiced.reported, reportedWeight)
    : scorer.probabilities(e.features);
}

export function parentMap(
  subnarratives: Iterable<string>,
  narratives: ReadonlySet<string>,
): Map<string, string> {
  const map = new Map<string, string>();
  for (const s of subnarratives) {
    if (s === OTHER) continue;
    const parent = [...narratives]
      .filter((n) => s.startsWith(n + ': '))
      .sort((a, b) => b.length - a.length)[0];
    if (parent) map.set(s, parent);
  }
  return map;
}

export function trainNarrativeWeights(
  examples: readonly NarrativeExample[],
  options: LabelTrainingOptions = {},
): { labels: string[]; weights: SparseWeights[]; parents: Map<string, string> } {
  const coarse = [...new Set(examples.flatMap((e) => e.narratives))].filter((l) => l !== OTHER).sort();
  const fineAll = new Set(examples.flatMap((e) => e.subnarratives));
  const parents = parentMap(fineAll, new Set(coarse));
  // Trained on the view it is predicted from: its own voice in full, reported speech weighed less.
  const view = (e: NarrativeExample) =>
    e.voiced ? { features: e.voiced.own, reported: e.voiced.reported } : { features: e.features };
  const docExamples: TrainingExample[] = examples.map((e) => ({
    ...view(e),
    labels: new Set(e.narratives),
  }));
  const coarseLabels = [...coarse, OTHER];
  const weights = trainLabels(docExamples, coarseLabels, options);
  const labels = [...coarseLabels];
  for (const parent of coarse) {
    const children = [...parents]
      .filter(([, p]) => p === parent)
      .map(([c]) => c)
      .sort();
    if (children.length === 0) continue;
    const subset = examples
      .filter((e) => e.narratives.includes(parent))
      .map((e) => ({ ...view(e), labels: new Set(e.subnarratives) }));
    labels.push(...children);
    weights.push(...trainLabels(subset, children, { ...options, maxWeights: FINE_WEIGHTS }));
  }
  return { labels, weights, parents };
}

export function foldsOf(count: number, k: number, seed: number): number[] {
  const random = seededRandom(seed);
  const order = Array.from({ length: count }, (_, i) => ({ i, r: random() }));
  order.sort((a, b) => a.r - b.r);
  const fold = new Array<number>(count);
  order.forEach(({ i }, n) => (fold[i] = n % k));
  return fold;
}

export interface NarrativeOof {
  examples: readonly NarrativeExample[];
  /** Per example, label → probability from the model of the fold that did not see it. */
  probabilities: Map<string, number>[];
  parents: Map<string, string>;
}

/** Out-of-fold probabilities over `k` folds; reported speech counts `reportedWeight` in them. */
export function narrativeOof(
  examples: readonly NarrativeExample[],
  k = 5,
  seed = 11,
  options: LabelTrainingOptions = {},
  reportedWeight = 1,
): NarrativeOof {
  const fold = foldsOf(examples.length, k, seed);
  const probabilities: Map<string, number>[] = examples.map(() => new Map<string, number>());
  const parents = new Map<string, string>();
  for (let f = 0; f < k; f++) {
    const train = examples.filter((_, i) => fold[i] !== f);
    const trained = trainNarrativeWeights(train, options);
    for (const [c, p] of trained.parents) parents.set(c, p);
    const scorer = new LabelScorer(modelOf('narratives', 'xx', trained.labels, trained.weights, {}));
    examples.forEach((e, i) => {
      if (fold[i] !== f) return;
      const p = exampleProbabilities(scorer, e, reportedWeight);
      trained.labels.forEach((l, j) => probabilities[i]!.set(l, p[j]!));
    });
  }
  return { examples, probabilities, parents };
}

export function modelOf(
  task: string,
  language: string,
  labels: string[],
  weights: SparseWeights[],
  meta: Record<string, unknown>,
  thresholds: number[] = labels.map(() => 0.5),
): LabelModel {
  return { task, language, labels, thresholds, meta, weights };
}

export interface NarrativeScores {
  /** F1-samples (the official scorer, `documentF1`) over the task's documents. */
  fine: number;
  coarse: number;
  fineStd: number;
  coarseStd: number;
  documents: number;
  /**
   * Plain news documents scored, and the share of them left as Other: those the official scorer
   * would give coarse F1 1 against their gold label Other, i.e. whose predicted narratives (within
   * the class list) are exactly {Other}. No prediction at all scores 0, so it is not "left as Other".
   */
  neutralDocuments: number;
  neutralOther: number;
}

/** The task's class lists (coarse and fine) that the official scorer restricts labels to. */
export interface NarrativeClasses {
  coarse: ReadonlySet<string>;
  fine: ReadonlySet<string>;
}

/**
 * The one scoring of narrative predictions (cross-validation, held-out, eval): the official
 * SemEval-2025 Task 10 subtask-2 semantics over the task's documents, and the plain news (gold Other)
 * scored the same way but reported apart as `neutralOther`, since they are not the task's data.
 */
export function scoreNarrativePredictions(
  examples: readonly NarrativeExample[],
  predictions: readonly NarrativeDecision[],
  classes?: NarrativeClasses,
): NarrativeScores {
  const gold = { fine: [] as string[][], coarse: [] as string[][] };
  const pred = { fine: [] as string[][], coarse: [] as string[][] };
  let neutral = 0;
  let neutralOther = 0;
  examples.forEach((e, i) => {
    const d = predictions[i]!;
    const coarse = d.narratives.map((s) => s.label);
    if (e.neutral) {
      neutral++;
      if (documentF1([OTHER], coarse, classes?.coarse) === 1) neutralOther++;
      return;
    }
    gold.fine.push([...e.subnarratives]);
    gold.coarse.push([...e.narratives]);
    pred.fine.push(d.subnarratives.map((s) => s.label));
    pred.coarse.push(coarse);
  });
  const fine = f1SamplesWithStd(gold.fine, pred.fine, classes?.fine);
  const coarse = f1SamplesWithStd(gold.coarse, pred.coarse, classes?.coarse);
  return {
    fine: fine.mean,
    coarse: coarse.mean,
    fineStd: fine.std,
    coarseStd: coarse.std,
    documents: gold.fine.length,
    neutralDocuments: neutral,
    neutralOther: neutral ? neutralOther / neutral : 1,
  };
}

export function scoreDecisions(
  oof: NarrativeOof,
  t: NarrativeThresholds,
  classes?: NarrativeClasses,
): NarrativeScores {
  const predictions = oof.examples.map((_, i) => {
    const map = oof.probabilities[i]!;
    const labels = [...map.keys()];
    return decideNarratives(
      labels,
      labels.map((l) => map.get(l)!),
      oof.parents,
      t,
    );
  });
  return scoreNarrativePredictions(oof.examples, predictions, classes);
}

/**
 * Thresholds maximizing the mean of fine and coarse F1-samples on out-of-fold predictions, among
 * those that label at least `minNeutralOther` of the plain news as Other (the guard against the
 * flaw of labelling every news post with a narrative).
 */
export function chooseThresholds(
  oof: NarrativeOof,
  minNeutralOther = 0.9,
  classes?: NarrativeClasses,
): { thresholds: NarrativeThresholds; scores: NarrativeScores } {
  const grid = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6];
  let best: { thresholds: NarrativeThresholds; scores: NarrativeScores; value: number } | null = null;
  for (const coarse of grid)
    for (const fine of grid)
      for (const other of [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.01])
        for (const keepBest of [false, true]) {
          const t = { coarse, fine, other, keepBest };
          const s = scoreDecisions(oof, t, classes);
          const ok = s.neutralOther >= minNeutralOther;
          const value = (s.fine + s.coarse) / 2 + (ok ? 1 : 0);
          if (!best || value > best.value) best = { thresholds: t, scores: s, value };
        }
  return { thresholds: best!.thresholds, scores: best!.scores };
}
