// Source ids became ASCII slugs (`severnyy-vestnik`) after release 0.1.0; a store made by that
// release keeps the ids it has: an item naming a stored source by name joins it, on a store loaded
// from the release's own dump.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ingest, slugify, type IngestInput, type Source } from '@echotrace/core';
import { openSqliteStore } from '@echotrace/storage';
import Database from 'better-sqlite3';

function releaseStore(): { file: string; dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'echotrace-ids-'));
  const file = path.join(dir, 'release.db');
  const raw = new Database(file);
  raw.unsafeMode(true);
  raw.exec(readFileSync(path.join(import.meta.dirname, 'fixtures', 'release-0.1.0.sqlite.sql'), 'utf8'));
  raw.close();
  return { file, dir };
}

const readerSource = (name: string, kind: Source['kind']): Source => ({
  id: slugify(name),
  name,
  kind,
  homepage: null,
  language: null,
  country: null,
  labels: [],
});

async function* items(list: Array<[string, Source, string]>): AsyncGenerator<IngestInput> {
  for (const [key, source, text] of list) {
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

describe('source ids across releases', () => {
  it('keeps the ids of a release-0.1.0 store and gives new sources ASCII slugs', async () => {
    const { file, dir } = releaseStore();
    const store = openSqliteStore(file);
    try {
      const before = (await store.sources.list()).map((s) => s.id).sort();
      assert.notEqual(slugify('Северный вестник'), 'severny-vestnik', 'the slug rule did change');
      await ingest(
        store,
        items([
          [
            'https://severny-vestnik.test/2025/new',
            readerSource('Северный вестник', 'website'),
            'Новая заметка.',
          ],
          ['telegram:-1009/1', readerSource('Канал «Ёлка» 🎄', 'telegram'), 'Пост канала.'],
        ]),
        { clock: { now: () => new Date('2025-01-01T00:00:00Z') } },
      );
      const after = (await store.sources.list()).map((s) => s.id).sort();
      assert.deepEqual(after, [...before, 'kanal-elka'].sort());
      const docs = await store.documents.list({ limit: 100 });
      const fresh = docs.find((d) => d.key === 'https://severny-vestnik.test/2025/new');
      assert.equal(fresh?.sourceId, 'severny-vestnik');
      for (const id of after) assert.match(id, /^[a-z0-9-]+$/);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
