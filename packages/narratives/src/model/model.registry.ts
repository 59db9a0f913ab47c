// The label models, read once per process (each worker thread reads its own): the committed ones,
// or those `echotrace labels train` wrote to the directory named by ECHOTRACE_LABEL_MODELS (a model
// missing there falls back to the committed one).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeLabelModel, LabelScorer, type LabelModel } from './label.model.ts';

export const MODELS_DIR = fileURLToPath(new URL('../../models', import.meta.url));
export const LABEL_MODELS_ENV = 'ECHOTRACE_LABEL_MODELS';

export type LabelTask = 'narratives' | 'techniques';

/** The model file in use for a task and language: the retrained one when there is one. */
export function labelModelPath(task: LabelTask, language: string): string {
  const override = process.env[LABEL_MODELS_ENV];
  if (override) {
    const file = path.join(override, `${task}.${language}.bin`);
    if (existsSync(file)) return file;
  }
  return path.join(MODELS_DIR, `${task}.${language}.bin`);
}

/** The committed model (what retraining starts from), or null when none ships for the language. */
export function committedLabelModel(task: LabelTask, language: string): LabelModel | null {
  const file = path.join(MODELS_DIR, `${task}.${language}.bin`);
  return existsSync(file) ? decodeLabelModel(readFileSync(file), file) : null;
}

const cache = new Map<string, LabelScorer | null>();

/** The scorer of a task's model for a language, or null when none ships for it. */
export function labelScorer(task: LabelTask, language: string): LabelScorer | null {
  const file = labelModelPath(task, language);
  if (!cache.has(file))
    cache.set(file, existsSync(file) ? new LabelScorer(decodeLabelModel(readFileSync(file), file)) : null);
  return cache.get(file)!;
}
