// What the extractor finds: one quote with its content, cue and speaker spans (UTF-16 offsets into the
// normalized text, [start, end)), the speaker's resolution to an entity of the same document, and its
// place in a nesting of quotes.

export interface Span {
  start: number;
  end: number;
}

/** An entity mention of the same document (from its `entity` annotations), in text order or not. */
export interface SpeakerCandidate extends Span {
  entityId: string;
  /** PERSON, ORGANIZATION, MEDIA, LOCATION. */
  type: string;
  /** A title written with the name, when the recognizer kept one. */
  title?: string;
}

/**
 * How the speaker was tied to an entity: the speaker phrase names it (`mention`), a pronoun refers to
 * the last person named before (`pronoun`), a description ("the expert") repeats what a named person
 * was called earlier (`description`); `unresolved` when the phrase leads to no entity, `none` when no
 * speaker phrase was found.
 */
export type SpeakerResolution = 'mention' | 'pronoun' | 'description' | 'unresolved' | 'none';

export type QuoteMode = 'direct' | 'indirect';

export interface ExtractedQuote {
  mode: QuoteMode;
  /** From the first content part's start to the last one's end. */
  content: Span;
  /** The content pieces: more than one when the attribution splits the quote or it runs across paragraphs. */
  parts: Span[];
  /** The verb or phrase introducing the quote ("said", "по словам"), or null. */
  cue: Span | null;
  /** The whole speaker phrase as written ("военный эксперт Виктор Баранец", "he"), or null. */
  speaker: Span | null;
  /** The entity mention the speaker was resolved through (in the phrase, or earlier for pronouns). */
  speakerMention: Span | null;
  speakerEntityId: string | null;
  resolution: SpeakerResolution;
  /** The speaker's stated role ("военный эксперт", "the founder of The First Russian"), when given. */
  role: Span | null;
  /** 0 for the author's quotes; 1 for a quote inside one of those, and so on. */
  level: number;
  /** Index into the returned list of the quote this one is inside, or null. */
  parent: number | null;
  /** True when a quotation mark was opened and never closed before the paragraph ended. */
  unclosed: boolean;
  /** Which construction matched (for tuning and for a reader who asks why). */
  construction: string;
  confidence: number;
}

export interface QuoteExtractionInput {
  text: string;
  /** `ru`, `en`, or another code (then both languages' cues are tried). */
  language: string;
  mentions?: readonly SpeakerCandidate[];
  /** Dictionary lemmas of a Russian word (lowercase), for cue verbs in any form; optional. */
  lemmatize?: (word: string) => readonly string[];
}
