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

async function* items(texts: Record<string, string> | Array<[string, string]>): AsyncGenerator<IngestInput> {
  for (const [key, text] of Array.isArray(texts) ? texts : Object.entries(texts)) {
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
  it('keeps one document for a Telegram post met in an export and again by watching the channel', async () => {
    const store = openSqliteStore(path.join(mkdtempSync(path.join(tmpdir(), 'echotrace-core-')), 'c.db'));
    const post = (key: string, url: string, text: string): IngestInput => ({
      key,
      origin: key,
      source,
      capture: {
        bytes: new TextEncoder().encode(text),
        mediaType: 'application/json',
        charset: 'utf-8',
        origin: key,
      },
      title: null,
      text,
      publishedAt: '2024-11-27T12:26:25Z',
      canonicalUrl: url,
    });
    async function* one(input: IngestInput): AsyncGenerator<IngestInput> {
      yield input;
    }
    const clock = { now: () => new Date('2024-11-28T00:00:00Z') };
    const exported = await ingest(
      store,
      one(post('telegram:-100123/7', 'https://t.me/RiaNews/7', 'Текст поста.')),
      { clock },
    );
    assert.equal(exported.added, 1);
    // The watch keys the post by its address (the channel name as the preview page spells it).
    const same = await ingest(
      store,
      one(post('https://t.me/rianews/7', 'https://t.me/rianews/7', 'Текст поста.')),
      { clock },
    );
    assert.deepEqual([same.added, same.updated], [0, 1]);
    const edited = await ingest(
      store,
      one(post('https://t.me/rianews/7', 'https://t.me/rianews/7', 'Текст поста, исправлен.')),
      { clock },
    );
    assert.deepEqual([edited.added, edited.updated], [0, 1]);
    assert.equal(await store.documents.count(), 1);
    const stored = await store.documents.getByKey('telegram:-100123/7');
    assert.equal(stored?.text, 'Текст поста, исправлен.');
    assert.equal((await store.documents.versions(stored.id)).length, 3);
    // A web page's canonical link is not trusted the same way: two keys stay two documents.
    await ingest(store, one(post('https://site.test/a', 'https://site.test/', 'Первая статья.')), { clock });
    await ingest(store, one(post('https://site.test/b', 'https://site.test/', 'Вторая статья.')), { clock });
    assert.equal(await store.documents.count(), 3);
    await store.close();
  });

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

  it('computes no enrichment while a batch is being written, though batches overlap', async () => {
    const real = openSqliteStore(path.join(mkdtempSync(path.join(tmpdir(), 'echotrace-core-')), 'c.db'));
    // The real store, with its units of work watched (a decorator, not a stand-in).
    let writing = 0;
    let writes = 0;
    const store: typeof real = {
      ...real,
      transaction: async (work) => {
        writing++;
        writes++;
        try {
          return await real.transaction(work);
        } finally {
          writing--;
        }
      },
    };
    const duringWrite: string[] = [];
    const marker = kimMarker([]);
    const watched: Enricher = {
      ...marker,
      async annotate(document, inputs) {
        // An asynchronous enricher, so that the stage's write (microtasks on SQLite) could
        // interleave with it: it looks at every step.
        for (let step = 0; step < 200; step++) {
          if (writing > 0) duringWrite.push(document.key);
          await Promise.resolve();
        }
        return marker.annotate(document, inputs);
      },
    };
    const texts: Array<[string, string]> = Array.from({ length: 9 }, (_, i) => [`d${i}`, `Kim ${i}.`]);
    const summary = await ingest(store, items(texts), {
      clock: { now: () => new Date() },
      enrichers: [watched],
      batchSize: 2,
    });
    assert.equal(summary.added, 9);
    assert.equal(writes, 5, 'one unit of work per batch');
    assert.deepEqual([...new Set(duringWrite)], []);
    for (const document of await real.documents.list({ limit: 20 }))
      assert.equal((await real.annotations.forDocument(document.id)).length, 1, document.key);
    await real.close();
  });

  it('stores the last version of a key that two consecutive batches carry, as a sequential run does', async () => {
    const store = openSqliteStore(path.join(mkdtempSync(path.join(tmpdir(), 'echotrace-core-')), 'c.db'));
    const clock = { now: () => new Date('2024-01-01T00:00:00Z') };
    await ingest(store, items({ a: 'Kim first.' }), { clock });
    // Batch 1 changes `a`; batch 2 (checked before batch 1 is written) brings back what was stored.
    const changed = await ingest(
      store,
      items([
        ['a', 'Kim second.'],
        ['a', 'Kim first.'],
        ['b', 'Kim third.'],
        ['b', 'Kim third.'],
      ]),
      { clock, enrichers: [kimMarker([])], batchSize: 1 },
    );
    assert.deepEqual(
      { added: changed.added, updated: changed.updated, unchanged: changed.unchanged },
      { added: 1, updated: 2, unchanged: 1 },
    );
    const texts = (await store.documents.list({ limit: 10 })).map((d) => [d.key, d.text]).sort();
    assert.deepEqual(texts, [
      ['a', 'Kim first.'],
      ['b', 'Kim third.'],
    ]);
    await store.close();
  });
});
