// The storage contract: every adapter of core's Store port must pass this suite unchanged.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { InputError, parseQuery, type Annotation, type Document, type Store } from '@echotrace/core';
import { buildDocument, buildSource, contentHash } from './builders.ts';

export interface StoreFactory {
  /** A fresh, empty, migrated store. */
  create(): Promise<Store>;
  /** Removes whatever create() made. */
  destroy(store: Store): Promise<void>;
}

async function addDocument(store: Store, document: Document): Promise<void> {
  await store.captures.put(new TextEncoder().encode(document.text), {
    mediaType: 'text/plain',
    charset: 'utf-8',
    capturedAt: document.ingestedAt,
    origin: document.key,
  });
  const withCapture = { ...document, captureSha256: (await store.captures.get(sha(document.text)))!.sha256 };
  await store.documents.upsert(withCapture, contentHash(withCapture));
}

import { sha256Hex as sha } from '@echotrace/core';

export function describeStoreContract(adapter: string, factory: StoreFactory): void {
  describe(`Store contract: ${adapter}`, () => {
    let store: Store;
    beforeEach(async () => {
      if (store) await factory.destroy(store);
      store = await factory.create();
      await store.sources.upsert(buildSource());
    });
    after(async () => {
      if (store) await factory.destroy(store);
    });

    describe('sources', () => {
      it('upserts, lists and gets sources', async () => {
        await store.sources.upsert(
          buildSource({ id: 'state-wire', name: 'State Wire', labels: ['state-affiliated'] }),
        );
        await store.sources.upsert(
          buildSource({ id: 'state-wire', name: 'State Wire Agency', labels: ['state-affiliated'] }),
        );
        assert.deepEqual(
          (await store.sources.list()).map((s) => s.id),
          ['fringe-daily', 'state-wire'],
        );
        assert.equal((await store.sources.get('state-wire'))?.name, 'State Wire Agency');
        assert.deepEqual((await store.sources.get('state-wire'))?.labels, ['state-affiliated']);
        assert.equal(await store.sources.get('nope'), null);
      });
      it('keeps the owner, replaces it on upsert, and reads a source without one back unchanged', async () => {
        const base = buildSource({ id: 'volna', name: 'Radio Volna' });
        await store.sources.upsert({ ...base, owner: 'Peresvet Holding (Arkady Zhuravin)' });
        assert.equal((await store.sources.get('volna'))?.owner, 'Peresvet Holding (Arkady Zhuravin)');
        await store.sources.upsert(base);
        assert.deepEqual(await store.sources.get('volna'), base);
        assert.equal('owner' in (await store.sources.list()).find((s) => s.id === 'volna')!, false);
      });
      it('refuses to remove a source that still has documents', async () => {
        await addDocument(store, buildDocument());
        await assert.rejects(store.sources.remove('fringe-daily'), InputError);
        await store.sources.upsert(buildSource({ id: 'empty' }));
        await store.sources.remove('empty');
        assert.equal(await store.sources.get('empty'), null);
      });
    });

    describe('captures', () => {
      it('stores bytes once under their SHA-256 and returns them unchanged', async () => {
        const bytes = new Uint8Array([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x00, 0xff]);
        const meta = {
          mediaType: 'text/html',
          charset: 'windows-1251',
          capturedAt: '2024-01-01T00:00:00Z',
          origin: 'a.html',
        };
        const first = await store.captures.put(bytes, meta);
        const second = await store.captures.put(bytes, {
          ...meta,
          origin: 'b.html',
          capturedAt: '2025-01-01T00:00:00Z',
        });
        assert.equal(first.sha256, sha(bytes));
        assert.equal(first.byteLength, 8);
        assert.deepEqual(second, first, 'the first capture record is kept');
        assert.deepEqual(await store.captures.bytes(first.sha256), bytes);
        assert.equal(await store.captures.has(first.sha256), true);
        assert.equal(await store.captures.has(sha('other')), false);
      });
    });

    describe('documents', () => {
      it('adds, leaves unchanged, and updates with history', async () => {
        const doc = buildDocument({ key: 'k1', text: 'Версия один.' });
        await store.captures.put(new TextEncoder().encode('v1'), {
          mediaType: 'text/plain',
          charset: 'utf-8',
          capturedAt: 't',
          origin: 'k1',
        });
        const v1 = { ...doc, captureSha256: sha(new TextEncoder().encode('v1')) };
        assert.equal(await store.documents.upsert(v1, 'h1'), 'added');
        assert.equal(await store.documents.upsert(v1, 'h1'), 'unchanged');
        await store.captures.put(new TextEncoder().encode('v2'), {
          mediaType: 'text/plain',
          charset: 'utf-8',
          capturedAt: 't',
          origin: 'k1',
        });
        const v2 = {
          ...v1,
          text: 'Версия два.',
          captureSha256: sha(new TextEncoder().encode('v2')),
          ingestedAt: '2024-03-03T00:00:00Z',
        };
        assert.equal(await store.documents.upsert(v2, 'h2'), 'updated');
        assert.equal((await store.documents.get(doc.id))?.text, 'Версия два.');
        const versions = await store.documents.versions(doc.id);
        assert.deepEqual(
          versions.map((v) => v.captureSha256),
          [v1.captureSha256, v2.captureSha256],
        );
        assert.equal(await store.documents.count(), 1);
        assert.equal(
          (await store.search.search({ query: parseQuery('один'), limit: 10, offset: 0 })).total,
          0,
          'old text leaves the index',
        );
        assert.equal(
          (await store.search.search({ query: parseQuery('два'), limit: 10, offset: 0 })).total,
          1,
        );
      });
      it('round-trips every field', async () => {
        const doc = buildDocument({
          key: 'https://x.test/a',
          byline: 'Иван Петров',
          title: 'Т',
          language: 'ru',
        });
        await addDocument(store, doc);
        const stored = await store.documents.getByKey('https://x.test/a');
        assert.ok(stored);
        assert.deepEqual({ ...stored, captureSha256: '' }, { ...doc, captureSha256: '' });
      });
      it('reports which keys are unchanged', async () => {
        const doc = buildDocument({ key: 'same' });
        await addDocument(store, doc);
        const unchanged = await store.documents.unchangedKeys([
          { key: 'same', contentSha256: contentHash({ ...doc }) },
          { key: 'same', contentSha256: 'different' },
          { key: 'missing', contentSha256: 'x' },
        ]);
        assert.deepEqual([...unchanged], ['same']);
      });
      it('finds stored keys by canonical URL, compared lower-cased', async () => {
        await addDocument(
          store,
          buildDocument({
            key: 'telegram:-100123/7',
            canonicalUrl: 'https://t.me/Fringe_Daily/7',
            text: 'Пост',
          }),
        );
        const found = await store.documents.keysByCanonicalUrl([
          'https://t.me/fringe_daily/7',
          'https://t.me/fringe_daily/8',
        ]);
        assert.deepEqual([...found], [['https://t.me/fringe_daily/7', 'telegram:-100123/7']]);
        assert.equal((await store.documents.keysByCanonicalUrl([])).size, 0);
      });
      it('lists by keyset pages and counts per source, language and month', async () => {
        await store.sources.upsert(buildSource({ id: 'wire', name: 'Wire' }));
        for (let i = 0; i < 5; i++) {
          await addDocument(
            store,
            buildDocument({
              key: `d${i}`,
              text: `Текст номер ${i}`,
              sourceId: i < 3 ? 'fringe-daily' : 'wire',
              language: i < 4 ? 'ru' : 'en',
              publishedAt: i < 2 ? '2024-01-15T12:00:00+03:00' : i < 4 ? '2024-02-01T01:00:00+03:00' : null,
            }),
          );
        }
        const first = await store.documents.list({ limit: 3 });
        const second = await store.documents.list({ limit: 3, afterId: first.at(-1)!.id });
        assert.equal(first.length + second.length, 5);
        assert.equal(new Set([...first, ...second].map((d) => d.id)).size, 5);
        const stats = await store.documents.stats();
        assert.equal(stats.documents, 5);
        assert.deepEqual(
          stats.sources.map((s) => [s.sourceId, s.documents]),
          [
            ['fringe-daily', 3],
            ['wire', 2],
          ],
        );
        assert.deepEqual(stats.languages, [
          { language: 'ru', documents: 4 },
          { language: 'en', documents: 1 },
        ]);
        // 2024-02-01T01:00+03:00 is 2024-01-31 in UTC: months are counted on the UTC instant.
        assert.deepEqual(stats.months, [
          { month: '2024-01', documents: 4 },
          { month: 'unknown', documents: 1 },
        ]);
      });
    });

    describe('annotations', () => {
      it('replaces a producer’s annotations and keeps other producers’', async () => {
        const doc = buildDocument({ key: 'ann', text: 'Константин Малофеев сказал.' });
        await addDocument(store, doc);
        const mention = (producer: string, start: number, end: number): Annotation => ({
          id: `${producer}-${start}`,
          documentId: doc.id,
          kind: 'entity',
          label: 'PERSON',
          start,
          end,
          confidence: 0.9,
          producer,
          producerVersion: '1',
          attributes: { entityId: 'Q123' },
        });
        await store.annotations.replace(doc.id, 'ner', [mention('ner', 0, 10), mention('ner', 11, 19)]);
        await store.annotations.replace(doc.id, 'quotes', [mention('quotes', 0, 26)]);
        await store.annotations.replace(doc.id, 'ner', [mention('ner', 11, 19)]);
        const all = await store.annotations.forDocument(doc.id);
        assert.deepEqual(
          all.map((a) => [a.producer, a.start, a.end]),
          [
            ['quotes', 0, 26],
            ['ner', 11, 19],
          ],
        );
        assert.deepEqual(all[1]!.attributes, { entityId: 'Q123' });
        assert.equal((await store.annotations.find({ kind: 'entity', label: 'PERSON' })).length, 2);
      });
    });

    describe('search', () => {
      const corpus = [
        buildDocument({
          key: 's1',
          title: 'Союз с Пхеньяном',
          text: 'Москва должна укрепить связи с Пхеньяна властями. Санкции ООН несправедливы.',
          publishedAt: '2023-09-28T10:00:00+03:00',
          language: 'ru',
        }),
        buildDocument({
          key: 's2',
          title: 'Sanctions debate',
          text: 'The sanction regime against North Korea is discussed. An Eastern NATO is forming.',
          publishedAt: '2022-10-09T08:00:00-04:00',
          language: 'en',
          sourceId: 'wire',
        }),
        buildDocument({
          key: 's3',
          title: 'Weather',
          text: 'Rain in Moscow. Ёлки зелёные.',
          publishedAt: '2024-01-05T00:00:00Z',
          language: 'en',
          sourceId: 'wire',
        }),
        buildDocument({
          key: 's4',
          title: 'Пхеньян',
          text: 'Визит в Пхеньян. Санкции против КНДР.',
          publishedAt: '2024-06-01T00:00:00Z',
          language: 'ru',
        }),
      ];
      beforeEach(async () => {
        await store.sources.upsert(buildSource({ id: 'wire', name: 'Wire', language: 'en' }));
        for (const doc of corpus) await addDocument(store, doc);
      });
      const ids = async (q: string): Promise<string[]> =>
        (await store.search.search({ query: parseQuery(q), limit: 50, offset: 0 })).hits
          .map((h) => corpus.find((d) => d.id === h.documentId)!.key)
          .sort();

      it('stems Russian and English', async () => {
        assert.deepEqual(await ids('Пхеньян'), ['s1', 's4']);
        assert.deepEqual(await ids('sanctions'), ['s2']);
        assert.deepEqual(await ids('санкция'), ['s1', 's4']);
      });
      it('folds ё and case', async () => {
        assert.deepEqual(await ids('елки'), ['s3']);
        assert.deepEqual(await ids('ЗЕЛЁНЫЕ'), ['s3']);
      });
      it('supports phrases, AND, OR, NOT, prefixes and grouping', async () => {
        assert.deepEqual(await ids('"eastern nato"'), ['s2']);
        assert.deepEqual(await ids('"nato eastern"'), []);
        assert.deepEqual(await ids('Пхеньян КНДР'), ['s4']);
        assert.deepEqual(await ids('Пхеньян AND КНДР'), ['s4']);
        assert.deepEqual(await ids('КНДР OR Moscow'), ['s3', 's4']);
        assert.deepEqual(await ids('Пхеньян -КНДР'), ['s1']);
        assert.deepEqual(await ids('Пхеньян NOT КНДР'), ['s1']);
        assert.deepEqual(await ids('санкц*'), ['s1', 's4']);
        assert.deepEqual(await ids('(rain OR korea) moscow'), ['s3']);
        assert.deepEqual(await ids('-Пхеньян'), ['s2', 's3']);
      });
      it('filters by source, language and dates', async () => {
        assert.deepEqual(await ids('source:wire'), ['s2', 's3']);
        assert.deepEqual(await ids('lang:ru'), ['s1', 's4']);
        assert.deepEqual(await ids('from:2023-01-01 to:2023-12-31'), ['s1']);
        assert.deepEqual(await ids('санкции from:2024-06-01'), ['s4']);
        assert.deepEqual(await ids('санкции to:2024-05'), ['s1']);
      });
      it('filters by resolved entity', async () => {
        const doc = corpus[3]!;
        await store.annotations.replace(doc.id, 'ner', [
          {
            id: 'e1',
            documentId: doc.id,
            kind: 'entity',
            label: 'LOCATION',
            start: 8,
            end: 15,
            confidence: 1,
            producer: 'ner',
            producerVersion: '1',
            attributes: { entityId: 'Q18808' },
          },
        ]);
        assert.deepEqual(await ids('entity:Q18808'), ['s4']);
        assert.deepEqual(await ids('санкции entity:Q18808'), ['s4']);
        assert.deepEqual(await ids('entity:Q1'), []);
        const [hit] = (await store.search.search({ query: parseQuery('entity:Q18808'), limit: 1, offset: 0 }))
          .hits;
        assert.deepEqual(
          hit!.highlights.map((h) => hit!.snippet.slice(h.start, h.end)),
          ['Пхеньян'],
          'the mention is marked in the snippet',
        );
      });
      it('ranks title matches first, paginates, and counts the total', async () => {
        const page1 = await store.search.search({ query: parseQuery('Пхеньян'), limit: 1, offset: 0 });
        const page2 = await store.search.search({ query: parseQuery('Пхеньян'), limit: 1, offset: 1 });
        assert.equal(page1.total, 2);
        assert.equal(page1.hits.length, 1);
        assert.notEqual(page1.hits[0]!.documentId, page2.hits[0]!.documentId);
        assert.ok(page1.hits[0]!.score >= page2.hits[0]!.score);
      });
      it('pages with and without filters as one ranked list, and counts past the last page', async () => {
        for (const q of ['Пхеньян', 'Пхеньян lang:ru', 'санкции from:2000-01-01']) {
          const all = await store.search.search({ query: parseQuery(q), limit: 50, offset: 0 });
          assert.ok(all.total >= 2, `${q} matches several documents`);
          const pages = [];
          for (let offset = 0; offset < all.total; offset++)
            pages.push(...(await store.search.search({ query: parseQuery(q), limit: 1, offset })).hits);
          assert.deepEqual(
            pages.map((h) => h.documentId),
            all.hits.map((h) => h.documentId),
            `${q}: pages of one are the list`,
          );
          const past = await store.search.search({ query: parseQuery(q), limit: 10, offset: all.total });
          assert.deepEqual([past.total, past.hits.length], [all.total, 0], `${q}: total past the end`);
        }
      });
      it('highlights matched words in a snippet of the original text', async () => {
        const [hit] = (await store.search.search({ query: parseQuery('Пхеньян КНДР'), limit: 1, offset: 0 }))
          .hits;
        assert.ok(hit);
        const marked = hit.highlights.map((h) => hit.snippet.slice(h.start, h.end));
        assert.deepEqual(marked, ['Пхеньян', 'КНДР']);
      });
      it('rejects negation that cannot be evaluated, naming the query', async () => {
        await assert.rejects(
          store.search.search({ query: parseQuery('a OR -b'), limit: 1, offset: 0 }),
          /NOT cannot be an alternative/,
        );
      });
    });

    describe('transactions', () => {
      it('rolls back every write of a failed unit', async () => {
        await assert.rejects(
          store.transaction(async () => {
            await addDocument(store, buildDocument({ key: 'doomed' }));
            throw new Error('boom');
          }),
          /boom/,
        );
        assert.equal(await store.documents.getByKey('doomed'), null);
        await store.transaction(() => addDocument(store, buildDocument({ key: 'kept' })));
        assert.ok(await store.documents.getByKey('kept'));
      });

      it('isolates concurrent units: a failing unit rolls back only its own writes', async () => {
        let releaseFailing!: () => void;
        const failingMayEnd = new Promise<void>((resolve) => (releaseFailing = resolve));
        let failingStarted!: () => void;
        const started = new Promise<void>((resolve) => (failingStarted = resolve));
        const failing = store.transaction(async () => {
          await store.sources.upsert(buildSource({ id: 'unit-doomed', name: 'Doomed' }));
          failingStarted();
          await failingMayEnd;
          throw new Error('unit failed');
        });
        await started;
        // Issued while the failing unit is open: from another unit, and from outside any unit.
        const other = store.transaction(() =>
          store.sources.upsert(buildSource({ id: 'unit-kept', name: 'Kept' })),
        );
        const plain = store.sources.upsert(buildSource({ id: 'plain-kept', name: 'Plain' }));
        await new Promise((resolve) => setTimeout(resolve, 20));
        releaseFailing();
        await assert.rejects(failing, /unit failed/);
        await other;
        await plain;
        assert.equal(await store.sources.get('unit-doomed'), null, 'the failing unit rolled back');
        assert.ok(await store.sources.get('unit-kept'), 'the other unit is not rolled back with it');
        assert.ok(await store.sources.get('plain-kept'), 'a write from outside any unit is not rolled back');
      });
    });

    describe('jobs', () => {
      it('enqueues once per key, leases, completes, retries and dead-letters', async () => {
        assert.equal(await store.jobs.enqueue('fetch', 'u1', { url: 'u1' }), true);
        assert.equal(await store.jobs.enqueue('fetch', 'u1', { url: 'u1' }), false);
        await store.jobs.enqueue('fetch', 'u2', { url: 'u2' });
        const claimed = await store.jobs.claim('fetch', 'w1', 60_000, 10);
        assert.deepEqual(
          claimed.map((j) => j.key),
          ['u1', 'u2'],
        );
        assert.deepEqual(claimed[0]!.payload, { url: 'u1' });
        assert.equal(
          (await store.jobs.claim('fetch', 'w2', 60_000, 10)).length,
          0,
          'leased jobs are not handed out twice',
        );
        await store.jobs.complete(claimed[0]!.id);
        await store.jobs.fail(claimed[1]!.id, 'timeout', new Date(Date.now() - 1000).toISOString());
        const again = await store.jobs.claim('fetch', 'w2', 60_000, 10);
        assert.deepEqual(
          again.map((j) => [j.key, j.attempts, j.lastError]),
          [['u2', 2, 'timeout']],
        );
        await store.jobs.fail(again[0]!.id, 'gone for good', null);
        assert.deepEqual(await store.jobs.stats(), [
          { queue: 'fetch', queued: 0, running: 0, done: 1, dead: 1 },
        ]);
      });
      it('hands out a job again when its lease expires', async () => {
        await store.jobs.enqueue('index', 'd1', {});
        await store.jobs.claim('index', 'crashed-worker', -1, 1);
        const reclaimed = await store.jobs.claim('index', 'w2', 60_000, 1);
        assert.equal(reclaimed.length, 1);
      });
    });
  });
}
void before;
