// The enrichers as ingest, watch, the worker, relink and re-screening build them, through the one
// runner: screening receives the entity enricher's output for the same document (no shared map, no
// store lookup of its own), re-screening alone reads the stored entity annotations, and a run in
// worker threads gives exactly what a run in this thread gives.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Annotation, Document, Store } from '@echotrace/core';
import { parseSanctionsFiles, SCREENING_PRODUCER } from '@echotrace/sanctions';
import { ENTITY_PRODUCER } from '@echotrace/entities';
import { openSqliteStore } from '@echotrace/storage';
import { createEnrichment, ingestFiles } from '@echotrace/app';
import { tempDir } from './helpers/temp.dir.ts';

const corpus = path.resolve(import.meta.dirname, '../../../demo/corpus');
const list = path.join(corpus, 'sanctions_demo.csv');

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

async function importDemoList(store: Store): Promise<void> {
  const parsed = parseSanctionsFiles([{ name: list, text: await readFile(list, 'utf8') }]);
  await store.sanctions.importList({
    list: parsed.list,
    sources: [list],
    importedAt: '2024-01-01T00:00:00Z',
    entries: parsed.entries,
    relations: parsed.relations,
  });
}

const text = 'Вчера бизнесмен Глеб Туманов снова выступил в Москве с речью о санкциях.';

describe('createEnrichment', () => {
  it('has no screening enricher while no list is imported', async () => {
    const store = openSqliteStore(path.join(tempDir(), 'empty.db'));
    try {
      const runner = await createEnrichment(store, { threads: 1 });
      assert.deepEqual(runner.producers, ['entities', 'quotes', 'narratives']);
    } finally {
      await store.close();
    }
  });

  it('screens the entities of the same document, and re-screens from the stored entities', async () => {
    const store = openSqliteStore(path.join(tempDir(), 'screen.db'));
    try {
      await importDemoList(store);
      const runner = await createEnrichment(store, { threads: 1 });
      assert.deepEqual(runner.producers, ['entities', 'quotes', 'sanctions-screening', 'narratives']);
      const doc = document('d1', text);
      const [output] = await runner.compute([doc]);
      const mentions = output![ENTITY_PRODUCER]!;
      const span = mentions.find((a) => text.slice(a.start, a.end).includes('Туманов'));
      assert.ok(span, 'the recognizer finds the person');
      const screened = output![SCREENING_PRODUCER]!;
      assert.deepEqual(
        screened.map((a) => [a.start, a.end, a.attributes.listEntryId]),
        [[span.start, span.end, '990101']],
      );
    } finally {
      await store.close();
    }
  });

  it('gives the same annotations in two worker threads as in this thread (ingest of the demo corpus)', async () => {
    const ingestWith = async (threads: number): Promise<{ store: Store; annotations: Annotation[] }> => {
      const store = openSqliteStore(path.join(tempDir(), `threads-${threads}.db`));
      await importDemoList(store);
      const enrichment = await createEnrichment(store, { threads });
      try {
        await ingestFiles(
          { store, clock: { now: () => new Date('2024-06-01T00:00:00Z') }, enrichers: enrichment },
          { paths: [corpus], maxFileBytes: 64 * 1024 * 1024, dedupe: false },
        );
      } finally {
        await enrichment.close();
      }
      return { store, annotations: await allAnnotations(store) };
    };
    const sequential = await ingestWith(1);
    // Two threads: recognition here, screening in a thread; three: a pool of full copies.
    const parallel = await ingestWith(2);
    const pool = await ingestWith(3);
    try {
      assert.ok(sequential.annotations.some((a) => a.kind === 'entity'));
      assert.ok(sequential.annotations.some((a) => a.kind === 'sanction'));
      // Quotes read the entities: with threads their speakers must resolve exactly as in one thread.
      assert.ok(sequential.annotations.some((a) => a.kind === 'quote' && a.attributes.speakerEntityId));
      assert.deepEqual(parallel.annotations, sequential.annotations);
      assert.deepEqual(pool.annotations, sequential.annotations);

      // Re-screening in the staged executor sends the stored entities to the screening thread.
      const staged = await createEnrichment(parallel.store, { threads: 2 });
      try {
        const documents = await parallel.store.documents.list({ limit: 1000 });
        await staged.rerun(parallel.store, documents, { only: [SCREENING_PRODUCER] });
        await staged.rerun(parallel.store, documents, { only: [ENTITY_PRODUCER] });
      } finally {
        await staged.close();
      }
      assert.deepEqual(await allAnnotations(parallel.store), sequential.annotations);

      // Re-screening alone reads the stored entity annotations: a sanctioned mention moved to
      // another span in the store is screened at that span, and the entities are left alone.
      const { store } = sequential;
      const hit = sequential.annotations.find((a) => a.kind === 'sanction')!;
      const entities = await store.annotations.find({ documentId: hit.documentId, kind: 'entity' });
      const mention = entities.find((a) => a.start === hit.start && a.end === hit.end)!;
      const moved: Annotation = { ...mention, id: 'moved', start: 0, end: 1 };
      await store.annotations.replace(hit.documentId, ENTITY_PRODUCER, [moved]);
      const runner = await createEnrichment(store, { threads: 1 });
      const written = await runner.rerun(store, [(await store.documents.get(hit.documentId))!], {
        only: [SCREENING_PRODUCER],
      });
      assert.deepEqual(written, { [SCREENING_PRODUCER]: 1 });
      const rescreened = await store.annotations.find({ documentId: hit.documentId, kind: 'sanction' });
      assert.deepEqual(
        rescreened.map((a) => [a.start, a.end, a.attributes.listEntryId]),
        [[0, 1, hit.attributes.listEntryId]],
      );
      assert.deepEqual(
        (await store.annotations.find({ documentId: hit.documentId, kind: 'entity' })).map((a) => a.id),
        ['moved'],
      );
    } finally {
      await sequential.store.close();
      await parallel.store.close();
      await pool.store.close();
    }
  });
});

async function allAnnotations(store: Store): Promise<Annotation[]> {
  const all: Annotation[] = [];
  for (const d of await store.documents.list({ limit: 10_000 }))
    all.push(...(await store.annotations.forDocument(d.id)));
  return all.sort((a, b) =>
    a.documentId + a.id < b.documentId + b.id ? -1 : a.documentId + a.id > b.documentId + b.id ? 1 : 0,
  );
}
