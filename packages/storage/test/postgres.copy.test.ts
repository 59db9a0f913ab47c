// Copying a SQLite corpus into PostgreSQL: everything arrives (versions and annotations included),
// search answers the same, and a re-run copies nothing twice.
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after, describe, it } from 'node:test';
import { parseQuery, sha256Hex, type Store } from '@echotrace/core';
import { copySqliteToPostgres, openSqliteStore } from '@echotrace/storage';
import { buildDocument, buildSource } from './contract/builders.ts';
import { backendName, createTestStore, destroyTestStore } from './postgres.fixture.ts';

describe(`SQLite → PostgreSQL copy (${backendName})`, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'echotrace-copy-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('copies sources, captures, documents with versions, and annotations, once', async () => {
    const from = openSqliteStore(path.join(dir, 'from.db'));
    const to = await createTestStore();
    try {
      await from.sources.upsert(buildSource());
      for (let i = 0; i < 7; i++) {
        const doc = buildDocument({ key: `k${i}`, text: `Санкции против Пхеньяна, сообщение ${i}.` });
        const put = async (text: string) =>
          from.captures.put(new TextEncoder().encode(text), {
            mediaType: 'text/plain',
            charset: 'utf-8',
            capturedAt: '2024-01-01T00:00:00Z',
            origin: doc.key,
          });
        await from.documents.upsert(
          { ...doc, captureSha256: (await put(doc.text)).sha256 },
          sha256Hex(doc.text),
        );
        if (i === 0) {
          const edited = {
            ...doc,
            text: 'Исправленный текст о санкциях.',
            ingestedAt: '2024-03-05T00:00:00Z',
          };
          await from.documents.upsert(
            { ...edited, captureSha256: (await put(edited.text)).sha256 },
            sha256Hex(edited.text),
          );
          await from.annotations.replace(doc.id, 'ner', [
            {
              id: 'a1',
              documentId: doc.id,
              kind: 'entity',
              label: 'LOCATION',
              start: 0,
              end: 5,
              confidence: 0.5,
              producer: 'ner',
              producerVersion: '1',
              attributes: { entityId: 'Q18808' },
            },
          ]);
        }
      }
      const first = await copySqliteToPostgres(from, to);
      assert.deepEqual(
        first.map((t) => [t.table, t.read, t.copied]),
        [
          ['sources', 1, 1],
          ['captures', 8, 8],
          ['documents', 7, 7],
          ['document_versions', 8, 8],
          ['annotations', 1, 1],
        ],
      );
      const again = await copySqliteToPostgres(from, to);
      assert.deepEqual(
        again.map((t) => t.copied),
        [0, 0, 0, 0, 0],
        'a re-run copies nothing twice',
      );
      assert.deepEqual(await to.documents.stats(), await from.documents.stats());
      const edited = buildDocument({ key: 'k0' }).id;
      assert.deepEqual(await to.documents.versions(edited), await from.documents.versions(edited));
      assert.deepEqual(await to.annotations.forDocument(edited), await from.annotations.forDocument(edited));
      for (const q of ['санкции', 'Пхеньян -исправленный', 'entity:Q18808']) {
        const search = async (s: Store) =>
          (await s.search.search({ query: parseQuery(q), limit: 20, offset: 0 })).hits.map(
            (h) => h.documentId,
          );
        assert.deepEqual(await search(to), await search(from), `same hits in the same order for ${q}`);
      }
    } finally {
      await from.close();
      await destroyTestStore(to);
    }
  });
});
