// `echotrace labels train`: the committed narrative recipe re-run with the analysts' decided
// documents added as labelled examples. Reproducible: the same shared data, the same decisions
// (sorted by document id) and the same seeds give the same model. The thresholds (and how much
// reported speech counts) are the committed model's, chosen by cross-validation on the task's data:
// copies of an analyst's document in both training and scoring folds would make a new CV choose
// thresholds on what it has memorised.
import type { LabelModel } from '../model/label.model.ts';
import { OTHER } from '../model/narrative.decision.ts';
import { modelOf, trainNarrativeWeights, type NarrativeExample } from '../model/narrative.training.ts';
import type { LabelTrainingOptions } from '../model/label.training.ts';
import { NARRATIVE_TRAINING } from './narrative.pipeline.ts';

/**
 * How many times an analyst's document counts beside one of the task's: one decision among the
 * ~500 training documents would otherwise barely move the weights.
 */
export const ANALYST_WEIGHT = 5;

/** A decided document: its narratives after the analyst's verdicts (none: Other). */
export interface AnalystExample {
  id: string;
  features: Uint32Array;
  voiced?: NarrativeExample['voiced'];
  narratives: readonly string[];
  subnarratives: readonly string[];
}

/** The labels an analyst example trains: coarse narratives the template knows, Other when none. */
export function analystLabels(
  template: LabelModel,
  narratives: readonly string[],
  subnarratives: readonly string[],
): { narratives: string[]; subnarratives: string[] } {
  const known = new Set(template.labels);
  const coarse = [...new Set(narratives)].filter((n) => n !== OTHER && known.has(n)).sort();
  if (coarse.length === 0) return { narratives: [OTHER], subnarratives: [OTHER] };
  const fine = [...new Set(subnarratives)].filter(
    (s) => known.has(s) && coarse.some((c) => s.startsWith(c + ': ')),
  );
  for (const c of coarse) if (!fine.some((s) => s.startsWith(c + ': '))) fine.push(`${c}: Other`);
  return { narratives: coarse, subnarratives: fine.sort() };
}

export function retrainNarratives(
  base: readonly NarrativeExample[],
  analyst: readonly AnalystExample[],
  template: LabelModel,
): LabelModel {
  const decided = [...analyst].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const repeated: NarrativeExample[] = [];
  for (let copy = 0; copy < ANALYST_WEIGHT; copy++)
    for (const a of decided)
      repeated.push({
        id: `${a.id}#${copy}`,
        features: a.features,
        ...(a.voiced && { voiced: a.voiced }),
        narratives: a.narratives,
        subnarratives: a.subnarratives,
      });
  const training = (template.meta as { training?: LabelTrainingOptions }).training ?? NARRATIVE_TRAINING;
  const trained = trainNarrativeWeights([...base, ...repeated], training);
  return modelOf('narratives', template.language, trained.labels, trained.weights, {
    ...template.meta,
    parents: Object.fromEntries(trained.parents),
    analystDocuments: decided.length,
    analystWeight: ANALYST_WEIGHT,
    retrainedFrom: 'committed model thresholds; base recipe plus analysts’ decided documents',
  });
}
