// Deterministic ids for entities that have no KB id: the same name in any script or spelling
// system gives the same id, in every document and on every run.
import type { EntityType } from '@echotrace/core';
import { nameKey } from '../resolution/name.keys.ts';

/**
 * `person:konstantin-malofev` for Константин Малофеев and Konstantin Malofeyev alike: the neutral
 * key, lower-cased (the key marks ш, ч, ж, х with capitals) and hyphenated.
 */
export function candidateId(type: EntityType, name: string): string {
  const key = nameKey(name).toLowerCase().replace(/ /g, '-');
  return `${type.toLowerCase()}:${key || 'unnamed'}`;
}

export function isCandidateId(id: string): boolean {
  return /^(person|organization|location|media):/.test(id);
}
