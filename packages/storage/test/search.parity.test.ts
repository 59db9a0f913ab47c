// Both adapters index the same analyzer terms, split the same way, so the same queries find the
// same documents — including terms FTS5's tokenizer splits (hyphens, apostrophes, dots).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parseQuery, sha256Hex, type Store } from '@echotrace/core';
import { openSqliteStore } from '@echotrace/storage';
import { buildDocument, buildSource } from './contract/builders.ts';
import { backendName, createTestStore, destroyTestStore } from './postgres.fixture.ts';

const TEXTS = [
  'The covid-19 response of the O’Neil administration.',
  'Covid cases rose; 19 regions reported.',
  'Ракетный удар по г. Днепр, сообщает ТАСС-Урал.',
  'В Днепре прошли учения; Урал ответил.',
  'Mid-term elections: e-mail leaks at state.gov reported.',
];
const QUERIES = [
  'covid-19',
  'covid 19',
  '"covid 19"',
  'neil',
  'o’neil',
  'тасс-урал',
  'урал',
  'e-mail',
  'state.gov',
  'днепр',
  'mid*',
];

async function fill(store: Store): Promise<void> {
  await store.sources.upsert(buildSource());
  for (const [i, text] of TEXTS.entries()) {
    const doc = buildDocument({ key: `p${i}`, text, title: null });
    const capture = await store.captures.put(new TextEncoder().encode(text), {
      mediaType: 'text/plain',
      charset: 'utf-8',
      capturedAt: doc.ingestedAt,
      origin: doc.key,
    });
    await store.documents.upsert({ ...doc, captureSha256: capture.sha256 }, sha256Hex(text));
  }
}

describe(`SQLite and PostgreSQL (${backendName}) find the same documents`, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'echotrace-parity-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('for terms the tokenizer splits', async () => {
    const sqlite = openSqliteStore(path.join(dir, 'p.db'));
    const postgres = await createTestStore();
    try {
      await fill(sqlite);
      await fill(postgres);
      const hits = async (store: Store, q: string) =>
        (await store.search.search({ query: parseQuery(q), limit: 50, offset: 0 })).hits
          .map((h) => h.documentId)
          .sort();
      let nonEmpty = 0;
      for (const q of QUERIES) {
        const expected = await hits(sqlite, q);
        if (expected.length > 0) nonEmpty++;
        assert.deepEqual(await hits(postgres, q), expected, q);
      }
      assert.ok(nonEmpty >= 8, 'the queries exercise real matches');
    } finally {
      await sqlite.close();
      await destroyTestStore(postgres);
    }
  });
});
