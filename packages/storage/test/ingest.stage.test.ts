import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ingest, type Annotation, type Enricher, type IngestInput, type Source } from '@echotrace/core';
import { openSqliteStore } from '@echotrace/storage';

const source: Source = {
  id: 'wire',
  name: 'Wire',
  kind: 'website',
  homepage: null,
  language: null,
  country: null,
  labels: [],
};

async function* items(texts: Record<string, string>): AsyncGenerator<IngestInput> {
  for (const [key, text] of Object.entries(texts)) {
    const bytes = new TextEncoder().encode(text);
    yield {
      key,
      origin: key,
      source,
      capture: { bytes, mediaType: 'text/plain', charset: 'utf-8', origin: key },
      title: null,
      text,
      publishedAt: null,
    };
  }
}

/** Marks every occurrence of "Kim" — enough to see where and when enrichers run. */
function kimMarker(calls: string[]): Enricher {
  return {
    producer: 'kim-marker',
    version: '1',
    annotate(document) {
      calls.push(document.key);
      return [...document.text.matchAll(/Kim/g)].map((m, i): Annotation => ({
        id: `${document.id}-kim-${i}`,
        documentId: document.id,
        kind: 'entity',
        label: 'PERSON',
        start: m.index,
        end: m.index + 3,
        confidence: 1,
        producer: 'kim-marker',
        producerVersion: '1',
        attributes: {},
      }));
    },
  };
}

describe('ingest stage', () => {
  it('runs enrichers on added and changed documents only, storing their spans with the document', async () => {
    // Core's stage is exercised against the real SQLite adapter: no mock of our own storage.
    const store = openSqliteStore(path.join(mkdtempSync(path.join(tmpdir(), 'echotrace-core-')), 'c.db'));
    const calls: string[] = [];
    const clock = { now: () => new Date('2024-01-01T00:00:00Z') };
    await ingest(store, items({ a: 'Kim met Kim.', b: 'Nobody here.' }), {
      clock,
      enrichers: [kimMarker(calls)],
    });
    await ingest(store, items({ a: 'Kim met Kim.', b: 'Now Kim too.' }), {
      clock,
      enrichers: [kimMarker(calls)],
    });
    assert.deepEqual(calls, ['a', 'b', 'b'], 'unchanged documents are not re-processed');
    const [b] = await store.documents.list({ limit: 10 }).then((docs) => docs.filter((d) => d.key === 'b'));
    const annotations = await store.annotations.forDocument(b!.id);
    assert.deepEqual(
      annotations.map((a) => b!.text.slice(a.start, a.end)),
      ['Kim'],
    );
    await store.close();
  });

  it('reports empty items as failures naming them, and stores the rest', async () => {
    const store = openSqliteStore(path.join(mkdtempSync(path.join(tmpdir(), 'echotrace-core-')), 'c.db'));
    const summary = await ingest(store, items({ good: 'Text.', blank: ' \n\n ' }), {
      clock: { now: () => new Date() },
    });
    assert.equal(summary.added, 1);
    assert.deepEqual(summary.failed, [{ origin: 'blank', reason: 'empty text: nothing to ingest' }]);
    await store.close();
  });
});
