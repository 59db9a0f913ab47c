// Deterministic ids for entities that have no KB id: the same name in any script or spelling
// system gives the same id, in every document and on every run.
import type { EntityType } from '@echotrace/core';
import { nameKey } from '../resolution/name.keys.ts';

/** `person:konstantin-malofeev` for Константин Малофеев and Konstantin Malofeyev alike. */
export function candidateId(type: EntityType, name: string): string {
  const key = nameKey(name).replace(/ /g, '-');
  return `${type.toLowerCase()}:${key || 'unnamed'}`;
}

export function isCandidateId(id: string): boolean {
  return /^(person|organization|location|media):/.test(id);
}
