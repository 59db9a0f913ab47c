// A small media world for analysis tests: sources with labels, documents with dates and words,
// written straight into a real SQLite store (no ingest, no enrichment), so each test states only
// who published what when.
import path from 'node:path';
import {
  documentIdForKey,
  normalizeText,
  paragraphSpans,
  sha256Hex,
  type Annotation,
  type Source,
  type Store,
} from '@echotrace/core';
import { openSqliteStore } from '@echotrace/storage';
import { tempDir } from './temp.dir.ts';

export interface StoryDocument {
  source: string;
  /** ISO date or instant; null for undated. */
  at: string | null;
  text: string;
  key?: string;
  language?: string;
  title?: string;
}

export class Story {
  readonly store: Store;
  private sequence = 0;
  constructor(store: Store) {
    this.store = store;
  }

  static async open(): Promise<Story> {
    return new Story(openSqliteStore(path.join(tempDir(), 'story.db')));
  }

  async source(id: string, labels: string[], overrides: Partial<Source> = {}): Promise<void> {
    await this.store.sources.upsert({
      id,
      name: id,
      kind: 'website',
      homepage: `https://${id}.test/`,
      language: 'ru',
      country: null,
      labels,
      ...overrides,
    });
  }

  /** Stores the document and returns its id. */
  async document(d: StoryDocument): Promise<string> {
    const key = d.key ?? `https://${d.source}.test/${++this.sequence}`;
    const text = normalizeText(d.text);
    const capture = await this.store.captures.put(new TextEncoder().encode(text), {
      mediaType: 'text/plain',
      charset: 'utf-8',
      capturedAt: '2026-01-01T00:00:00Z',
      origin: key,
    });
    const id = documentIdForKey(key);
    const publishedAt = d.at && d.at.length === 10 ? `${d.at}T12:00:00Z` : d.at;
    await this.store.documents.upsert(
      {
        id,
        key,
        sourceId: d.source,
        captureSha256: capture.sha256,
        text,
        paragraphs: paragraphSpans(text),
        title: d.title ?? text.slice(0, 40),
        byline: null,
        publishedAt,
        language: d.language ?? 'ru',
        canonicalUrl: key,
        ingestedAt: '2026-01-01T00:00:00Z',
      },
      sha256Hex(`${key}:${text}:${publishedAt}`),
    );
    return id;
  }

  /** Entity mentions: every occurrence of each surface in the document, as that entity. */
  async mentions(documentId: string, entities: Record<string, string>, type = 'PERSON'): Promise<void> {
    const document = (await this.store.documents.get(documentId))!;
    const annotations: Annotation[] = [];
    for (const [surface, entityId] of Object.entries(entities)) {
      for (let at = document.text.indexOf(surface); at !== -1; at = document.text.indexOf(surface, at + 1)) {
        annotations.push({
          id: sha256Hex(`${documentId}:${entityId}:${at}`).slice(0, 32),
          documentId,
          kind: 'entity',
          label: type,
          start: at,
          end: at + surface.length,
          confidence: 0.9,
          producer: 'test-entities',
          producerVersion: '1',
          attributes: { entityId, name: surface, reason: 'exact-alias', surface },
        });
      }
    }
    await this.store.annotations.replace(documentId, 'test-entities', annotations);
  }
}

/** `count` days from `first` (YYYY-MM-DD), as YYYY-MM-DD. */
export function days(first: string, count: number, step = 1): string[] {
  const start = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) =>
    new Date(start + i * step * 86_400_000).toISOString().slice(0, 10),
  );
}
