// What the quote stage borrows from the entity stage, wired here because stages import only core:
// Russian verb lemmas from the morphology dictionary (any form of a cue verb), and a document's
// resolved entity mentions as speaker candidates.
import { russianParses } from '@echotrace/entities';
import type { EntityAnnotation } from '@echotrace/core';
import type { SpeakerCandidate } from '@echotrace/quotes';

// Finite verbs, participles and gerunds; an infinitive ("нужно сказать") reports nobody's speech.
const CUE_POS = new Set(['VERB', 'PRTS', 'PRTF', 'GRND', 'ADJS']);

/** Lemmas of the verb (and short participle) readings of a Russian word. */
export function russianVerbLemmas(word: string): string[] {
  return russianParses(word)
    .filter((parse) => CUE_POS.has(parse.pos))
    .map((parse) => parse.lemma);
}

export function speakerCandidates(mentions: readonly EntityAnnotation[]): SpeakerCandidate[] {
  return mentions.map((m) => ({
    start: m.start,
    end: m.end,
    entityId: m.attributes.entityId,
    type: m.label,
    ...(m.attributes.title ? { title: m.attributes.title } : {}),
  }));
}
