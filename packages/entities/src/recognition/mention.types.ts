// The public shape of a recognized entity mention. Offsets are UTF-16 code units into the exact
// input string, so `text.slice(start, end) === mention.text` always holds.

export const ENTITY_TYPES = ['PERSON', 'ORGANIZATION', 'LOCATION', 'MEDIA'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export interface MentionAttributes {
  /** A role or honorific written next to a person's name ("military expert", "Comrade"). */
  title?: string;
}

export interface Mention {
  text: string;
  type: EntityType;
  start: number;
  end: number;
  /** 0–1: how sure the tagger was about this span (margin-based, not a calibrated probability). */
  confidence: number;
  attributes?: MentionAttributes;
}
