// The API through the real app on a real store, on both databases: every route answers with the
// data the use cases return, errors leave as {error: {code, message, details}}, and archived pages
// are served only as inert text.
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment --
   response bodies are JSON read field by field by the assertions: their shape is what is under test */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApiToken, createUser } from '@echotrace/app';
import { createApp } from '@echotrace/server';
import { seedCorpus, type Corpus } from './helpers/corpus.fixture.ts';
import { EVERY_DATABASE, type TestStore } from './helpers/test.stores.ts';

type Json = Record<string, any>;
const clock = { now: () => new Date('2026-12-02T12:00:00Z') };

for (const database of EVERY_DATABASE) {
  describe(`API routes: ${database.name}`, () => {
    let test: TestStore;
    let corpus: Corpus;
    let app: ReturnType<typeof createApp>;
    let bearer = '';
    const request = (url: string, init: RequestInit = {}) =>
      app.request(url, {
        ...init,
        headers: { Authorization: bearer, ...(init.headers as Record<string, string>) },
      });
    const logged: string[] = [];
    before(async () => {
      test = await database.create();
      corpus = await seedCorpus(test.store);
      app = createApp({ store: test.store, clock, jobsEventIntervalMs: 20, log: (m) => logged.push(m) });
      // Every request here is an admin's (API token): roles are the authorization matrix's subject.
      await createUser(test.store, {
        username: 'root',
        password: 'a long admin password',
        role: 'admin',
        actor: 'test',
        now: clock.now(),
      });
      bearer = `Bearer ${(await createApiToken(test.store, { username: 'root', name: 'tests', actor: 'test', now: clock.now() })).token}`;
    });
    after(async () => {
      await test.destroy();
    });
    const get = async (url: string): Promise<{ status: number; body: Json; headers: Headers }> => {
      const response = await request(url);
      const type = response.headers.get('content-type') ?? '';
      const body = type.includes('json')
        ? ((await response.json()) as Json)
        : { text: await response.text() };
      return { status: response.status, body, headers: response.headers };
    };
    const post = async (url: string, body: unknown) => {
      const response = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Json };
    };

    it('searches with the query syntax, pages, and counts facets over every match', async () => {
      const { status, body } = await get('/api/search?q=санкции&facets=true&limit=1');
      assert.equal(status, 200);
      assert.equal(body.total, 2);
      assert.equal(body.hits.length, 1);
      assert.deepEqual(body.facets.languages, [{ value: 'ru', documents: 2 }]);
      assert.deepEqual(
        body.facets.entities.map((e: Json) => e.value),
        ['gleb-tumanov', 'moskva'],
      );
      const second = await get('/api/search?q=санкции&limit=1&offset=1');
      assert.equal(second.body.hits.length, 1);
      assert.notEqual(second.body.hits[0].documentId, body.hits[0].documentId);
      const filtered = await get(`/api/search?q=${encodeURIComponent('sanctions lang:en source:wire')}`);
      assert.deepEqual(
        filtered.body.hits.map((h: Json) => h.documentId),
        [corpus.english.id],
      );
      const hit = filtered.body.hits[0];
      assert.deepEqual(
        hit.highlights.map((h: Json) => hit.snippet.slice(h.start, h.end)),
        ['sanctions'],
      );
      const byEntity = await get('/api/search?q=entity:gleb-tumanov');
      assert.equal(byEntity.body.total, 2);
    });

    it('refuses a bad query or bad paging with a typed 400, naming the problem', async () => {
      const syntax = await get(`/api/search?q=${encodeURIComponent('"unclosed')}`);
      assert.equal(syntax.status, 400);
      assert.equal(syntax.body.error.code, 'query_syntax');
      assert.equal(typeof syntax.body.error.details.position, 'number');
      const source = await get('/api/search?q=source:nowhere');
      assert.equal(source.status, 400);
      assert.match(source.body.error.message, /unknown source "nowhere"/);
      for (const bad of ['limit=0', 'limit=101', 'limit=abc', 'offset=-1', 'facets=maybe']) {
        const refused = await get(`/api/search?q=x&${bad}`);
        assert.equal(refused.status, 400, bad);
        assert.equal(refused.body.error.code, 'invalid_request', bad);
        assert.ok(refused.body.error.details.issues.length > 0, bad);
      }
    });

    it('shows a document with its text and entity, quote and sanctions spans', async () => {
      const { status, body } = await get(`/api/documents/${corpus.hostile.id}`);
      assert.equal(status, 200);
      assert.equal(body.document.text, corpus.hostile.text);
      assert.equal(body.source.id, 'fringe-daily');
      assert.equal(body.capture.mediaType, 'text/html');
      const surface = (a: Json) => body.document.text.slice(a.start, a.end);
      assert.deepEqual(body.entities.map(surface), ['Глеб Туманов']);
      assert.deepEqual(body.quotes.map(surface), ['Санкции не работают']);
      assert.deepEqual(body.sanctions.map(surface), ['Глеб Туманов']);
      assert.equal(body.annotations.length, 3);
      const text = await request(`/api/documents/${corpus.hostile.id}/text`);
      assert.equal(await text.text(), corpus.hostile.text);
      assert.match(text.headers.get('content-type')!, /^text\/plain/);
    });

    it('serves an archived page only as text/plain under a sandboxing CSP, never as HTML', async () => {
      const response = await request(`/api/documents/${corpus.hostile.id}/capture`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type')!, /^text\/plain; charset=utf-8/);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      const csp = response.headers.get('content-security-policy')!;
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /sandbox/);
      const body = await response.text();
      assert.match(body, /<script>window.__pwned = 1<\/script>/, 'the exact archived markup, as text');
      const download = await request(`/api/documents/${corpus.hostile.id}/capture?download=true`);
      assert.match(
        download.headers.get('content-disposition')!,
        /^attachment; filename="[0-9a-f]{64}\.txt"$/,
      );
    });

    it('answers unknown documents, entities, sources and routes with a JSON 404', async () => {
      for (const url of [
        '/api/documents/0000000000000000',
        '/api/documents/0000000000000000/capture',
        '/api/entities/nobody',
        '/api/sources/nowhere',
        '/api/nothing-here',
        '/api/documents/..%2F..%2Fetc%2Fpasswd',
        '/api/documents/%2e%2e/%2e%2e/etc/passwd',
      ]) {
        const { status, body } = await get(url);
        assert.equal(status, 404, url);
        assert.equal(body.error.code, 'not_found', url);
      }
    });

    it('lists entities, shows one with mentions, and lists quotes by speaker', async () => {
      const entity = await get('/api/entities/gleb-tumanov');
      assert.equal(entity.status, 200, JSON.stringify(entity.body));
      assert.deepEqual(entity.body.mentions.map((m: Json) => m.surface).sort(), [
        'Gleb Tumanov',
        'Глеб Туманов',
      ]);
      const list = await get('/api/entities?limit=5');
      assert.equal(list.status, 200);
      assert.ok(Array.isArray(list.body.entities));
      const quotes = await get('/api/quotes?speaker=gleb-tumanov');
      assert.equal(quotes.status, 200);
      assert.deepEqual(
        quotes.body.quotes.map((q: Json) => q.text),
        ['Санкции не работают'],
      );
      assert.equal((await get('/api/entities?type=ALIEN')).status, 400);
    });

    it('lists sanctions hits and records a triage decision', async () => {
      const hits = await get('/api/sanctions/hits');
      assert.equal(hits.status, 200);
      assert.equal(hits.body.groups.length, 1);
      assert.equal(hits.body.groups[0].listEntryId, '990101');
      assert.equal(hits.body.groups[0].entities[0].status, 'open');
      const missing = await post('/api/sanctions/decisions', {
        entityId: 'gleb-tumanov',
        listEntryId: '123',
        status: 'confirmed',
        reason: 'x',
      });
      assert.equal(missing.status, 400);
      assert.equal(missing.body.error.code, 'invalid_input');
      const decided = await post('/api/sanctions/decisions', {
        entityId: 'gleb-tumanov',
        listEntryId: '990101',
        status: 'confirmed',
        reason: 'same birth date as the listing',
      });
      assert.equal(decided.status, 200);
      assert.equal(decided.body.decision.status, 'confirmed');
      assert.equal(decided.body.decision.decidedAt, '2026-12-02T12:00:00.000Z');
      const after = await get('/api/sanctions/hits?status=confirmed');
      assert.equal(after.body.groups[0].entities[0].reason, 'same birth date as the listing');
    });

    it('lists and adds sources', async () => {
      const added = await post('/api/sources', {
        name: 'Новый Канал',
        kind: 'telegram',
        homepage: 'https://t.me/novyi',
        labels: ['state-affiliated'],
      });
      assert.equal(added.status, 201);
      assert.equal(added.body.source.id, 'novyy-kanal');
      const list = await get('/api/sources');
      assert.deepEqual(list.body.sources.map((s: Json) => s.source.id).sort(), [
        'fringe-daily',
        'novyy-kanal',
        'wire',
      ]);
      const shown = await get('/api/sources/novyy-kanal');
      assert.equal(shown.body.source.name, 'Новый Канал');
      const bad = await post('/api/sources', { name: 'X', homepage: 'javascript:alert(1)' });
      assert.equal(bad.status, 400);
      const noFetcher = await post('/api/sources', {
        name: 'Y',
        homepage: 'https://y.test/',
        discover: true,
      });
      assert.equal(noFetcher.status, 400);
      assert.match(noFetcher.body.error.message, /without a fetcher/);
    });

    it('lists jobs and streams their progress as server-sent events', async () => {
      await test.store.jobs.enqueue('ingest-file', '/tmp/a.txt', { path: '/tmp/a.txt' });
      const jobs = await get('/api/jobs');
      assert.deepEqual(
        jobs.body.queues.map((q: Json) => [q.queue, q.queued]),
        [['ingest-file', 1]],
      );
      const controller = new AbortController();
      const response = await request('/api/jobs/events', { signal: controller.signal });
      assert.equal(response.headers.get('content-type'), 'text/event-stream');
      const reader = response.body!.getReader();
      let text = '';
      while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
      const event = /^event: jobs\ndata: (.*)\nid: 1$/m.exec(text);
      assert.ok(event, text);
      assert.equal(JSON.parse(event[1]!).queues[0].queued, 1);
      // A new job shows up as the next event.
      await test.store.jobs.enqueue('ingest-file', '/tmp/b.txt', { path: '/tmp/b.txt' });
      while (!/id: 2/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
      assert.match(text, /"queued":2/);
      await reader.cancel();
      controller.abort();
    });

    it('describes every route in /api/openapi.json (OpenAPI 3.1)', async () => {
      const { status, body } = await get('/api/openapi.json');
      assert.equal(status, 200);
      assert.equal(body.openapi, '3.1.0');
      for (const route of [
        '/api/search',
        '/api/documents/{id}',
        '/api/documents/{id}/capture',
        '/api/entities/{id}',
        '/api/quotes',
        '/api/sanctions/hits',
        '/api/sanctions/decisions',
        '/api/sources',
        '/api/jobs',
        '/api/jobs/events',
      ])
        assert.ok(body.paths[route], route);
      assert.ok(body.components.schemas.SearchResult);
    });
  });
}
