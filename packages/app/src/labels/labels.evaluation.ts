// `eval narratives` and `eval techniques`: the training recipe re-run with a fixed fifth of the data
// held back: thresholds are chosen by cross-validation on the rest, then the held-back part is
// scored once (never what the model was trained or tuned on), beside a most-frequent-labels baseline.
import {
  evaluateNarrativeRecipe,
  evaluateTechniqueRecipe,
  narrativeExamples,
  readNarrativeClasses,
  techniqueExamples,
  type LabelLanguage,
  type NarrativeEvaluation,
  type TechniqueEvaluation,
} from '@echotrace/narratives';
import path from 'node:path';
import { textReportedSpans } from './reported.speech.ts';

export type LabelEvaluation =
  | { task: 'narratives'; data: string; languages: NarrativeEvaluation[] }
  | { task: 'techniques'; data: string; languages: TechniqueEvaluation[] };

/**
 * `data`: the SemEval-2025 Task 10 folder (narratives) or the SemEval-2023 Task 3 folder (techniques).
 * Plain news for the narratives' Other class is read from `sharedData`/ner (default: two levels up
 * from `data`, i.e. ../shared/data).
 */
export function evaluateLabels(
  task: 'narratives' | 'techniques',
  data: string,
  options: { languages?: LabelLanguage[]; sharedData?: string } = {},
): LabelEvaluation {
  const languages = options.languages ?? ['en', 'ru'];
  const sharedData = options.sharedData ?? path.resolve(data, '../..');
  if (task === 'narratives')
    return {
      task,
      data,
      languages: languages.map((l) =>
        evaluateNarrativeRecipe(
          narrativeExamples(sharedData, l, data, textReportedSpans),
          l,
          readNarrativeClasses(data),
        ),
      ),
    };
  return {
    task,
    data,
    languages: languages.map((l) => evaluateTechniqueRecipe(techniqueExamples(sharedData, l, data), l)),
  };
}
