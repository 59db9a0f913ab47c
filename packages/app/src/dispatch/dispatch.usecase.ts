// Composing a dispatch: create it, add excerpts (a span of a document, an annotation such as a
// quote, or the first occurrence of a passage), headings and the analyst's text between them, and
// reorder. An excerpt records the capture the document's text came from, its exact span and the
// original text, and takes the stored translation of that span when there is one.
import {
  ConflictError,
  InputError,
  NotFoundError,
  sha256Hex,
  slugify,
  type Clock,
  type Dispatch,
  type Document,
  type DispatchItem,
  type Excerpt,
  type Store,
  type StoredTranslation,
} from '@echotrace/core';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface NewDispatch {
  headline: string;
  subheadline?: string | undefined;
  /** YYYY-MM-DD; today (UTC) when absent. */
  date?: string | undefined;
  summary?: string | undefined;
}

/**
 * The id a headline gives a new dispatch when it is free (a taken one gets `-2`, `-3`…). Source
 * ids and dispatch ids are spelled alike: `Moscow–Beijing–Pyongyang` → `moscow-beijing-pyongyang`.
 */
export function dispatchIdOf(headline: string): string {
  const slug = slugify(headline);
  if (slug.startsWith('source-')) return 'dispatch';
  return slug.length > 48 ? slug.slice(0, 48).replace(/-[^-]*$/, '') : slug;
}

export async function createDispatch(store: Store, clock: Clock, request: NewDispatch): Promise<Dispatch> {
  const headline = request.headline.trim();
  if (!headline) throw new InputError('headline', 'a dispatch needs a headline');
  const date = request.date ?? clock.now().toISOString().slice(0, 10);
  if (!DATE.test(date) || Number.isNaN(Date.parse(date)))
    throw new InputError('--date', `must be a date such as 2023-09-28, not ${JSON.stringify(request.date)}`);
  const base = dispatchIdOf(headline);
  const now = clock.now().toISOString();
  for (let n = 1; n < 1000; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (await store.dispatches.get(id)) continue;
    const dispatch: Dispatch = {
      id,
      headline,
      subheadline: request.subheadline?.trim() || null,
      date,
      summary: request.summary?.trim() || null,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await store.dispatches.create(dispatch);
      return dispatch;
    } catch (error) {
      // Another process took the id between the check and the insert: try the next one.
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  throw new InputError('headline', `too many dispatches are named ${JSON.stringify(base)}`);
}

async function requiredDispatch(store: Store, id: string): Promise<Dispatch> {
  const dispatch = await store.dispatches.get(id);
  if (!dispatch) throw new NotFoundError('dispatch', id);
  return dispatch;
}

/** What an excerpt is taken from: a span, an annotation (a quote…), or a passage to find. */
export type ExcerptSource =
  | { kind: 'span'; documentId: string; start: number; end: number }
  | { kind: 'annotation'; documentId: string; annotationId: string }
  | { kind: 'passage'; documentId: string; passage: string };

export const excerptId = (documentId: string, captureSha256: string, start: number, end: number): string =>
  `x-${sha256Hex(`${documentId}\u0000${captureSha256}\u0000${start}\u0000${end}`).slice(0, 12)}`;

/** The stored translation of exactly this span, or of the paragraphs it is made of, joined. */
export function translationOfSpan(
  translations: readonly StoredTranslation[],
  start: number,
  end: number,
): { text: string; origin: 'machine' | 'analyst'; by: string } | null {
  const inside = translations.filter((t) => t.start >= start && t.end <= end);
  const covering = translations.find((t) => t.start <= start && t.end >= end);
  const parts =
    inside.length > 0
      ? inside
      : covering && covering.start === start && covering.end === end
        ? [covering]
        : [];
  if (parts.length === 0) return null;
  // Only whole pieces count: a translation of a whole paragraph is not one of half of it.
  const covered = parts.reduce((sum, t) => sum + (t.end - t.start), 0);
  if (parts[0]!.start !== start || parts.at(-1)!.end !== end || covered > end - start) return null;
  const machine = parts.some((t) => t.origin === 'machine' && t.approvedAt === null);
  const by = [...new Set(parts.map((t) => (t.model ? `${t.provider} ${t.model}` : t.provider)))].join(', ');
  return { text: parts.map((t) => t.text).join('\n\n'), origin: machine ? 'machine' : 'analyst', by };
}

/** Where a span or passage lies in the document's text; an InputError when it is not there. */
export function excerptSpan(
  document: Pick<Document, 'id' | 'text'>,
  source: Extract<ExcerptSource, { kind: 'span' | 'passage' }>,
  /** The input named by the error (default: `span` or `--passage`). */
  input?: string,
): { start: number; end: number } {
  if (source.kind === 'span') {
    const { start, end } = source;
    if (
      !Number.isInteger(start) ||
      !Number.isInteger(end) ||
      start < 0 ||
      end <= start ||
      end > document.text.length
    )
      throw new InputError(
        input ?? 'span',
        `[${start}, ${end}) is not a span of document ${document.id} (its text has ${document.text.length} UTF-16 code units)`,
      );
    return { start, end };
  }
  const passage = source.passage.trim();
  const at = passage ? document.text.indexOf(passage) : -1;
  if (at < 0)
    throw new InputError(
      input ?? '--passage',
      `not found in document ${document.id}: ${JSON.stringify(source.passage)}`,
    );
  return { start: at, end: at + passage.length };
}

export interface AddExcerptRequest {
  dispatchId: string;
  source: ExcerptSource;
  /** An analyst's translation; otherwise the stored one of that span, if any. */
  translation?: string | undefined;
  /** The language of the stored translation to take. Default `en`. */
  translationLanguage?: string | undefined;
  note?: string | undefined;
  /** Position among the dispatch's blocks (0-based); the end when absent. */
  at?: number | undefined;
}

export async function addExcerpt(store: Store, clock: Clock, request: AddExcerptRequest): Promise<Excerpt> {
  await requiredDispatch(store, request.dispatchId);
  const { source } = request;
  const document = await store.documents.get(source.documentId);
  if (!document) throw new NotFoundError('document', source.documentId);
  let start: number;
  let end: number;
  let annotationId: string | null = null;
  if (source.kind === 'annotation') {
    const annotation = (await store.annotations.forDocument(document.id)).find(
      (a) => a.id === source.annotationId,
    );
    if (!annotation) throw new NotFoundError('annotation', source.annotationId);
    ({ start, end } = annotation);
    annotationId = annotation.id;
  } else ({ start, end } = excerptSpan(document, source));
  const translations = await store.translations.forDocument(document.id, request.translationLanguage ?? 'en');
  const stored = request.translation === undefined ? translationOfSpan(translations, start, end) : null;
  const excerpt: Excerpt = {
    id: excerptId(document.id, document.captureSha256, start, end),
    documentId: document.id,
    captureSha256: document.captureSha256,
    start,
    end,
    text: document.text.slice(start, end),
    annotationId,
    translation: request.translation?.trim() || stored?.text || null,
    translationOrigin: request.translation?.trim() ? 'analyst' : (stored?.origin ?? null),
    translationBy: request.translation?.trim() ? null : (stored?.by ?? null),
    note: request.note?.trim() || null,
    createdAt: clock.now().toISOString(),
  };
  await store.transaction(async () => {
    await store.dispatches.putExcerpt(excerpt);
    await insertItem(
      store,
      clock,
      request.dispatchId,
      { kind: 'excerpt', excerptId: excerpt.id },
      request.at,
    );
  });
  return (await store.dispatches.excerpt(excerpt.id)) ?? excerpt;
}

async function insertItem(
  store: Store,
  clock: Clock,
  dispatchId: string,
  item: DispatchItem,
  at: number | undefined,
): Promise<void> {
  const dispatch = await requiredDispatch(store, dispatchId);
  const items = await store.dispatches.items(dispatchId);
  const position = at ?? items.length;
  if (!Number.isInteger(position) || position < 0 || position > items.length)
    throw new InputError('--at', `must be a position from 0 to ${items.length}, not ${at}`);
  items.splice(position, 0, item);
  await store.dispatches.replaceItems(dispatchId, items);
  await store.dispatches.update({ ...dispatch, updatedAt: clock.now().toISOString() });
}

/** Adds a section heading or a paragraph of the analyst's own text. */
export async function addBlock(
  store: Store,
  clock: Clock,
  request: { dispatchId: string; kind: 'heading' | 'text'; text: string; at?: number | undefined },
): Promise<void> {
  const text = request.text.trim();
  if (!text) throw new InputError(request.kind === 'heading' ? '--heading' : '--text', 'must not be empty');
  await store.transaction(() =>
    insertItem(store, clock, request.dispatchId, { kind: request.kind, text }, request.at),
  );
}

/** Moves the block at `from` to `to` (0-based positions, as `dispatch show` numbers them less one). */
export async function moveBlock(
  store: Store,
  clock: Clock,
  request: { dispatchId: string; from: number; to: number },
): Promise<void> {
  await store.transaction(async () => {
    const dispatch = await requiredDispatch(store, request.dispatchId);
    const items = await store.dispatches.items(request.dispatchId);
    for (const [name, value] of [
      ['from', request.from],
      ['to', request.to],
    ] as const)
      if (!Number.isInteger(value) || value < 0 || value >= items.length)
        throw new InputError(
          `--${name}`,
          `must be a block position from 0 to ${items.length - 1}, not ${value}`,
        );
    const [moved] = items.splice(request.from, 1);
    items.splice(request.to, 0, moved!);
    await store.dispatches.replaceItems(request.dispatchId, items);
    await store.dispatches.update({ ...dispatch, updatedAt: clock.now().toISOString() });
  });
}

export async function removeBlock(
  store: Store,
  clock: Clock,
  request: { dispatchId: string; at: number },
): Promise<void> {
  await store.transaction(async () => {
    const dispatch = await requiredDispatch(store, request.dispatchId);
    const items = await store.dispatches.items(request.dispatchId);
    if (!Number.isInteger(request.at) || request.at < 0 || request.at >= items.length)
      throw new InputError(
        '--at',
        `must be a block position from 0 to ${items.length - 1}, not ${request.at}`,
      );
    items.splice(request.at, 1);
    await store.dispatches.replaceItems(request.dispatchId, items);
    await store.dispatches.update({ ...dispatch, updatedAt: clock.now().toISOString() });
  });
}

/** An analyst's translation of an excerpt (replacing a machine one) and note. */
export async function reviseExcerpt(
  store: Store,
  request: { excerptId: string; translation?: string | undefined; note?: string | undefined },
): Promise<Excerpt> {
  const excerpt = await store.dispatches.excerpt(request.excerptId);
  if (!excerpt) throw new NotFoundError('excerpt', request.excerptId);
  const translation =
    request.translation === undefined ? excerpt.translation : request.translation.trim() || null;
  await store.dispatches.reviseExcerpt(excerpt.id, {
    translation,
    translationOrigin:
      request.translation === undefined ? excerpt.translationOrigin : translation ? 'analyst' : null,
    translationBy: request.translation === undefined ? excerpt.translationBy : null,
    note: request.note === undefined ? excerpt.note : request.note.trim() || null,
  });
  return (await store.dispatches.excerpt(excerpt.id))!;
}
