// Small data builders with overrides, so each test states only what it is about.
import {
  documentIdForKey,
  normalizeText,
  paragraphSpans,
  sha256Hex,
  type Document,
  type Source,
  type Store,
} from '@echotrace/core';

export function buildSource(overrides: Partial<Source> = {}): Source {
  return {
    id: 'fringe-daily',
    name: 'Fringe Daily',
    kind: 'website',
    homepage: 'https://fringe-daily.test/',
    language: 'ru',
    country: 'RU',
    labels: ['fringe'],
    ...overrides,
  };
}

export function buildDocument(overrides: Partial<Document> & { key?: string } = {}): Document {
  const key = overrides.key ?? `https://fringe-daily.test/${Math.random().toString(36).slice(2)}`;
  const text = normalizeText(overrides.text ?? 'Первый абзац.\n\nВторой абзац.');
  return {
    id: documentIdForKey(key),
    key,
    sourceId: 'fringe-daily',
    captureSha256: sha256Hex(text),
    text,
    paragraphs: paragraphSpans(text),
    title: 'Заголовок',
    byline: null,
    publishedAt: '2024-03-01T10:00:00+03:00',
    language: 'ru',
    canonicalUrl: key,
    ingestedAt: '2024-03-02T00:00:00Z',
    ...overrides,
  };
}

export const contentHash = (document: Document): string =>
  sha256Hex(JSON.stringify([document.title, document.text, document.publishedAt]));

/** Stores `document` with its text as the capture's bytes (sources must already hold its source). */
export async function storeDocument(
  store: Store,
  document: Document,
  mediaType = 'text/plain',
): Promise<void> {
  const capture = await store.captures.put(new TextEncoder().encode(document.text), {
    mediaType,
    charset: 'utf-8',
    capturedAt: document.ingestedAt,
    origin: document.key,
  });
  await store.documents.upsert({ ...document, captureSha256: capture.sha256 }, contentHash(document));
}
