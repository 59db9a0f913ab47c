// Password login into a server-side session: the cookie's attributes, CSRF on cookie writes, logout,
// expiry, disabled users, revoked tokens, login rate limiting, and the audit log of every write.
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment --
   response bodies are JSON read field by field by the assertions */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApiToken, createUser, revokeApiToken, setUserDisabled } from '@echotrace/app';
import { createApp } from '@echotrace/server';
import { seedCorpus } from './helpers/corpus.fixture.ts';
import { EVERY_DATABASE, type TestStore } from './helpers/test.stores.ts';

for (const database of EVERY_DATABASE) {
  describe(`sessions, CSRF, tokens and the audit log: ${database.name}`, () => {
    let test: TestStore;
    let now = new Date('2026-12-02T12:00:00Z');
    const clock = { now: () => now };
    let app: ReturnType<typeof createApp>;
    before(async () => {
      test = await database.create();
      await seedCorpus(test.store);
      app = createApp({ store: test.store, clock });
      await createUser(test.store, {
        username: 'zoe',
        password: 'correct horse battery',
        role: 'analyst',
        actor: 'cli:root',
        now,
      });
    });
    after(async () => {
      await test.destroy();
    });
    const loginAs = async (username: string, password: string) => {
      const response = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      const body = await response.json();
      const cookie = response.headers.get('set-cookie');
      return { status: response.status, body, cookie, session: cookie?.split(';')[0] ?? '' };
    };
    const decide = (session: string, csrf: string | null) =>
      app.request('/api/sanctions/decisions', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: session,
          ...(csrf === null ? {} : { 'X-CSRF-Token': csrf }),
        },
        body: JSON.stringify({
          entityId: 'gleb-tumanov',
          listEntryId: '990101',
          status: 'dismissed',
          reason: 'другой человек',
        }),
      });

    it('logs in with a password: an HttpOnly, SameSite=Strict, Secure cookie and a CSRF token', async () => {
      const wrong = await loginAs('zoe', 'wrong password here');
      assert.equal(wrong.status, 401);
      assert.equal(wrong.cookie, null);
      const unknown = await loginAs('nobody', 'correct horse battery');
      assert.equal(unknown.status, 401);
      assert.equal(unknown.body.error.message, wrong.body.error.message, 'an unknown name is not told apart');
      const ok = await loginAs('zoe', 'correct horse battery');
      assert.equal(ok.status, 200);
      assert.equal(ok.body.user.username, 'zoe');
      assert.equal(ok.body.user.passwordHash, undefined);
      assert.match(ok.cookie!, /^et_session=[A-Za-z0-9_-]{43}; /);
      for (const attribute of ['HttpOnly', 'SameSite=Strict', 'Secure', 'Path=/'])
        assert.ok(ok.cookie!.includes(attribute), `${attribute} in ${ok.cookie}`);
      const me = await app.request('/api/auth/me', { headers: { cookie: ok.session } });
      assert.equal((await me.json()).csrfToken, ok.body.csrfToken);
    });

    it('refuses a cookie write without the CSRF token, or with a wrong one; reads need none', async () => {
      const { session, body } = await loginAs('zoe', 'correct horse battery');
      const read = await app.request('/api/sanctions/hits', { headers: { cookie: session } });
      assert.equal(read.status, 200);
      for (const csrf of [null, '', 'x'.repeat(32)]) {
        const refused = await decide(session, csrf);
        assert.equal(refused.status, 403, String(csrf));
        assert.match(
          ((await refused.json()) as { error: { message: string } }).error.message,
          /X-CSRF-Token/,
        );
      }
      const hits = await (await app.request('/api/sanctions/hits', { headers: { cookie: session } })).json();
      assert.equal(hits.groups[0].entities[0].status, 'open', 'nothing was decided');
      const accepted = await decide(session, body.csrfToken as string);
      assert.equal(accepted.status, 200);
    });

    it('writes every change to the audit log: who, what, when', async () => {
      const { session, body } = await loginAs('zoe', 'correct horse battery');
      await app.request('/api/sources', {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: session, 'X-CSRF-Token': body.csrfToken },
        body: JSON.stringify({ name: 'Audited Outlet' }),
      });
      const events = await test.store.audit.list({ limit: 50 });
      const actions = events.map((e) => `${e.actor} ${e.action} ${e.target ?? ''}`.trim());
      assert.ok(actions.includes('cli:root users.add zoe'), actions.join('\n'));
      assert.ok(actions.includes('zoe auth.login zoe'));
      assert.ok(actions.includes('zoe sanctions.decide gleb-tumanov ofac-sdn:990101'), actions.join('\n'));
      assert.ok(actions.includes('zoe sources.add audited-outlet'), actions.join('\n'));
      const decision = events.find((e) => e.action === 'sanctions.decide')!;
      assert.deepEqual(decision.details, { status: 'dismissed', reason: 'другой человек', unflagged: 1 });
      assert.equal(decision.at, now.toISOString());
      assert.equal(events.filter((e) => e.action.startsWith('POST ')).length, 0, 'every write named');
    });

    it('ends a session on logout and at its expiry', async () => {
      const first = await loginAs('zoe', 'correct horse battery');
      const out = await app.request('/api/auth/logout', {
        method: 'POST',
        headers: { cookie: first.session, 'X-CSRF-Token': first.body.csrfToken },
      });
      assert.equal(out.status, 200);
      assert.match(out.headers.get('set-cookie')!, /et_session=;/);
      assert.equal((await app.request('/api/auth/me', { headers: { cookie: first.session } })).status, 401);
      const second = await loginAs('zoe', 'correct horse battery');
      now = new Date(now.getTime() + 13 * 3_600_000);
      assert.equal((await app.request('/api/auth/me', { headers: { cookie: second.session } })).status, 401);
    });

    it('shuts out a disabled user, and a revoked token', async () => {
      await createUser(test.store, {
        username: 'max',
        password: 'another long password',
        role: 'viewer',
        actor: 'test',
        now,
      });
      const { token, record } = await createApiToken(test.store, {
        username: 'max',
        name: 'script',
        actor: 'test',
        now,
      });
      const bearer = { Authorization: `Bearer ${token}` };
      assert.equal((await app.request('/api/stats', { headers: bearer })).status, 200);
      const session = (await loginAs('max', 'another long password')).session;
      await setUserDisabled(test.store, { username: 'max', disabled: true, actor: 'test', now });
      assert.equal((await app.request('/api/stats', { headers: bearer })).status, 401);
      assert.equal((await app.request('/api/stats', { headers: { cookie: session } })).status, 401);
      assert.equal((await loginAs('max', 'another long password')).status, 401);
      await setUserDisabled(test.store, { username: 'max', disabled: false, actor: 'test', now });
      assert.equal((await app.request('/api/stats', { headers: bearer })).status, 200);
      await revokeApiToken(test.store, { id: record.id, actor: 'test', now });
      const revoked = await app.request('/api/stats', { headers: bearer });
      assert.equal(revoked.status, 401);
      assert.match(((await revoked.json()) as { error: { message: string } }).error.message, /revoked/);
      for (const header of ['Bearer', 'Bearer et_forged', 'Basic em9lOnB3', `Bearer ${token} extra`]) {
        assert.equal(
          (await app.request('/api/stats', { headers: { Authorization: header } })).status,
          401,
          header,
        );
      }
    });

    it('stores no secret in the clear', async () => {
      const { session } = await loginAs('zoe', 'correct horse battery');
      const value = session.split('=')[1]!;
      const zoe = (await test.store.accounts.userByName('zoe'))!;
      assert.match(zoe.passwordHash, /^scrypt\$17\$8\$1\$/);
      assert.ok(!zoe.passwordHash.includes('correct horse'));
      assert.equal(await test.store.accounts.session(value), null, 'the session is kept under its hash');
    });

    it('limits failed logins per user: the sixth attempt in the window is refused with 429', async () => {
      await createUser(test.store, {
        username: 'lim',
        password: 'the right password',
        role: 'viewer',
        actor: 'test',
        now,
      });
      for (let i = 0; i < 5; i++) assert.equal((await loginAs('lim', `wrong password ${i}`)).status, 401);
      const limited = await loginAs('lim', 'the right password');
      assert.equal(limited.status, 429);
      assert.equal(limited.body.error.code, 'rate_limited');
      now = new Date(now.getTime() + 16 * 60_000);
      assert.equal(
        (await loginAs('lim', 'the right password')).status,
        200,
        'allowed again after the window',
      );
    });
  });
}
