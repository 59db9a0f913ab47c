// The authorization matrix: every route of the API, asked by anonymous, viewer, analyst and admin
// (through API tokens), answers with the status this table expects. The table is the policy,
// written here by hand; a route missing from it (a new one) fails the test until it is added.
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment --
   the OpenAPI description is JSON read field by field */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addAlert, addBlock, addExcerpt, createApiToken, createDispatch, createUser } from '@echotrace/app';
import type { Role } from '@echotrace/core';
import { createApp } from '@echotrace/server';
import { seedCorpus, type Corpus } from './helpers/corpus.fixture.ts';
import { EVERY_DATABASE, type TestStore } from './helpers/test.stores.ts';

type Who = 'anonymous' | Role;
const WHO: Who[] = ['anonymous', 'viewer', 'analyst', 'admin'];
const clock = { now: () => new Date('2026-12-02T12:00:00Z') };

interface Case {
  /** The least role allowed; `public` for routes anyone may call. */
  least: 'public' | Role;
  /** What an allowed caller gets for this request. */
  ok: number;
  url: (corpus: Corpus, n: number) => string;
  body?: (n: number) => unknown;
}

const MATRIX: Record<string, Case> = {
  'GET /api/openapi.json': { least: 'public', ok: 200, url: () => '/api/openapi.json' },
  'POST /api/auth/login': {
    least: 'public',
    ok: 401,
    url: () => '/api/auth/login',
    body: () => ({ username: 'nobody', password: 'wrong password!' }),
  },
  'GET /api/auth/me': { least: 'viewer', ok: 200, url: () => '/api/auth/me' },
  'POST /api/auth/logout': { least: 'viewer', ok: 200, url: () => '/api/auth/logout', body: () => ({}) },
  'GET /api/search': { least: 'viewer', ok: 200, url: () => '/api/search?q=санкции&facets=true' },
  'GET /api/documents/{id}': { least: 'viewer', ok: 200, url: (c) => `/api/documents/${c.hostile.id}` },
  'GET /api/documents/{id}/text': {
    least: 'viewer',
    ok: 200,
    url: (c) => `/api/documents/${c.hostile.id}/text`,
  },
  'GET /api/documents/{id}/capture': {
    least: 'viewer',
    ok: 200,
    url: (c) => `/api/documents/${c.hostile.id}/capture`,
  },
  'GET /api/entities': { least: 'viewer', ok: 200, url: () => '/api/entities?limit=2' },
  'GET /api/entities/{id}': { least: 'viewer', ok: 200, url: () => '/api/entities/gleb-tumanov' },
  'GET /api/quotes': { least: 'viewer', ok: 200, url: () => '/api/quotes' },
  'GET /api/sanctions/hits': { least: 'viewer', ok: 200, url: () => '/api/sanctions/hits' },
  'POST /api/sanctions/decisions': {
    least: 'analyst',
    ok: 200,
    url: () => '/api/sanctions/decisions',
    body: () => ({ entityId: 'gleb-tumanov', listEntryId: '990101', status: 'confirmed', reason: 'checked' }),
  },
  'GET /api/sources': { least: 'viewer', ok: 200, url: () => '/api/sources' },
  'GET /api/sources/health': { least: 'viewer', ok: 200, url: () => '/api/sources/health' },
  'GET /api/sources/{id}': { least: 'viewer', ok: 200, url: () => '/api/sources/wire' },
  'POST /api/sources': {
    least: 'analyst',
    ok: 201,
    url: () => '/api/sources',
    body: (n) => ({ name: `Outlet ${n}` }),
  },
  'GET /api/jobs': { least: 'viewer', ok: 200, url: () => '/api/jobs' },
  'GET /api/jobs/events': { least: 'viewer', ok: 200, url: () => '/api/jobs/events' },
  'GET /api/trend': { least: 'viewer', ok: 200, url: () => '/api/trend?q=санкции&interval=month' },
  'GET /api/spread': { least: 'viewer', ok: 200, url: () => '/api/spread?q=санкции' },
  'GET /api/network': { least: 'viewer', ok: 200, url: () => '/api/network?q=санкции&format=gexf' },
  'GET /api/narratives': { least: 'viewer', ok: 200, url: () => '/api/narratives' },
  'GET /api/narratives/{id}': {
    least: 'viewer',
    ok: 200,
    url: () => '/api/narratives/demo-moscow-beijing-pyongyang-alliance',
  },
  'GET /api/documents/{id}/labels': {
    least: 'viewer',
    ok: 200,
    url: (c) => `/api/documents/${c.hostile.id}/labels`,
  },
  'GET /api/stats': { least: 'viewer', ok: 200, url: () => '/api/stats' },
  'GET /api/users': { least: 'admin', ok: 200, url: () => '/api/users' },
  'POST /api/users': {
    least: 'admin',
    ok: 201,
    url: () => '/api/users',
    body: (n) => ({ username: `new-${n}`, password: 'a long enough password', role: 'viewer' }),
  },
  'POST /api/users/{username}/disable': { least: 'admin', ok: 200, url: () => '/api/users/spare/disable' },
  'GET /api/users/{username}/tokens': { least: 'admin', ok: 200, url: () => '/api/users/viewer/tokens' },
  'POST /api/users/{username}/tokens': {
    least: 'admin',
    ok: 201,
    url: () => '/api/users/viewer/tokens',
    body: () => ({ name: 'matrix' }),
  },
  'POST /api/tokens/{id}/revoke': { least: 'admin', ok: 200, url: () => '/api/tokens/spare-token/revoke' },
  'GET /api/audit': { least: 'admin', ok: 200, url: () => '/api/audit' },
  'GET /api/dispatches': { least: 'viewer', ok: 200, url: () => '/api/dispatches' },
  'GET /api/dispatches/{id}': { least: 'viewer', ok: 200, url: () => '/api/dispatches/matrix' },
  'GET /api/dispatches/{id}/render': {
    least: 'viewer',
    ok: 200,
    url: (_c, n) => `/api/dispatches/matrix/render?format=${['md', 'html', 'docx'][n % 3]}`,
  },
  'POST /api/dispatches': {
    least: 'analyst',
    ok: 201,
    url: () => '/api/dispatches',
    body: (n) => ({ headline: `Dispatch ${n}` }),
  },
  'POST /api/dispatches/{id}/blocks': {
    least: 'analyst',
    ok: 201,
    url: () => '/api/dispatches/matrix/blocks',
    body: (n) => ({ text: `Paragraph ${n}` }),
  },
  'POST /api/dispatches/{id}/move': {
    least: 'analyst',
    ok: 200,
    url: () => '/api/dispatches/matrix/move',
    body: () => ({ from: 0, to: 1 }),
  },
  'DELETE /api/dispatches/{id}/blocks/{position}': {
    least: 'analyst',
    ok: 200,
    url: () => '/api/dispatches/matrix-removals/blocks/0',
  },
  'GET /api/alerts': { least: 'viewer', ok: 200, url: () => '/api/alerts' },
  'POST /api/alerts': {
    least: 'analyst',
    ok: 201,
    url: () => '/api/alerts',
    body: (n) => ({ name: `alert-${n}`, query: 'санкции', every: '1h', triggers: ['new', 'spike'] }),
  },
  // n counts requests, four per route in WHO order: n % 4 is 3 for the analyst and 0 for the admin,
  // each of whom removes a saved search of its own (doomed-0 … doomed-3 exist).
  'DELETE /api/alerts/{name}': { least: 'analyst', ok: 200, url: (_c, n) => `/api/alerts/doomed-${n % 4}` },
  'GET /api/alerts/events': { least: 'viewer', ok: 200, url: () => '/api/alerts/events?status=pending' },
  'GET /api/alerts/{name}/feed': { least: 'viewer', ok: 200, url: () => '/api/alerts/matrix/feed' },
  'PATCH /api/excerpts/{id}': {
    least: 'analyst',
    ok: 200,
    url: () => `/api/excerpts/${matrixExcerpt}`,
    body: (n) => ({ note: `note ${n}` }),
  },
};

let matrixExcerpt = '';

const RANK: Record<Who, number> = { anonymous: -1, viewer: 0, analyst: 1, admin: 2 };

function expected(entry: Case, who: Who): number {
  if (entry.least === 'public') return entry.ok;
  if (who === 'anonymous') return 401;
  return RANK[who] >= RANK[entry.least] ? entry.ok : 403;
}

for (const database of EVERY_DATABASE) {
  describe(`authorization matrix: ${database.name}`, () => {
    let test: TestStore;
    let corpus: Corpus;
    let app: ReturnType<typeof createApp>;
    const tokens = new Map<Who, string>();
    before(async () => {
      test = await database.create();
      corpus = await seedCorpus(test.store);
      app = createApp({ store: test.store, clock, jobsEventIntervalMs: 10 });
      const now = clock.now();
      for (const role of ['viewer', 'analyst', 'admin', 'spare'] as const) {
        await createUser(test.store, {
          username: role,
          password: `password of ${role}`,
          role: role === 'spare' ? 'viewer' : role,
          actor: 'test',
          now,
        });
        if (role !== 'spare') {
          const made = await createApiToken(test.store, {
            username: role,
            name: 'matrix',
            actor: 'test',
            now,
          });
          tokens.set(role, made.token);
        }
      }
      // A token for the revoke route to revoke, with a known id.
      await test.store.accounts.addToken({
        id: 'spare-token',
        userId: (await test.store.accounts.userByName('spare'))!.id,
        name: 'spare',
        tokenHash: 'not-a-real-hash',
        createdAt: now.toISOString(),
        lastUsedAt: null,
        revokedAt: null,
      });
    });
    before(async () => {
      // Dispatches for the dispatch routes: blocks to move and remove, an excerpt to revise.
      await createDispatch(test.store, clock, { headline: 'Matrix' });
      await createDispatch(test.store, clock, { headline: 'Matrix removals' });
      for (const text of ['one', 'two'])
        await addBlock(test.store, clock, { dispatchId: 'matrix', kind: 'text', text });
      for (const text of ['a', 'b', 'c', 'd'])
        await addBlock(test.store, clock, { dispatchId: 'matrix-removals', kind: 'text', text });
      matrixExcerpt = (
        await addExcerpt(test.store, clock, {
          dispatchId: 'matrix',
          source: { kind: 'passage', documentId: corpus.hostile.id, passage: 'Санкции не работают' },
        })
      ).id;
    });
    before(async () => {
      for (const name of ['matrix', 'doomed-0', 'doomed-1', 'doomed-2', 'doomed-3'])
        await addAlert(test.store, clock, { name, query: 'санкции' });
    });
    after(async () => {
      await test.destroy();
    });

    it('lists every route of the OpenAPI description', async () => {
      const description = await (await app.request('/api/openapi.json')).json();
      const routes = Object.entries(description.paths as Record<string, Record<string, unknown>>).flatMap(
        ([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
      );
      // The description does not list itself.
      assert.deepEqual([...routes, 'GET /api/openapi.json'].sort(), Object.keys(MATRIX).sort());
    });

    let n = 0;
    for (const [route, entry] of Object.entries(MATRIX)) {
      it(`${route}: ${WHO.map((who) => `${who} → ${expected(entry, who)}`).join(', ')}`, async () => {
        for (const who of WHO) {
          n += 1;
          const headers: Record<string, string> = {};
          if (who !== 'anonymous') headers.Authorization = `Bearer ${tokens.get(who)}`;
          const [method] = route.split(' ');
          const init: RequestInit = { method, headers };
          if (entry.body) {
            headers['content-type'] = 'application/json';
            init.body = JSON.stringify(entry.body(n));
          }
          const controller = new AbortController();
          init.signal = controller.signal;
          const response = await app.request(entry.url(corpus, n), init);
          // An event stream never ends: its status is all this test reads.
          const streaming = response.headers.get('content-type') === 'text/event-stream';
          const text = streaming ? '' : await response.text();
          if (streaming) await response.body?.cancel();
          controller.abort();
          assert.equal(response.status, expected(entry, who), `${route} as ${who}: ${text.slice(0, 300)}`);
          if (response.status === 401 || response.status === 403)
            assert.match(text, /"code":"(unauthenticated|forbidden)"/);
        }
      });
    }
  });
}
