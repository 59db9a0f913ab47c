// Translation behind one interface. A provider (LibreTranslate, an OpenAI-compatible chat endpoint,
// DeepL) turns texts into another language; what it returns is stored as a machine translation of
// an exact span of a document, marked with provider and model, until an analyst edits or approves
// it. None is required: without a configured provider nothing is translated.
import type { Timestamp } from '../model.ts';

/** One call: texts in one source language (null: let the provider detect it) into `target`. */
export interface TranslationRequest {
  readonly texts: readonly string[];
  /** ISO 639-1 code, or null to detect. */
  readonly source: string | null;
  /** ISO 639-1 code. */
  readonly target: string;
  readonly signal?: AbortSignal;
}

export interface MachineTranslation {
  readonly text: string;
  /** The source language the provider detected, when it says. */
  readonly detectedSource: string | null;
}

/**
 * A translation service. `translate` returns one result per input text, in order. Failures are
 * typed: an unreachable or overloaded service is an OperationalError (retry later); a refused key,
 * an unsupported language or a malformed answer is an InputError naming the provider's endpoint.
 */
export interface Translator {
  /** `libretranslate`, `openai`, `deepl`. */
  readonly provider: string;
  /** The model the provider was asked to use, when it names one (`gpt-4o-mini`, `llama3.1`). */
  readonly model: string | null;
  /** Longest text (UTF-16 code units) one call should carry; callers split longer work. */
  readonly maxCharacters: number;
  translate(request: TranslationRequest): Promise<MachineTranslation[]>;
}

/** Where a stored translation came from. */
export type TranslationOrigin = 'machine' | 'edited';

/**
 * A translation of one span of a document's text (offsets: UTF-16 code units into Document.text,
 * half-open [start, end)), usually one paragraph.
 */
export interface StoredTranslation {
  readonly id: string;
  readonly documentId: string;
  readonly start: number;
  readonly end: number;
  /** The span's language as given or detected. */
  readonly sourceLanguage: string | null;
  readonly targetLanguage: string;
  readonly text: string;
  /** `machine` until an analyst edits the text; then `edited`. */
  readonly origin: TranslationOrigin;
  readonly provider: string;
  readonly model: string | null;
  readonly createdAt: Timestamp;
  /** When an analyst last edited the text (null for untouched machine output). */
  readonly editedAt: Timestamp | null;
  /** When an analyst approved the text as it stands (cleared by a later edit). */
  readonly approvedAt: Timestamp | null;
}

export interface TranslationRepository {
  /**
   * Stores machine translations. A span that already has a translation into that language is
   * replaced only while it is untouched machine output: an analyst's edit or approval is kept.
   * Returns how many were written.
   */
  putMachine(translations: readonly StoredTranslation[]): Promise<number>;
  /** A document's translations, by target language then start offset. */
  forDocument(documentId: string, targetLanguage?: string): Promise<StoredTranslation[]>;
  get(id: string): Promise<StoredTranslation | null>;
  /** An analyst's text replaces the machine's (origin becomes `edited`, approval is cleared). */
  edit(id: string, text: string, at: Timestamp): Promise<StoredTranslation>;
  /** An analyst approves the text as it stands. */
  approve(id: string, at: Timestamp): Promise<StoredTranslation>;
}
