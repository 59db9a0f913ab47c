// The committed label models, read once per process (each worker thread reads its own).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeLabelModel, LabelScorer } from './label.model.ts';

export const MODELS_DIR = fileURLToPath(new URL('../../models', import.meta.url));

export type LabelTask = 'narratives' | 'techniques';

export function labelModelPath(task: LabelTask, language: string): string {
  return `${MODELS_DIR}/${task}.${language}.bin`;
}

const cache = new Map<string, LabelScorer | null>();

/** The scorer of a task's model for a language, or null when none ships for it. */
export function labelScorer(task: LabelTask, language: string): LabelScorer | null {
  const file = labelModelPath(task, language);
  if (!cache.has(file))
    cache.set(file, existsSync(file) ? new LabelScorer(decodeLabelModel(readFileSync(file), file)) : null);
  return cache.get(file)!;
}
