// Hostile requests: oversized and malformed bodies, SQL-ish and control-character search input,
// parameter pollution, path traversal, and an unexpected failure, which must answer without a stack
// trace. Each runs against the real app on a real store, on both databases.
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
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
  describe(`API under hostile input: ${database.name}`, () => {
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
      app = createApp({ store: test.store, clock, maxBodyBytes: 4096, log: (m) => logged.push(m) });
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
    const send = async (url: string, init: RequestInit = {}) => {
      const response = await request(url, init);
      const text = await response.text();
      let body: Json = {};
      try {
        body = JSON.parse(text) as Json;
      } catch {
        body = { text };
      }
      return { status: response.status, body, text, headers: response.headers };
    };
    const postRaw = (url: string, body: string, type = 'application/json') =>
      send(url, { method: 'POST', headers: { 'content-type': type }, body });

    it('refuses a body over the limit with 413 before reading it whole', async () => {
      const big = JSON.stringify({ name: 'x'.repeat(10_000) });
      const refused = await postRaw('/api/sources', big);
      assert.equal(refused.status, 413);
      assert.equal(refused.body.error.code, 'payload_too_large');
      assert.equal((await send('/api/sources/x')).status, 404, 'nothing was stored');
    });

    it('refuses malformed JSON and wrong shapes with 400 and the issues', async () => {
      for (const body of ['{"name": ', 'null', '[]', '"text"', '{"name": 5}', '{}']) {
        const refused = await postRaw('/api/sources', body);
        assert.equal(refused.status, 400, body);
        assert.ok(['bad_request', 'invalid_request'].includes(refused.body.error.code as string), body);
      }
      const decision = await postRaw(
        '/api/sanctions/decisions',
        JSON.stringify({ entityId: 'a', listEntryId: 'b', status: 'maybe', reason: 'r' }),
      );
      assert.equal(decision.status, 400);
      assert.deepEqual(
        decision.body.error.details.issues.map((i: Json) => i.path),
        ['status'],
      );
    });

    it('treats SQL-ish and control-character search input as words, and keeps the store intact', async () => {
      for (const q of [
        "'; DROP TABLE documents; --",
        '" OR 1=1 --',
        'санкции) UNION SELECT * FROM users --',
        "Robert'); DELETE FROM annotations;--",
        'NEAR(a b) * ^ "',
        '\u0000\u0001 санкции',
        '%00%27',
        '\\',
      ]) {
        const answered = await send(`/api/search?q=${encodeURIComponent(q)}&facets=true`);
        assert.ok([200, 400].includes(answered.status), `${q}: ${answered.status}`);
        if (answered.status === 400) assert.match(answered.body.error.code as string, /query_syntax|invalid/);
        assert.doesNotMatch(answered.text, /SQLITE|syntax error at or near|\bat .*\.ts:\d+/i, q);
      }
      const still = await send('/api/search?q=санкции');
      assert.equal(still.body.total, 2, 'every document still there');
      assert.equal((await send(`/api/documents/${corpus.hostile.id}`)).body.annotations.length, 3);
    });

    it('refuses over-long queries and repeated parameters', async () => {
      const long = await send(`/api/search?q=${'a'.repeat(5000)}`);
      assert.equal(long.status, 400);
      assert.equal(long.body.error.code, 'invalid_request');
      const repeated = await send('/api/search?q=sanctions&q=санкции&limit=1&limit=2');
      assert.equal(repeated.status, 400);
      assert.equal(repeated.body.error.code, 'invalid_request');
    });

    it('never reaches a file by path traversal: ids are looked up, not opened', async () => {
      for (const url of [
        '/api/documents/..%2F..%2F..%2Fetc%2Fpasswd/capture',
        '/api/documents/%2e%2e%2f%2e%2e%2fpackage.json/text',
        '/api/sources/..%5C..%5Cwindows',
        '/api/../../etc/passwd',
      ]) {
        const answered = await send(url);
        assert.equal(answered.status, 404, url);
        assert.doesNotMatch(answered.text, /root:|"name": "echotrace"/, url);
      }
    });

    it('answers an unexpected failure with a bare 500, logging the stack for the operator only', async () => {
      // The fetcher is an external service behind its port: this one fails in a way nobody typed.
      const brokenApp = createApp({
        store: test.store,
        clock,
        createFetcher: () => {
          throw new Error('fetcher crashed reading /srv/secret/config.yaml');
        },
        log: (m) => logged.push(m),
      });
      const answered = await brokenApp.request('/api/sources', {
        method: 'POST',
        headers: { 'content-type': 'application/json', Authorization: bearer },
        body: JSON.stringify({ name: 'Z', homepage: 'https://z.test/', discover: true }),
      });
      const text = await answered.text();
      assert.equal(answered.status, 500);
      assert.deepEqual(JSON.parse(text), {
        error: { code: 'internal', message: 'internal error', details: {} },
      });
      assert.doesNotMatch(text, /secret|\.ts/);
      assert.ok(logged.some((line) => /POST \/api\/sources: .*secret/.test(line) && /\n\s+at /.test(line)));
    });

    it('sets defensive headers on every response', async () => {
      const answered = await send('/api/search?q=x');
      assert.equal(answered.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(
        answered.headers.get('content-security-policy'),
        "default-src 'none'; frame-ancestors 'none'",
      );
      assert.equal(answered.headers.get('x-frame-options'), 'SAMEORIGIN');
      assert.equal(answered.headers.get('referrer-policy'), 'no-referrer');
    });
  });
}
