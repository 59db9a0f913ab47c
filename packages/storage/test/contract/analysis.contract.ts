// The AnalysisRepository contract: every dialect must count, order and link the same documents.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseQuery, sha256Hex, type Annotation, type Document, type Store } from '@echotrace/core';
import { buildDocument, buildSource, storeDocument } from './builders.ts';
import type { StoreFactory } from './store.contract.ts';

const selection = (text: string) => ({ kind: 'query' as const, query: parseQuery(text) });

function mention(document: Document, surface: string, entityId: string, label = 'PERSON'): Annotation[] {
  const out: Annotation[] = [];
  for (let at = document.text.indexOf(surface); at !== -1; at = document.text.indexOf(surface, at + 1)) {
    out.push({
      id: sha256Hex(`${document.id}:${entityId}:${at}`).slice(0, 32),
      documentId: document.id,
      kind: 'entity',
      label,
      start: at,
      end: at + surface.length,
      confidence: 0.9,
      producer: 'entities',
      producerVersion: '1',
      attributes: { entityId, name: surface, reason: 'exact-alias', surface },
    });
  }
  return out;
}

export function describeAnalysisRepositoryContract(adapter: string, factory: StoreFactory): void {
  describe(`AnalysisRepository contract: ${adapter}`, () => {
    let store: Store;
    const doc = (key: string, sourceId: string, publishedAt: string | null, text: string, language = 'ru') =>
      buildDocument({ key: `https://${sourceId}.test/${key}`, sourceId, publishedAt, text, language });
    // The story: a fringe outlet says it first, a Telegram channel forwards it, the mainstream copies it.
    const first = doc(
      '1',
      'fringe-daily',
      '2024-03-01T23:30:00+03:00',
      'Санкции против Пхеньяна. Иванов и Петров.',
    );
    const forwarded = doc('2', 'fringe-tg', '2024-03-02T08:00:00Z', 'Санкции обсуждают. Иванов.');
    const copy = doc('3', 'big-paper', '2024-03-05T09:00:00Z', 'Санкции против Пхеньяна. Иванов и Петров.');
    const later = doc('4', 'big-paper', '2024-03-05T07:00:00Z', 'Новые санкций нет. Петров и Сидоров.');
    const unrelated = doc('5', 'big-paper', '2024-03-05T10:00:00Z', 'Погода в Москве. Сидоров.');
    const undated = doc('6', 'fringe-daily', null, 'Санкции без даты.');
    const english = doc('7', 'big-paper', '2024-03-06T10:00:00Z', 'Weather today.', 'en');
    const all = [first, forwarded, copy, later, unrelated, undated, english];

    before(async () => {
      store = await factory.create();
      await store.sources.upsert(
        buildSource({ id: 'fringe-daily', name: 'Fringe Daily', labels: ['fringe'] }),
      );
      await store.sources.upsert(
        buildSource({
          id: 'fringe-tg',
          name: 'Fringe TG',
          kind: 'telegram',
          homepage: 'https://t.me/fringe_tg',
          labels: ['fringe', 'telegram'],
        }),
      );
      await store.sources.upsert(
        buildSource({
          id: 'state-tg',
          name: 'State Wire',
          kind: 'telegram',
          homepage: 'https://t.me/state_wire',
          labels: ['state'],
        }),
      );
      await store.sources.upsert(
        buildSource({
          id: 'big-paper',
          name: 'Big Paper',
          homepage: 'https://big.test/',
          labels: ['mainstream'],
        }),
      );
      for (const d of all) await storeDocument(store, d);
      await store.duplicates.setGroups([
        { documentId: first.id, groupId: first.id },
        { documentId: copy.id, groupId: first.id },
      ]);
      await store.duplicates.recordForward({ documentId: forwarded.id, fromChannel: 'State_Wire' });
      await store.duplicates.recordForward({ documentId: later.id, fromChannel: 'Somebody Else' });
      await store.annotations.replace(first.id, 'entities', [
        ...mention(first, 'Иванов', 'ivanov'),
        ...mention(first, 'Петров', 'petrov'),
      ]);
      await store.annotations.replace(forwarded.id, 'entities', mention(forwarded, 'Иванов', 'ivanov'));
      await store.annotations.replace(copy.id, 'entities', [
        ...mention(copy, 'Иванов', 'ivanov-old'),
        ...mention(copy, 'Петров', 'petrov'),
      ]);
      await store.annotations.replace(later.id, 'entities', [
        ...mention(later, 'Петров', 'petrov'),
        ...mention(later, 'Сидоров', 'sidorov'),
      ]);
      await store.annotations.replace(unrelated.id, 'entities', mention(unrelated, 'Сидоров', 'sidorov'));
      // ivanov-old was merged into ivanov: its mentions are his.
      await store.entities.replaceRedirects(new Map([['ivanov-old', 'ivanov']]));
    });
    after(async () => {
      await factory.destroy(store);
    });

    it('counts matching dated documents per UTC day, source and language', async () => {
      const counts = await store.analysis.dailyCounts(selection('санкции'));
      assert.deepEqual(counts, [
        // 23:30 in Moscow on 1 March is 20:30 UTC: still 1 March.
        { day: '2024-03-01', sourceId: 'fringe-daily', language: 'ru', documents: 1 },
        { day: '2024-03-02', sourceId: 'fringe-tg', language: 'ru', documents: 1 },
        { day: '2024-03-05', sourceId: 'big-paper', language: 'ru', documents: 2 },
      ]);
      const negated = await store.analysis.dailyCounts(selection('санкции -Пхеньян'));
      assert.deepEqual(
        negated.map((c) => [c.day, c.documents]),
        [
          ['2024-03-02', 1],
          ['2024-03-05', 1],
        ],
      );
      const entity = await store.analysis.dailyCounts(selection('entity:ivanov'));
      assert.deepEqual(
        entity.map((c) => [c.day, c.sourceId, c.documents]),
        [
          ['2024-03-01', 'fringe-daily', 1],
          ['2024-03-02', 'fringe-tg', 1],
          ['2024-03-05', 'big-paper', 1],
        ],
      );
    });

    it('totals every dated document in the scope of the query, whatever its words', async () => {
      const totals = await store.analysis.dailyTotals(selection('санкции source:big-paper'));
      assert.deepEqual(totals, [
        { day: '2024-03-05', sourceId: 'big-paper', language: 'ru', documents: 3 },
        { day: '2024-03-06', sourceId: 'big-paper', language: 'en', documents: 1 },
      ]);
      const ru = await store.analysis.dailyTotals(selection('санкции lang:ru from:2024-03-02 to:2024-03-05'));
      assert.deepEqual(
        ru.map((c) => [c.day, c.sourceId, c.documents]),
        [
          ['2024-03-02', 'fringe-tg', 1],
          ['2024-03-05', 'big-paper', 3],
        ],
      );
    });

    it('gives each source its document count and earliest dated document', async () => {
      const appearances = await store.analysis.appearances(selection('санкции'));
      assert.deepEqual(appearances, [
        {
          sourceId: 'fringe-daily',
          documents: 1,
          firstDocumentId: first.id,
          firstPublishedUtc: '2024-03-01T20:30:00.000Z',
        },
        {
          sourceId: 'fringe-tg',
          documents: 1,
          firstDocumentId: forwarded.id,
          firstPublishedUtc: '2024-03-02T08:00:00.000Z',
        },
        {
          sourceId: 'big-paper',
          documents: 2,
          firstDocumentId: later.id,
          firstPublishedUtc: '2024-03-05T07:00:00.000Z',
        },
      ]);
    });

    it('links copies to their group original and forwards to the forwarded channel', async () => {
      const links = await store.analysis.spreadLinks(selection('санкции'));
      assert.deepEqual(links, [
        {
          kind: 'forward',
          fromSourceId: 'state-tg',
          fromChannel: 'State_Wire',
          toSourceId: 'fringe-tg',
          documents: 1,
          firstPublishedUtc: '2024-03-02T08:00:00.000Z',
        },
        {
          kind: 'forward',
          fromSourceId: null,
          fromChannel: 'Somebody Else',
          toSourceId: 'big-paper',
          documents: 1,
          firstPublishedUtc: '2024-03-05T07:00:00.000Z',
        },
        {
          kind: 'copy',
          fromSourceId: 'fringe-daily',
          fromChannel: null,
          toSourceId: 'big-paper',
          documents: 1,
          firstPublishedUtc: '2024-03-05T09:00:00.000Z',
        },
      ]);
    });

    it('selects a copy group by any of its members, or a lone document by itself', async () => {
      const group = await store.analysis.appearances({ kind: 'group', documentId: copy.id });
      assert.deepEqual(
        group.map((a) => [a.sourceId, a.firstDocumentId]),
        [
          ['fringe-daily', first.id],
          ['big-paper', copy.id],
        ],
      );
      const alone = await store.analysis.dailyCounts({ kind: 'group', documentId: unrelated.id });
      assert.deepEqual(
        alone.map((c) => [c.day, c.documents]),
        [['2024-03-05', 1]],
      );
    });

    it('weights co-occurrence by documents, with merged entities counted as one', async () => {
      const network = await store.analysis.cooccurrence(selection('санкции'), { minDocuments: 1 });
      assert.deepEqual(network.nodes, [
        { entityId: 'ivanov', type: 'PERSON', documents: 3 },
        { entityId: 'petrov', type: 'PERSON', documents: 3 },
        { entityId: 'sidorov', type: 'PERSON', documents: 1 },
      ]);
      assert.deepEqual(network.edges, [
        { source: 'ivanov', target: 'petrov', documents: 2 },
        { source: 'petrov', target: 'sidorov', documents: 1 },
      ]);
      const strong = await store.analysis.cooccurrence(selection('санкции'), { minDocuments: 2 });
      assert.deepEqual(
        strong.edges.map((e) => [e.source, e.target]),
        [['ivanov', 'petrov']],
      );
    });

    it('pages the whole selection by keyset, each document once, with its mentions', async () => {
      const seen: string[] = [];
      let after: number | undefined;
      for (;;) {
        const page = await store.analysis.documentsPage(selection('санкции'), { after, limit: 2 });
        if (page.length === 0) break;
        seen.push(...page.map((d) => d.documentId));
        after = page.at(-1)!.cursor;
      }
      // Undated documents are exported too; ingest order.
      assert.deepEqual(seen, [first.id, forwarded.id, copy.id, later.id, undated.id]);
      const mentions = await store.analysis.mentionsOf([copy.id]);
      assert.deepEqual(
        mentions.map((m) => [m.entityId, copy.text.slice(m.start, m.end)]),
        [
          ['ivanov', 'Иванов'],
          ['petrov', 'Петров'],
        ],
      );
    });
  });
}
