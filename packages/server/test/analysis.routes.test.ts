// The analysis routes through the real app on a real store, on both databases: trend, spread and
// network over a selection (with GEXF and GraphML downloads), narratives and a document's labels,
// and the selection errors as typed 400s and 404s.
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment --
   response bodies are JSON read field by field by the assertions: their shape is what is under test */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApiToken, createUser } from '@echotrace/app';
import { documentIdForKey, normalizeText, paragraphSpans, sha256Hex, type Document } from '@echotrace/core';
import { createApp } from '@echotrace/server';
import { seedCorpus, type Corpus } from './helpers/corpus.fixture.ts';
import { EVERY_DATABASE, type TestStore } from './helpers/test.stores.ts';

type Json = Record<string, any>;
const clock = { now: () => new Date('2026-12-02T12:00:00Z') };
const NARRATIVE = 'demo-moscow-beijing-pyongyang-alliance';

for (const database of EVERY_DATABASE) {
  describe(`analysis routes: ${database.name}`, () => {
    let test: TestStore;
    let corpus: Corpus;
    let both: Document;
    let app: ReturnType<typeof createApp>;
    let bearer = '';
    const get = async (url: string) => {
      const response = await app.request(url, { headers: { Authorization: bearer } });
      const type = response.headers.get('content-type') ?? '';
      const body: Json = type.includes('json') ? await response.json() : { text: await response.text() };
      return { status: response.status, body, headers: response.headers };
    };
    before(async () => {
      test = await database.create();
      corpus = await seedCorpus(test.store);
      // A fourth document, on the wire, naming both entities: the network's one pair, and a narrative.
      const key = 'https://wire.test/4';
      const text = normalizeText('Gleb Tumanov spoke in Moscow about sanctions.');
      const capture = await test.store.captures.put(new TextEncoder().encode(text), {
        mediaType: 'text/plain',
        charset: 'utf-8',
        capturedAt: '2024-05-03T00:00:00Z',
        origin: key,
      });
      both = {
        id: documentIdForKey(key),
        key,
        sourceId: 'wire',
        captureSha256: capture.sha256,
        text,
        paragraphs: paragraphSpans(text),
        title: 'Tumanov in Moscow',
        byline: null,
        publishedAt: '2024-05-02T08:00:00Z',
        language: 'en',
        canonicalUrl: key,
        ingestedAt: '2024-05-03T00:00:00Z',
      };
      await test.store.documents.upsert(both, sha256Hex(text));
      const at = (surface: string) => ({
        start: text.indexOf(surface),
        end: text.indexOf(surface) + surface.length,
      });
      const base = { documentId: both.id, confidence: 1, producerVersion: '1' };
      await test.store.annotations.replace(both.id, 'ner', [
        {
          ...base,
          id: 'b-e1',
          kind: 'entity',
          label: 'PERSON',
          producer: 'ner',
          ...at('Gleb Tumanov'),
          attributes: { entityId: 'gleb-tumanov' },
        },
        {
          ...base,
          id: 'b-e2',
          kind: 'entity',
          label: 'LOCATION',
          producer: 'ner',
          ...at('Moscow'),
          attributes: { entityId: 'moskva' },
        },
      ]);
      await test.store.annotations.replace(both.id, 'narratives', [
        {
          ...base,
          id: 'b-n1',
          kind: 'narrative',
          label: NARRATIVE,
          producer: 'narratives',
          ...at('Gleb Tumanov spoke in Moscow about sanctions.'),
          confidence: 0.8,
          attributes: { narrativeId: NARRATIVE, name: 'Alliance', score: 0.8, method: 'model' },
        },
      ]);
      app = createApp({ store: test.store, clock });
      await createUser(test.store, {
        username: 'v',
        password: 'a long viewer password',
        role: 'viewer',
        actor: 'test',
        now: clock.now(),
      });
      bearer = `Bearer ${(await createApiToken(test.store, { username: 'v', name: 't', actor: 'test', now: clock.now() })).token}`;
    });
    after(async () => {
      await test.destroy();
    });

    it('counts matches per month, overall and per source, with the scope total beside each count', async () => {
      const { status, body } = await get(
        `/api/trend?q=${encodeURIComponent('санкции OR sanctions')}&interval=month`,
      );
      assert.equal(status, 200);
      assert.equal(body.documents, 4);
      assert.deepEqual(body.periods, ['2024-03', '2024-04', '2024-05']);
      assert.deepEqual(
        body.series.map((s: Json) => [s.key, s.points.map((p: Json) => p.documents)]),
        [['all', [1, 1, 2]]],
      );
      const bySource = await get(`/api/trend?q=sanctions&interval=month&by=source`);
      assert.deepEqual(
        bySource.body.series.map((s: Json) => [s.key, s.documents]),
        [['wire', 2]],
      );
      // The wire's May total counts its one May document; the share is matches over that.
      const may = bySource.body.series[0].points.find((p: Json) => p.period === '2024-05');
      assert.deepEqual([may.documents, may.total, may.share], [1, 1, 1]);
      const ranged = await get(
        `/api/trend?q=${encodeURIComponent('санкции OR sanctions')}&interval=month&from=2024-04`,
      );
      assert.equal(ranged.body.documents, 3);
    });

    it('orders the sources that carried a story and links nothing without copies', async () => {
      const { status, body } = await get(`/api/spread?q=${encodeURIComponent('санкции OR sanctions')}`);
      assert.equal(status, 200);
      assert.deepEqual(
        body.sources.map((s: Json) => [s.order, s.sourceId, s.documents, s.delayHours]),
        [
          [1, 'fringe-daily', 2, 0],
          [2, 'wire', 2, 31 * 24 + 2],
        ],
      );
      assert.equal(body.sources[0].firstDocumentId, corpus.hostile.id);
      assert.deepEqual(body.links, []);
      assert.deepEqual(
        body.labels.map((l: Json) => l.label),
        ['state-affiliated'],
      );
    });

    it('returns the co-occurrence network as JSON, GEXF and GraphML', async () => {
      const { status, body } = await get('/api/network?q=sanctions');
      assert.equal(status, 200);
      assert.deepEqual(body.edges, [{ source: 'gleb-tumanov', target: 'moskva', weight: 1 }]);
      assert.deepEqual(body.nodes.map((n: Json) => [n.id, n.documents]).sort(), [
        ['gleb-tumanov', 2],
        ['moskva', 1],
      ]);
      const isolated = await get(`/api/network?q=${encodeURIComponent('санкции')}&isolated=true`);
      assert.deepEqual(isolated.body.edges, []);
      assert.ok(isolated.body.nodes.length >= 1);
      const gexf = await get('/api/network?q=sanctions&format=gexf');
      assert.equal(gexf.status, 200);
      assert.match(gexf.headers.get('content-type')!, /^application\/gexf\+xml/);
      assert.match(gexf.headers.get('content-disposition')!, /attachment; filename="network.gexf"/);
      assert.match(gexf.body.text, /<edge [^>]*source="gleb-tumanov" target="moskva"/);
      const graphml = await get('/api/network?q=sanctions&format=graphml&minWeight=2');
      assert.match(graphml.headers.get('content-type')!, /^application\/graphml\+xml/);
      assert.doesNotMatch(graphml.body.text, /<edge /, 'no pair shares two documents');
    });

    it('refuses a bad selection with a typed error naming the input', async () => {
      const syntax = await get(`/api/trend?q=${encodeURIComponent('"unclosed')}`);
      assert.equal(syntax.status, 400);
      assert.equal(syntax.body.error.code, 'query_syntax');
      const source = await get(`/api/spread?q=${encodeURIComponent('x source:nowhere')}`);
      assert.equal(source.status, 400);
      assert.match(JSON.stringify(source.body.error), /nowhere/);
      const group = await get('/api/network?q=group:0000000000000000');
      assert.equal(group.status, 404);
      assert.equal(group.body.error.code, 'not_found');
      const empty = await get('/api/trend?q=');
      assert.equal(empty.status, 400);
      assert.equal(empty.body.error.code, 'invalid_request');
      const interval = await get('/api/trend?q=x&interval=year');
      assert.equal(interval.status, 400);
    });

    it('lists narratives with counts per month and source, one narrative, and a document labels', async () => {
      const { status, body } = await get('/api/narratives');
      assert.equal(status, 200);
      assert.deepEqual(body.narratives, [
        {
          id: NARRATIVE,
          name: 'Alliance',
          level: 'narrative',
          documents: 1,
          byMonth: { '2024-05': 1 },
          bySource: { wire: 1 },
        },
      ]);
      const one = await get(`/api/narratives/${NARRATIVE}`);
      assert.equal(one.status, 200);
      assert.deepEqual(
        one.body.documents.map((d: Json) => [d.documentId, d.score, d.evidence[0].text]),
        [[both.id, 0.8, both.text]],
      );
      assert.equal((await get('/api/narratives/no-such-narrative')).status, 404);
      const labels = await get(`/api/documents/${both.id}/labels`);
      assert.equal(labels.status, 200);
      assert.deepEqual(
        labels.body.labels.map((l: Json) => [l.kind, l.id, l.start, l.end]),
        [['narrative', NARRATIVE, 0, both.text.length]],
      );
      assert.equal((await get('/api/documents/0000000000000000/labels')).status, 404);
    });

    it('filters sanctions hits to one entity', async () => {
      const { body } = await get('/api/sanctions/hits?entity=gleb-tumanov');
      assert.deepEqual(
        body.groups.map((g: Json) => [g.listEntryId, g.entities.map((e: Json) => e.entityId)]),
        [['990101', ['gleb-tumanov']]],
      );
      assert.deepEqual((await get('/api/sanctions/hits?entity=moskva')).body.groups, []);
    });

    it('lists every source with its health and recent activity, and counts items per day per source', async () => {
      await test.store.sourceSettings.recordHealth({
        sourceId: 'wire',
        lastPollAt: '2026-12-02T11:00:00Z',
        lastSuccessAt: '2026-12-01T11:00:00Z',
        lastError: 'HTTP 503 from https://wire.test/feed',
        consecutiveFailures: 2,
        lastNewItems: 0,
        nextPollAt: null,
      });
      const { status, body } = await get('/api/sources/health');
      assert.equal(status, 200);
      const wire = body.sources.find((s: Json) => s.sourceId === 'wire');
      assert.deepEqual(
        [wire.consecutiveFailures, wire.lastError],
        [2, 'HTTP 503 from https://wire.test/feed'],
      );
      assert.deepEqual(body.sources.map((s: Json) => s.sourceId).sort(), ['fringe-daily', 'wire']);
      // Items per day for the sources page's sparklines: a filter-only query split by source.
      const daily = await get(`/api/trend?q=${encodeURIComponent('from:2024-05-01')}&interval=day&by=source`);
      assert.deepEqual(
        daily.body.series.map((s: Json) => [s.key, s.documents]),
        [
          ['fringe-daily', 1],
          ['wire', 1],
        ],
      );
      assert.deepEqual(daily.body.periods, ['2024-05-01', '2024-05-02']);
    });
  });
}
