// Finds and loads the committed model of a language (packages/entities/models/ner.<lang>.bin), once.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '@echotrace/core';
import { decodeModel } from './ner.model.ts';
import type { NerModel } from './ner.model.ts';

export const MODELS_DIR = fileURLToPath(new URL('../../models/', import.meta.url));

/** Languages with a committed model. Add a language by training `ner.<code>.bin` and listing it here. */
export const NER_LANGUAGES = ['en', 'ru'] as const;

const cache = new Map<string, NerModel>();

export function modelPath(language: string): string {
  return `${MODELS_DIR}ner.${language}.bin`;
}

export function hasNerModel(language: string): boolean {
  return (NER_LANGUAGES as readonly string[]).includes(language) && existsSync(modelPath(language));
}

export function loadNerModel(language: string): NerModel {
  const cached = cache.get(language);
  if (cached) return cached;
  if (!hasNerModel(language)) {
    throw new InputError(
      `language ${JSON.stringify(language)}`,
      `no NER model (available: ${NER_LANGUAGES.join(', ')})`,
    );
  }
  const path = modelPath(language);
  const model = decodeModel(readFileSync(path), path);
  cache.set(language, model);
  return model;
}
