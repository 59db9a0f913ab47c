// The AlertRepository contract: saved searches, state, seen keys, events and the delivery outbox.
import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import { ConflictError, type AlertEvent, type Delivery, type SavedSearch, type Store } from '@echotrace/core';
import { buildDocument, buildSource, storeDocument } from './builders.ts';
import type { StoreFactory } from './store.contract.ts';

function search(overrides: Partial<SavedSearch> = {}): SavedSearch {
  return {
    name: 'slogan',
    query: 'санкции',
    everyMinutes: 15,
    triggers: ['new', 'spike'],
    webhookUrl: 'https://hooks.example.org/in',
    webhookSecretEnv: 'SLOGAN_SECRET',
    email: 'desk@example.org',
    createdAt: '2024-11-26T09:00:00.000Z',
    ...overrides,
  };
}

function event(overrides: Partial<AlertEvent> = {}): AlertEvent {
  return {
    id: 'ev-000000000000000000000001',
    name: 'slogan',
    trigger: 'new',
    key: '0-4',
    firedAt: '2024-11-26T09:15:00.000Z',
    title: '4 new documents',
    summary: 'Fringe Daily: «санкции против самих себя»',
    details: { documents: [{ id: 'a', start: 0, end: 7 }] },
    ...overrides,
  };
}

function delivery(overrides: Partial<Delivery> = {}): Delivery {
  return {
    eventId: 'ev-000000000000000000000001',
    channel: 'webhook',
    target: 'https://hooks.example.org/in',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: '2024-11-26T09:15:00.000Z',
    lastError: null,
    deliveredAt: null,
    ...overrides,
  };
}

const state = (overrides = {}) => ({
  name: 'slogan',
  watermark: 4,
  spikePeriod: '2024-11-26',
  evaluatedAt: '2024-11-26T09:15:00.000Z',
  nextDueAt: '2024-11-26T09:30:00.000Z',
  ...overrides,
});

export function describeAlertRepositoryContract(adapter: string, factory: StoreFactory): void {
  describe(`AlertRepository contract: ${adapter}`, () => {
    let store: Store;
    beforeEach(async () => {
      if (store) await factory.destroy(store);
      store = await factory.create();
    });
    after(async () => {
      if (store) await factory.destroy(store);
    });

    it('stores, lists and removes saved searches; a taken name is a conflict', async () => {
      await store.alerts.create(search());
      await store.alerts.create(
        search({ name: 'another', webhookUrl: null, webhookSecretEnv: null, email: null }),
      );
      assert.deepEqual(await store.alerts.get('slogan'), search());
      assert.deepEqual(
        (await store.alerts.list()).map((s) => s.name),
        ['another', 'slogan'],
      );
      await assert.rejects(store.alerts.create(search()), ConflictError);
      await store.alerts.advance({
        state: state(),
        events: [event()],
        deliveries: [delivery()],
        seen: ['k'],
      });
      assert.equal(await store.alerts.remove('slogan'), true);
      assert.equal(await store.alerts.remove('slogan'), false);
      assert.equal(await store.alerts.get('slogan'), null);
      assert.equal(await store.alerts.state('slogan'), null);
      assert.deepEqual(await store.alerts.events({ limit: 10 }), []);
      assert.deepEqual(await store.alerts.deliveries({ limit: 10 }), []);
    });

    it('lists as due the searches never evaluated and those whose time has come', async () => {
      await store.alerts.create(search({ name: 'a' }));
      await store.alerts.create(search({ name: 'b' }));
      await store.alerts.create(search({ name: 'c' }));
      await store.alerts.advance({
        state: state({ name: 'b', nextDueAt: '2024-11-26T10:00:00.000Z' }),
        events: [],
        deliveries: [],
        seen: [],
      });
      await store.alerts.advance({
        state: state({ name: 'c', nextDueAt: '2024-11-26T09:00:00.000Z' }),
        events: [],
        deliveries: [],
        seen: [],
      });
      const due = await store.alerts.due('2024-11-26T09:30:00.000Z', 10);
      assert.deepEqual(due.map((s) => s.name).sort(), ['a', 'c']);
      // Never evaluated first, on both databases.
      assert.deepEqual(
        (await store.alerts.due('2024-11-26T09:30:00.000Z', 1)).map((d) => d.name),
        ['a'],
      );
      assert.equal((await store.alerts.state('b'))?.watermark, 4);
    });

    it('writes state, events, deliveries and seen keys together; a repeated event id fires nothing new', async () => {
      await store.alerts.create(search());
      await store.alerts.advance({
        state: state(),
        events: [event()],
        deliveries: [delivery(), delivery({ channel: 'email', target: 'desk@example.org' })],
        seen: ['entity:fringe-daily:putin', 'entity:fringe-daily:putin'],
      });
      assert.deepEqual(await store.alerts.events({ name: 'slogan', limit: 10 }), [event()]);
      assert.deepEqual(
        [...(await store.alerts.seen('slogan', ['entity:fringe-daily:putin', 'entity:x:y']))],
        ['entity:fringe-daily:putin'],
      );
      await store.alerts.markDelivered(event().id, 'webhook', '2024-11-26T09:16:00.000Z');
      // The same evaluation again (a crash before its commit was noticed): nothing is re-queued.
      await store.alerts.advance({
        state: state({ watermark: 5 }),
        events: [event()],
        deliveries: [delivery()],
        seen: [],
      });
      const views = await store.alerts.deliveries({ limit: 10 });
      assert.equal(views.length, 2);
      assert.equal(views.find((v) => v.channel === 'webhook')?.status, 'delivered');
      assert.equal(views.find((v) => v.channel === 'webhook')?.attempts, 1);
      assert.deepEqual(views[0]!.event, event());
      assert.equal((await store.alerts.state('slogan'))?.watermark, 5);
    });

    it('rolls the whole evaluation back when one write fails', async () => {
      await store.alerts.create(search());
      await assert.rejects(
        store.alerts.advance({
          state: state(),
          events: [event({ name: 'no-such-search' })],
          deliveries: [],
          seen: ['k'],
        }),
      );
      assert.equal(await store.alerts.state('slogan'), null);
      assert.deepEqual(await store.alerts.events({ limit: 10 }), []);
    });

    it('claims due deliveries once, records failures with the next attempt, and filters by status', async () => {
      await store.alerts.create(search());
      await store.alerts.advance({
        state: state(),
        events: [
          event(),
          event({ id: 'ev-000000000000000000000002', key: '4-9', firedAt: '2024-11-26T09:20:00.000Z' }),
        ],
        deliveries: [
          delivery(),
          delivery({ eventId: 'ev-000000000000000000000002', nextAttemptAt: '2024-11-26T12:00:00.000Z' }),
        ],
        seen: [],
      });
      const now = '2024-11-26T09:30:00.000Z';
      const lease = '2024-11-26T09:35:00.000Z';
      const first = await store.alerts.claimDue(now, lease, 10);
      assert.deepEqual(
        first.map((d) => d.eventId),
        [event().id],
      );
      assert.deepEqual(await store.alerts.claimDue(now, lease, 10), []);
      await store.alerts.markFailed(event().id, 'webhook', 'HTTP 503', '2024-11-26T09:31:00.000Z');
      const [failed] = await store.alerts.deliveries({ status: 'failed', limit: 10 });
      assert.equal(failed?.attempts, 1);
      assert.equal(failed?.lastError, 'HTTP 503');
      assert.equal((await store.alerts.deliveries({ status: 'pending', limit: 10 })).length, 1);
      assert.deepEqual(
        (await store.alerts.claimDue('2024-11-26T09:32:00.000Z', lease, 10)).map((d) => d.status),
        ['failed'],
      );
      await store.alerts.markDelivered(event().id, 'webhook', '2024-11-26T09:33:00.000Z');
      await store.alerts.markFailed(event().id, 'webhook', 'late', null);
      const [done] = await store.alerts.deliveries({ status: 'delivered', limit: 10 });
      assert.equal(done?.attempts, 2);
      assert.equal(done?.lastError, null);
    });

    it('reports the highest document cursor', async () => {
      assert.equal(await store.alerts.documentCursor(), 0);
      await store.sources.upsert(buildSource());
      await storeDocument(store, buildDocument());
      const one = await store.alerts.documentCursor();
      await storeDocument(store, buildDocument());
      assert.ok((await store.alerts.documentCursor()) > one && one > 0);
    });
  });
}
