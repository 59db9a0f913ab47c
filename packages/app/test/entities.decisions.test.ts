// The knowledge-base use cases on a real SQLite store: they return what an entry point prints,
// refuse what does not apply with a typed error, and relink reports progress and stops on abort.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError, NotFoundError } from '@echotrace/core';
import { openSqliteStore } from '@echotrace/storage';
import {
  acceptCandidate,
  exportKnowledgeBase,
  importKnowledgeBase,
  ingestFiles,
  loadStoredKnowledgeBase,
  mergeEntities,
  relinkEntities,
  splitAlias,
} from '@echotrace/app';
import { tempDir } from './helpers/temp.dir.ts';

const corpus = path.resolve(import.meta.dirname, '../../../demo/corpus');

describe('knowledge-base use cases', () => {
  it('imports files beside the seed, reports a bad one, and exports what imports back', async () => {
    const dir = tempDir();
    const bad = path.join(dir, 'bad.yaml');
    await writeFile(bad, 'entities:\n  - id: x\n    type: SHIP\n    names: {en: X}\n');
    const store = openSqliteStore(path.join(dir, 'kb.db'));
    try {
      const result = await importKnowledgeBase(store, { files: [bad], seed: true });
      assert.equal(result.files.length, 1);
      assert.equal(result.files[0]!.file, '(seed)');
      assert.equal(result.imported, result.files[0]!.entities);
      assert.equal(result.size, result.imported);
      assert.equal(result.failed.length, 1);
      assert.match(result.failed[0]!.reason, /bad\.yaml/);

      const exported = await exportKnowledgeBase(store, 'yaml');
      assert.equal(exported.entities.length, result.size);
      const file = path.join(dir, 'out.yaml');
      await writeFile(file, exported.text);
      const fresh = openSqliteStore(path.join(dir, 'fresh.db'));
      try {
        const again = await importKnowledgeBase(fresh, { files: [file], seed: false });
        assert.deepEqual(again.failed, []);
        assert.equal(again.size, result.size);
      } finally {
        await fresh.close();
      }
    } finally {
      await store.close();
    }
  });

  it('merges, splits and accepts, refusing what does not apply', async () => {
    const dir = tempDir();
    const store = openSqliteStore(path.join(dir, 'decide.db'));
    try {
      const merged = await mergeEntities(store, { from: 'Q18808', into: 'Q423', note: null });
      assert.equal(merged.into, 'Q423');
      assert.ok(merged.name.length > 0);
      await assert.rejects(
        mergeEntities(store, { from: 'Q18808', into: 'nothing-here', note: null }),
        InputError,
      );

      const split = await splitAlias(store, { id: 'Q423', alias: 'DPRK', note: 'test' });
      assert.equal(split.target, 'location:dprk');
      assert.equal((await loadStoredKnowledgeBase(store)).canonicalId('location:dprk'), 'location:dprk');
      await assert.rejects(splitAlias(store, { id: 'Q423', alias: 'not-a-name', note: null }), InputError);
      await assert.rejects(splitAlias(store, { id: 'no-such-id', alias: 'x', note: null }), NotFoundError);

      await assert.rejects(acceptCandidate(store, { id: 'person:never-seen', note: null }), NotFoundError);
      const accepted = await acceptCandidate(store, {
        id: 'person:never-seen',
        name: 'Never Seen',
        language: 'en',
        note: null,
      });
      assert.equal(accepted.type, 'PERSON');
      assert.equal((await loadStoredKnowledgeBase(store)).get('person:never-seen')?.origin, 'accepted');
      await assert.rejects(
        acceptCandidate(store, { id: 'person:never-seen', name: 'Again', note: null }),
        InputError,
      );
    } finally {
      await store.close();
    }
  });

  it('relinks stored documents page by page, reporting progress, and stops when aborted', async () => {
    const dir = tempDir();
    const store = openSqliteStore(path.join(dir, 'relink.db'));
    try {
      await ingestFiles(
        { store, clock: { now: () => new Date('2024-06-01T00:00:00Z') }, enrichers: [] },
        { paths: [path.join(corpus, 'articles.ndjson')], maxFileBytes: 64 * 1024 * 1024, dedupe: false },
      );
      const stored = (await store.documents.list({ limit: 1000 })).length;
      assert.ok(stored > 0);
      const progress: number[] = [];
      const all = await relinkEntities(store, { onProgress: (p) => progress.push(p.documents) });
      assert.equal(all.documents, stored);
      assert.ok(all.mentions > 0);
      assert.equal(progress.at(-1), stored);

      const aborted = new AbortController();
      aborted.abort();
      assert.deepEqual(await relinkEntities(store, { signal: aborted.signal }), {
        documents: 0,
        mentions: 0,
      });
    } finally {
      await store.close();
    }
  });
});
