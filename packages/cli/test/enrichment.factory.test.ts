// The enrichers as ingest and the worker build them: screening must see the entity enricher's output
// for the same document whether the enrichers run one after the other (ingest) or all at once (the
// worker's enrich-document job).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Document } from '@echotrace/core';
import { openSqliteStore } from '@echotrace/storage';
import { createEnrichers } from '../src/enrichment.factory.ts';
import { runCli, tempDir } from './cli.harness.ts';

const list = path.resolve(import.meta.dirname, '../../../demo/corpus/sanctions_demo.csv');

function document(id: string, text: string): Document {
  return {
    id,
    key: id,
    sourceId: 'fixture',
    captureSha256: '0'.repeat(64),
    text,
    paragraphs: [{ start: 0, end: text.length }],
    title: null,
    byline: null,
    publishedAt: null,
    language: 'ru',
    canonicalUrl: null,
    ingestedAt: '2024-01-01T00:00:00Z',
  };
}

describe('createEnrichers', () => {
  it('has no screening enricher while no list is imported', async () => {
    const store = openSqliteStore(path.join(tempDir(), 'empty.db'));
    try {
      assert.deepEqual(
        (await createEnrichers(store)).map((e) => e.producer),
        ['entities'],
      );
    } finally {
      await store.close();
    }
  });

  it('screens the entities of the same document, in sequence and concurrently', async () => {
    const db = path.join(tempDir(), 'screen.db');
    assert.equal((await runCli(['sanctions', 'import', list, '--db', db])).code, 0);
    const store = openSqliteStore(db);
    try {
      const enrichers = await createEnrichers(store);
      assert.deepEqual(
        enrichers.map((e) => e.producer),
        ['entities', 'sanctions-screening'],
      );
      const [entities, screening] = enrichers as [(typeof enrichers)[0], (typeof enrichers)[0]];
      const text = 'Вчера бизнесмен Глеб Туманов снова выступил в Москве с речью о санкциях.';
      const sequential = document('d1', text);
      const mentions = await entities.annotate(sequential);
      const span = mentions.find((a) => text.slice(a.start, a.end).includes('Туманов'));
      assert.ok(span, 'the recognizer finds the person');
      const screened = await screening.annotate(sequential);
      assert.deepEqual(
        screened.map((a) => [a.start, a.end, a.attributes.listEntryId]),
        [[span.start, span.end, '990101']],
      );

      const concurrent = document('d2', text);
      const [, atOnce] = await Promise.all(enrichers.map(async (e) => e.annotate(concurrent)));
      assert.deepEqual(
        atOnce!.map((a) => a.attributes.listEntryId),
        ['990101'],
      );
    } finally {
      await store.close();
    }
  });
});
