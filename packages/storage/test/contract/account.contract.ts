// The account repository and audit log contract: every dialect's AccountRepository and AuditLog
// must pass it.
import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import { ConflictError, NotFoundError, type Store, type User } from '@echotrace/core';
import type { StoreFactory } from './store.contract.ts';

const user = (username: string, overrides: Partial<User> = {}): User => ({
  id: `u-${username}`,
  username,
  role: 'analyst',
  passwordHash: `scrypt$hash-of-${username}`,
  createdAt: '2026-12-01T10:00:00Z',
  disabledAt: null,
  ...overrides,
});

export function describeAccountContract(adapter: string, factory: StoreFactory): void {
  describe(`AccountRepository and AuditLog contract: ${adapter}`, () => {
    let store: Store;
    beforeEach(async () => {
      if (store) await factory.destroy(store);
      store = await factory.create();
    });
    after(async () => {
      if (store) await factory.destroy(store);
    });

    it('adds users, finds them by name and id, lists them by name, refuses a taken name', async () => {
      const accounts = store.accounts;
      await accounts.addUser(user('zoe', { role: 'viewer' }));
      await accounts.addUser(user('anna', { role: 'admin' }));
      assert.deepEqual(await accounts.userByName('zoe'), user('zoe', { role: 'viewer' }));
      assert.equal((await accounts.userById('u-anna'))?.role, 'admin');
      assert.equal(await accounts.userByName('nobody'), null);
      assert.deepEqual(
        (await accounts.listUsers()).map((u) => u.username),
        ['anna', 'zoe'],
      );
      await assert.rejects(accounts.addUser(user('zoe', { id: 'other' })), ConflictError);
    });

    it('disables and re-enables a user, and resets a password hash', async () => {
      const accounts = store.accounts;
      await accounts.addUser(user('zoe'));
      await accounts.setDisabled('zoe', '2026-12-02T00:00:00Z');
      assert.equal((await accounts.userByName('zoe'))?.disabledAt, '2026-12-02T00:00:00Z');
      await accounts.setDisabled('zoe', null);
      assert.equal((await accounts.userByName('zoe'))?.disabledAt, null);
      await accounts.setPasswordHash('zoe', 'scrypt$new');
      assert.equal((await accounts.userByName('zoe'))?.passwordHash, 'scrypt$new');
      await assert.rejects(accounts.setDisabled('nobody', null), NotFoundError);
      await assert.rejects(accounts.setPasswordHash('nobody', 'x'), NotFoundError);
    });

    it('keeps sessions by the hash of their id, removes one, all of a user, or the expired', async () => {
      const accounts = store.accounts;
      await accounts.addUser(user('zoe'));
      await accounts.addUser(user('anna'));
      const session = (idHash: string, userId: string, expiresAt: string) => ({
        idHash,
        userId,
        csrfToken: `csrf-${idHash}`,
        createdAt: '2026-12-02T00:00:00Z',
        expiresAt,
      });
      await accounts.addSession(session('h1', 'u-zoe', '2026-12-02T12:00:00Z'));
      await accounts.addSession(session('h2', 'u-zoe', '2026-12-03T12:00:00Z'));
      await accounts.addSession(session('h3', 'u-anna', '2026-12-01T12:00:00Z'));
      assert.deepEqual(await accounts.session('h1'), session('h1', 'u-zoe', '2026-12-02T12:00:00Z'));
      assert.equal(await accounts.removeExpiredSessions('2026-12-02T06:00:00Z'), 1);
      assert.equal(await accounts.session('h3'), null);
      await accounts.removeSession('h1');
      assert.equal(await accounts.session('h1'), null);
      assert.equal(await accounts.removeSessionsOf('u-zoe'), 1);
      assert.equal(await accounts.session('h2'), null);
      await assert.rejects(
        accounts.addSession(session('h4', 'u-nobody', '2027-01-01T00:00:00Z')),
        ConflictError,
      );
    });

    it('keeps API tokens by hash, lists them newest first, records use and revocation', async () => {
      const accounts = store.accounts;
      await accounts.addUser(user('zoe'));
      await accounts.addUser(user('anna'));
      const token = (id: string, userId: string, createdAt: string) => ({
        id,
        userId,
        name: `script ${id}`,
        tokenHash: `hash-${id}`,
        createdAt,
        lastUsedAt: null,
        revokedAt: null,
      });
      await accounts.addToken(token('t1', 'u-zoe', '2026-12-01T00:00:00Z'));
      await accounts.addToken(token('t2', 'u-zoe', '2026-12-02T00:00:00Z'));
      await accounts.addToken(token('t3', 'u-anna', '2026-12-03T00:00:00Z'));
      assert.deepEqual(await accounts.tokenByHash('hash-t1'), token('t1', 'u-zoe', '2026-12-01T00:00:00Z'));
      assert.equal(await accounts.tokenByHash('hash-none'), null);
      assert.deepEqual(
        (await accounts.listTokens('u-zoe')).map((t) => t.id),
        ['t2', 't1'],
      );
      assert.deepEqual(
        (await accounts.listTokens()).map((t) => t.id),
        ['t3', 't2', 't1'],
      );
      await accounts.touchToken('t1', '2026-12-02T10:00:00Z');
      await accounts.revokeToken('t1', '2026-12-02T11:00:00Z');
      const used = await accounts.tokenByHash('hash-t1');
      assert.equal(used?.lastUsedAt, '2026-12-02T10:00:00Z');
      assert.equal(used?.revokedAt, '2026-12-02T11:00:00Z');
      await accounts.revokeToken('t1', '2026-12-03T00:00:00Z');
      assert.equal(
        (await accounts.tokenByHash('hash-t1'))?.revokedAt,
        '2026-12-02T11:00:00Z',
        'first revocation kept',
      );
      await assert.rejects(accounts.revokeToken('t-none', '2026-12-03T00:00:00Z'), NotFoundError);
      await assert.rejects(
        accounts.addToken({ ...token('t4', 'u-zoe', 'x'), tokenHash: 'hash-t1' }),
        ConflictError,
      );
    });

    it('appends audit events with increasing ids and lists them newest first, filtered and paged', async () => {
      const audit = store.audit;
      const first = await audit.record({
        at: '2026-12-02T10:00:00Z',
        actor: 'zoe',
        action: 'sanctions.decide',
        target: 'gleb-tumanov 990101',
        details: { status: 'dismissed', reason: 'другой человек' },
      });
      const second = await audit.record({
        at: '2026-12-02T10:01:00Z',
        actor: 'anna',
        action: 'users.add',
        target: 'zoe',
        details: {},
      });
      const third = await audit.record({
        at: '2026-12-02T10:02:00Z',
        actor: 'zoe',
        action: 'sources.add',
        target: null,
        details: { labels: ['a'] },
      });
      assert.ok(first.id < second.id && second.id < third.id);
      assert.deepEqual(first.details, { status: 'dismissed', reason: 'другой человек' });
      assert.deepEqual(
        (await audit.list({ limit: 10 })).map((e) => e.action),
        ['sources.add', 'users.add', 'sanctions.decide'],
      );
      assert.deepEqual(
        (await audit.list({ limit: 10, actor: 'zoe' })).map((e) => e.id),
        [third.id, first.id],
      );
      assert.deepEqual(
        (await audit.list({ limit: 10, action: 'users.add' })).map((e) => e.target),
        ['zoe'],
      );
      assert.deepEqual(
        (await audit.list({ limit: 1, beforeId: third.id })).map((e) => e.id),
        [second.id],
      );
    });
  });
}
