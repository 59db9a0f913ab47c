// The entity repository contract: every adapter's EntityRepository must pass it unchanged.
import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import {
  parseQuery,
  sha256Hex,
  type Annotation,
  type Document,
  type Entity,
  type Store,
} from '@echotrace/core';
import { buildDocument, buildSource, contentHash } from './builders.ts';
import type { StoreFactory } from './store.contract.ts';

function entity(overrides: Partial<Entity> = {}): Entity {
  return {
    id: 'Q423',
    type: 'LOCATION',
    names: { en: 'North Korea', ru: 'КНДР' },
    aliases: ['DPRK'],
    metonyms: ['Pyongyang'],
    description: null,
    externalIds: { wikidata: 'Q423' },
    origin: 'kb',
    ...overrides,
  };
}

async function addDocument(store: Store, document: Document): Promise<void> {
  const capture = await store.captures.put(new TextEncoder().encode(document.text), {
    mediaType: 'text/plain',
    charset: 'utf-8',
    capturedAt: document.ingestedAt,
    origin: document.key,
  });
  const stored = { ...document, captureSha256: capture.sha256 };
  await store.documents.upsert(stored, contentHash(stored));
}

/** Entity annotations for every occurrence of `surface` in the document. */
function mentionsOf(document: Document, surface: string, entityId: string): Annotation[] {
  const out: Annotation[] = [];
  for (let at = document.text.indexOf(surface); at !== -1; at = document.text.indexOf(surface, at + 1)) {
    out.push({
      id: sha256Hex(`${document.id}:${at}`).slice(0, 32),
      documentId: document.id,
      kind: 'entity',
      label: 'LOCATION',
      start: at,
      end: at + surface.length,
      confidence: 0.9,
      producer: `entities:${surface}`,
      producerVersion: '1',
      attributes: { entityId, name: surface, reason: 'exact-alias', surface },
    });
  }
  return out;
}

export function describeEntityRepositoryContract(adapter: string, factory: StoreFactory): void {
  describe(`EntityRepository contract: ${adapter}`, () => {
    let store: Store;
    beforeEach(async () => {
      if (store) await factory.destroy(store);
      store = await factory.create();
      await store.sources.upsert(buildSource());
      await store.sources.upsert(buildSource({ id: 'state-wire', name: 'State Wire' }));
    });
    after(async () => {
      if (store) await factory.destroy(store);
    });

    it('upserts, gets and lists entries by id', async () => {
      await store.entities.upsert([
        entity(),
        entity({
          id: 'tass',
          type: 'MEDIA',
          names: { ru: 'ТАСС' },
          aliases: [],
          metonyms: [],
          externalIds: {},
        }),
      ]);
      await store.entities.upsert([entity({ description: 'the DPRK' })]);
      assert.deepEqual(
        (await store.entities.list()).map((e) => e.id),
        ['Q423', 'tass'],
      );
      assert.deepEqual(await store.entities.get('Q423'), entity({ description: 'the DPRK' }));
      assert.equal(await store.entities.get('nope'), null);
    });

    it('keeps the decision log in order with notes', async () => {
      const first = await store.entities.addDecision(
        { kind: 'merge', from: 'location:kndr', into: 'Q423' },
        'same state',
      );
      const second = await store.entities.addDecision({
        kind: 'split',
        entityId: 'Q423',
        alias: 'Korea',
        target: 'location:korea',
      });
      assert.ok(second.seq > first.seq);
      const log = await store.entities.decisions();
      assert.deepEqual(
        log.map((d) => [d.kind, d.note]),
        [
          ['merge', 'same state'],
          ['split', null],
        ],
      );
      assert.deepEqual(log[0], first);
      assert.match(log[1]!.decidedAt, /^\d{4}-\d{2}-\d{2}T/);
    });

    it('counts mentions over time and per source, lists them newest first, and finds discovered ids', async () => {
      const march = buildDocument({ text: 'КНДР и КНДР.', publishedAt: '2024-03-01T10:00:00+03:00' });
      const april = buildDocument({
        text: 'Снова КНДР.',
        publishedAt: '2024-04-02T01:00:00+03:00',
        sourceId: 'state-wire',
      });
      const undated = buildDocument({ text: 'Пхеньян без даты.', publishedAt: null });
      for (const d of [march, april, undated]) await addDocument(store, d);
      await store.annotations.replace(march.id, 'entities:КНДР', mentionsOf(march, 'КНДР', 'Q423'));
      await store.annotations.replace(april.id, 'entities:КНДР', mentionsOf(april, 'КНДР', 'Q423'));
      await store.annotations.replace(
        undated.id,
        'entities:Пхеньян',
        mentionsOf(undated, 'Пхеньян', 'location:phenian'),
      );

      assert.deepEqual(await store.entities.mentionsOverTime(['Q423'], 'month'), [
        { period: '2024-03', mentions: 2, documents: 1 },
        { period: '2024-04', mentions: 1, documents: 1 },
      ]);
      // Periods are UTC: 01:00+03:00 on 2 April is still 1 April.
      assert.deepEqual(
        (await store.entities.mentionsOverTime(['Q423', 'location:phenian'], 'day')).map((p) => p.period),
        ['2024-03-01', '2024-04-01', 'unknown'],
      );
      assert.deepEqual(await store.entities.mentionsBySource(['Q423']), [
        { sourceId: 'fringe-daily', name: 'Fringe Daily', mentions: 2, documents: 1 },
        { sourceId: 'state-wire', name: 'State Wire', mentions: 1, documents: 1 },
      ]);
      const listed = await store.entities.mentions(['Q423', 'location:phenian']);
      assert.deepEqual(
        listed.map((m) => [m.documentId, m.surface, m.start]),
        [
          [april.id, 'КНДР', 6],
          [march.id, 'КНДР', 0],
          [march.id, 'КНДР', 7],
          [undated.id, 'Пхеньян', 0],
        ],
      );
      assert.equal(listed[0]!.reason, 'exact-alias');
      assert.equal((await store.entities.mentions(['Q423'], { limit: 1, offset: 1 }))[0]!.start, 0);

      const discovered = await store.entities.discovered(['Q423']);
      assert.deepEqual(discovered, [
        {
          entityId: 'location:phenian',
          type: 'LOCATION',
          name: 'Пхеньян',
          mentions: 1,
          documents: 1,
          surfaces: ['Пхеньян'],
        },
      ]);
    });

    it("lets search's entity:ID filter follow merged-away ids", async () => {
      const document = buildDocument({ text: 'Пхеньян заявил.' });
      await addDocument(store, document);
      await store.annotations.replace(
        document.id,
        'entities',
        mentionsOf(document, 'Пхеньян', 'location:phenian'),
      );
      const search = async (id: string): Promise<number> =>
        (await store.search.search({ query: parseQuery(`entity:${id}`), limit: 10, offset: 0 })).total;
      assert.equal(await search('Q423'), 0);
      await store.entities.replaceRedirects(new Map([['location:phenian', 'Q423']]));
      assert.equal(await search('Q423'), 1);
      assert.equal(await search('location:phenian'), 1, 'the old id still finds its own mentions');
      await store.entities.replaceRedirects(new Map());
      assert.equal(await search('Q423'), 0);
    });

    it("lets search's speaker:ID filter find documents where the entity is quoted, not only named", async () => {
      const quoted = buildDocument({ id: 'quoted', key: 'k-quoted', text: '«Мы готовы», — сказал Туманов.' });
      const named = buildDocument({ id: 'named', key: 'k-named', text: 'Туманов промолчал.' });
      await addDocument(store, quoted);
      await addDocument(store, named);
      for (const document of [quoted, named])
        await store.annotations.replace(
          document.id,
          'entities',
          mentionsOf(document, 'Туманов', 'person:tumanov'),
        );
      const speakerAt = quoted.text.indexOf('Туманов');
      await store.annotations.replace(quoted.id, 'quotes', [
        {
          id: sha256Hex('quoted:quote').slice(0, 32),
          documentId: quoted.id,
          kind: 'quote',
          label: 'DIRECT',
          start: 1,
          end: 10,
          confidence: 0.9,
          producer: 'quotes',
          producerVersion: '1',
          attributes: {
            speaker: 'Туманов',
            speakerEntityId: 'person:tumanov',
            speakerSpan: { start: speakerAt, end: speakerAt + 'Туманов'.length },
          },
        },
      ]);
      const found = async (query: string): Promise<string[]> =>
        (await store.search.search({ query: parseQuery(query), limit: 10, offset: 0 })).hits.map(
          (h) => h.documentId,
        );
      assert.deepEqual(await found('speaker:person:tumanov'), ['quoted']);
      assert.deepEqual((await found('entity:person:tumanov')).sort(), ['named', 'quoted']);
      assert.deepEqual(await found('speaker:person:tumanov готовы'), ['quoted']);
      assert.deepEqual(await found('speaker:nobody'), []);
      // An id merged into another: its quotes are the other's.
      await store.entities.replaceRedirects(new Map([['person:tumanov', 'gleb-tumanov']]));
      assert.deepEqual(await found('speaker:gleb-tumanov'), ['quoted']);
      await store.entities.replaceRedirects(new Map());
      assert.deepEqual(await found('speaker:gleb-tumanov'), []);
    });
  });
}
