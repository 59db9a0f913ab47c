// The search facets contract: counts of every matching document by source, language and entity,
// the same on every dialect.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseQuery, type Annotation, type Document, type Store } from '@echotrace/core';
import { buildDocument, buildSource, storeDocument } from './builders.ts';
import type { StoreFactory } from './store.contract.ts';

const mention = (document: Document, entityId: string, n: number): Annotation => ({
  id: `${document.id}-${entityId}-${n}`,
  documentId: document.id,
  kind: 'entity',
  label: 'PERSON',
  start: 0,
  end: 5,
  confidence: 1,
  producer: 'ner',
  producerVersion: '1',
  attributes: { entityId },
});

export function describeSearchFacetsContract(adapter: string, factory: StoreFactory): void {
  describe(`SearchIndex facets contract: ${adapter}`, () => {
    let store: Store;
    const corpus = [
      buildDocument({ key: 'f1', text: 'Санкции против Пхеньяна.', language: 'ru' }),
      buildDocument({ key: 'f2', text: 'Новые санкции объявлены.', language: 'ru', sourceId: 'wire' }),
      buildDocument({ key: 'f3', text: 'Sanctions were announced.', language: 'en', sourceId: 'wire' }),
      buildDocument({ key: 'f4', text: 'Погода в Москве.', language: 'ru' }),
    ];
    before(async () => {
      store = await factory.create();
      await store.sources.upsert(buildSource());
      await store.sources.upsert(buildSource({ id: 'wire', name: 'Wire', language: 'en' }));
      for (const document of corpus) await storeDocument(store, document);
      const [f1, f2, f3, f4] = corpus as [Document, Document, Document, Document];
      // Two mentions of one entity in one document count that document once.
      await store.annotations.replace(f1.id, 'ner', [mention(f1, 'tumanov', 1), mention(f1, 'tumanov', 2)]);
      await store.annotations.replace(f2.id, 'ner', [mention(f2, 'tumanov', 1), mention(f2, 'ivanova', 1)]);
      await store.annotations.replace(f3.id, 'ner', [mention(f3, 'ivanova', 1)]);
      await store.annotations.replace(f4.id, 'ner', [mention(f4, 'moskva', 1)]);
    });
    after(async () => {
      await factory.destroy(store);
    });

    it('counts the matches of a text query by source, language and entity, most frequent first', async () => {
      const facets = await store.search.facets(parseQuery('санкции'), 10);
      assert.equal(facets.total, 2);
      assert.deepEqual(facets.sources, [
        { value: 'fringe-daily', documents: 1 },
        { value: 'wire', documents: 1 },
      ]);
      assert.deepEqual(facets.languages, [{ value: 'ru', documents: 2 }]);
      assert.deepEqual(facets.entities, [
        { value: 'tumanov', documents: 2 },
        { value: 'ivanova', documents: 1 },
      ]);
    });

    it('applies filters and negations, and counts every document for a query of filters only', async () => {
      const wire = await store.search.facets(parseQuery('source:wire'), 10);
      assert.equal(wire.total, 2);
      assert.deepEqual(wire.languages, [
        { value: 'en', documents: 1 },
        { value: 'ru', documents: 1 },
      ]);
      const notSanctions = await store.search.facets(parseQuery('-санкции'), 10);
      assert.equal(notSanctions.total, 2);
      assert.deepEqual(notSanctions.entities, [
        { value: 'ivanova', documents: 1 },
        { value: 'moskva', documents: 1 },
      ]);
      const all = await store.search.facets(parseQuery('lang:ru'), 1);
      assert.equal(all.total, 3);
      assert.deepEqual(all.sources, [{ value: 'fringe-daily', documents: 2 }], 'limited to the top one');
    });

    it('finds nothing for a query nothing matches', async () => {
      const none = await store.search.facets(parseQuery('absentword'), 10);
      assert.deepEqual(none, { total: 0, sources: [], languages: [], entities: [] });
    });
  });
}
