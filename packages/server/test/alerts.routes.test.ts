// Saved searches over the API on both databases: create, list, events and the Atom feed; bad
// input is a 400 naming the field; a webhook at a loopback address is refused by the guard the
// server is given; every write is audited.
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument --
   response bodies are JSON read field by field by the assertions: their shape is what is under test */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { evaluateAlert } from '@echotrace/app';
import { createWebhookDelivery } from '@echotrace/fetch';
import { createApp } from '@echotrace/server';
import { bearerFor, callerOf } from './helpers/api.caller.ts';
import { seedCorpus } from './helpers/corpus.fixture.ts';
import { EVERY_DATABASE, type TestStore } from './helpers/test.stores.ts';

type Json = Record<string, any>;
const clock = { now: () => new Date('2026-12-02T12:00:00Z') };

for (const database of EVERY_DATABASE) {
  describe(`alert routes: ${database.name}`, () => {
    let test: TestStore;
    let app: ReturnType<typeof createApp>;
    let bearer = '';
    before(async () => {
      test = await database.create();
      await seedCorpus(test.store);
      const guard = createWebhookDelivery({ allowPrivateNetwork: false, userAgent: 'test', env: {} });
      app = createApp({ store: test.store, clock, log: () => {}, checkWebhookTarget: (u) => guard.check(u) });
      bearer = await bearerFor(test.store, clock, {
        username: 'ana',
        password: 'an analyst password',
        role: 'analyst',
      });
    });
    after(async () => {
      await test.destroy();
    });
    const call = callerOf({ request: (url, init) => app.request(url, init) }, () => bearer);

    it('creates, lists, shows events and the feed, and removes a saved search', async () => {
      const made = await call('POST', '/api/alerts', {
        name: 'sanctions',
        query: 'санкции',
        every: '2h',
        triggers: ['new', 'first-seen'],
        email: 'desk@example.org',
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      assert.equal(made.body.everyMinutes, 120);
      assert.equal((await call('POST', '/api/alerts', { name: 'sanctions', query: 'x' })).status, 409);
      const listed = await call('GET', '/api/alerts');
      assert.deepEqual(
        listed.body.alerts.map((a: Json) => [a.name, a.state]),
        [['sanctions', null]],
      );
      const search = (await test.store.alerts.get('sanctions'))!;
      await evaluateAlert(test.store, search, clock);
      assert.equal(
        (await call('GET', '/api/alerts')).body.alerts[0].state.nextDueAt,
        '2026-12-02T14:00:00.000Z',
      );
      const events = await call('GET', '/api/alerts/events?name=sanctions');
      assert.deepEqual(events.body.deliveries, []);
      const feed = await call('GET', '/api/alerts/sanctions/feed');
      assert.equal(feed.status, 200);
      assert.match(feed.type, /^application\/atom\+xml/);
      assert.match(feed.body.text, /<title>Echotrace alert: sanctions<\/title>/);
      assert.equal((await call('GET', '/api/alerts/nope/feed')).status, 404);
      assert.equal((await call('DELETE', '/api/alerts/sanctions')).status, 200);
      assert.equal((await call('DELETE', '/api/alerts/sanctions')).status, 404);
      const audit = await test.store.audit.list({ limit: 10 });
      assert.deepEqual(
        audit
          .map((e) => e.action)
          .filter((a) => a.startsWith('alert.'))
          .sort(),
        ['alert.create', 'alert.remove'],
      );
    });

    it('refuses bad input with a 400 naming the field', async () => {
      const cases: Array<[Json, RegExp]> = [
        [{ name: 'x', query: 'санкции', every: '5 minutes' }, /--every/],
        [{ name: 'x', query: 'санкции', email: 'not-an-address' }, /--email/],
        [
          { name: 'x', query: 'санкции', webhook: 'http://127.0.0.1:8080/', secretEnv: 'S' },
          /--webhook: refused/,
        ],
        [{ name: 'x', query: 'санкции', webhook: 'javascript:alert(1)', secretEnv: 'S' }, /--webhook/],
        [{ name: 'bad name/..', query: 'санкции' }, /NAME/],
        [{ name: 'x', query: '"unclosed' }, /query/],
        [{ name: 'x', query: 'санкции', triggers: ['loud'] }, /triggers|loud/],
      ];
      for (const [body, message] of cases) {
        const response = await call('POST', '/api/alerts', body);
        assert.equal(response.status, 400, JSON.stringify(body));
        assert.match(JSON.stringify(response.body), message, JSON.stringify(body));
      }
      assert.deepEqual((await call('GET', '/api/alerts')).body.alerts, []);
      assert.equal((await call('GET', '/api/alerts/events?status=lost')).status, 400);
    });
  });
}
