// Translating a document: its paragraphs (long ones cut at sentence ends) are sent to the configured
// translator in batches that fit the provider's size, and each answer is stored against the exact
// span it translates, as machine output with provider and model. A span already translated into the
// target is skipped (with `force`, untouched machine output is redone); an analyst's edit or approval
// is never overwritten.
import {
  InputError,
  NotFoundError,
  sha256Hex,
  type Clock,
  type Span,
  type Store,
  type StoredTranslation,
  type Translator,
} from '@echotrace/core';

export interface TranslateDocumentRequest {
  documentId: string;
  /** ISO 639-1 code of the language wanted. */
  target: string;
  /** The document's language when it has none, or to override it. */
  source?: string | undefined;
  /** Redo spans whose translation is untouched machine output. */
  force?: boolean;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface TranslateDocumentResult {
  documentId: string;
  target: string;
  /** Spans sent to the translator and stored. */
  translated: number;
  /** Spans that already had a translation and were left as they are. */
  kept: number;
  /** Every translation of the document into `target`, in text order. */
  translations: StoredTranslation[];
}

const LANGUAGE = /^[a-z]{2,3}(?:-[A-Za-z]{2,4})?$/;

/** Spans of `text` to translate: its paragraphs, each cut at sentence ends to at most `max` units. */
export function translationSpans(text: string, paragraphs: readonly Span[], max: number): Span[] {
  const out: Span[] = [];
  for (const paragraph of paragraphs) {
    let start = paragraph.start;
    while (start < paragraph.end) {
      while (start < paragraph.end && /\s/.test(text[start]!)) start++;
      if (start >= paragraph.end) break;
      let end = paragraph.end;
      if (end - start > max) {
        const window = text.slice(start, start + max);
        // The last sentence end (or, failing that, the last space) inside the window.
        const sentence = Math.max(
          ...['. ', '! ', '? ', '… ', '.\n', '\n'].map((mark) => window.lastIndexOf(mark)),
        );
        const cut = sentence > max / 4 ? sentence + 1 : window.lastIndexOf(' ');
        end = start + (cut > 0 ? cut : max);
      }
      let trimmed = end;
      while (trimmed > start && /\s/.test(text[trimmed - 1]!)) trimmed--;
      if (trimmed > start) out.push({ start, end: trimmed });
      start = end;
    }
  }
  return out;
}

export const translationId = (documentId: string, target: string, span: Span): string =>
  sha256Hex(`${documentId}\u0000translation\u0000${target}\u0000${span.start}\u0000${span.end}`).slice(0, 32);

export async function translateDocument(
  store: Store,
  translator: Translator,
  clock: Clock,
  request: TranslateDocumentRequest,
): Promise<TranslateDocumentResult> {
  const target = request.target.trim().toLowerCase();
  if (!LANGUAGE.test(target))
    throw new InputError('--to', `not a language code: ${JSON.stringify(request.target)}`);
  if (request.source !== undefined && !LANGUAGE.test(request.source))
    throw new InputError('--from', `not a language code: ${JSON.stringify(request.source)}`);
  const document = await store.documents.get(request.documentId);
  if (!document) throw new NotFoundError('document', request.documentId);
  const known = document.language && document.language !== 'und' ? document.language : null;
  const source = request.source ?? known;
  if (source === target) throw new InputError('--to', `the document is already in ${target}`);

  const existing = new Map(
    (await store.translations.forDocument(document.id, target)).map((t) => [`${t.start}:${t.end}`, t]),
  );
  const spans = translationSpans(document.text, document.paragraphs, translator.maxCharacters);
  const wanted = spans.filter((span) => {
    const stored = existing.get(`${span.start}:${span.end}`);
    if (!stored) return true;
    return request.force === true && stored.origin === 'machine' && stored.approvedAt === null;
  });

  let done = 0;
  request.onProgress?.(done, wanted.length);
  for (const batch of batches(wanted, translator.maxCharacters)) {
    request.signal?.throwIfAborted();
    const texts = batch.map((span) => document.text.slice(span.start, span.end));
    const answers = await translator.translate({
      texts,
      source,
      target,
      ...(request.signal && { signal: request.signal }),
    });
    if (answers.length !== batch.length)
      throw new InputError(
        `translator ${translator.provider}`,
        `asked for ${batch.length} translations, got ${answers.length}`,
      );
    const now = clock.now().toISOString();
    await store.translations.putMachine(
      batch.map((span, i): StoredTranslation => ({
        id: translationId(document.id, target, span),
        documentId: document.id,
        start: span.start,
        end: span.end,
        sourceLanguage: answers[i]!.detectedSource ?? source,
        targetLanguage: target,
        text: answers[i]!.text,
        origin: 'machine',
        provider: translator.provider,
        model: translator.model,
        createdAt: now,
        editedAt: null,
        approvedAt: null,
      })),
    );
    done += batch.length;
    request.onProgress?.(done, wanted.length);
  }
  return {
    documentId: document.id,
    target,
    translated: wanted.length,
    kept: spans.length - wanted.length,
    translations: await store.translations.forDocument(document.id, target),
  };
}

/** Consecutive spans whose total length stays within `max` (one span per batch at least). */
function* batches(spans: readonly Span[], max: number): Generator<Span[]> {
  let batch: Span[] = [];
  let size = 0;
  for (const span of spans) {
    const length = span.end - span.start;
    if (batch.length > 0 && size + length > max) {
      yield batch;
      batch = [];
      size = 0;
    }
    batch.push(span);
    size += length;
  }
  if (batch.length > 0) yield batch;
}

/** An analyst's wording replaces the machine's; the translation is then `edited`. */
export async function editTranslation(
  store: Store,
  clock: Clock,
  id: string,
  text: string,
): Promise<StoredTranslation> {
  if (text.trim() === '') throw new InputError('--text', 'a translation cannot be empty');
  return store.translations.edit(id, text, clock.now().toISOString());
}

export async function approveTranslation(store: Store, clock: Clock, id: string): Promise<StoredTranslation> {
  return store.translations.approve(id, clock.now().toISOString());
}
