// The source settings contract: every adapter's SourceSettingsRepository must pass it unchanged.
import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import type { SourceHealth, SourceSettings, Store } from '@echotrace/core';
import { buildSource } from './builders.ts';
import type { StoreFactory } from './store.contract.ts';

function settings(overrides: Partial<SourceSettings> = {}): SourceSettings {
  return {
    sourceId: 'fringe-daily',
    feeds: ['https://fringe-daily.test/rss', 'https://fringe-daily.test/atom'],
    sitemaps: ['https://fringe-daily.test/sitemap.xml'],
    pollIntervalMinutes: 15,
    enabled: true,
    ...overrides,
  };
}

function health(overrides: Partial<SourceHealth> = {}): SourceHealth {
  return {
    sourceId: 'fringe-daily',
    lastPollAt: '2024-11-26T09:00:00.000Z',
    lastSuccessAt: '2024-11-26T09:00:00.000Z',
    lastError: null,
    consecutiveFailures: 0,
    lastNewItems: 3,
    nextPollAt: '2024-11-26T09:15:00.000Z',
    ...overrides,
  };
}

export function describeSourceSettingsRepositoryContract(adapter: string, factory: StoreFactory): void {
  describe(`SourceSettingsRepository contract: ${adapter}`, () => {
    let store: Store;
    beforeEach(async () => {
      if (store) await factory.destroy(store);
      store = await factory.create();
      await store.sources.upsert(buildSource());
      await store.sources.upsert(buildSource({ id: 'state-wire', name: 'State Wire' }));
    });
    after(async () => {
      if (store) await factory.destroy(store);
    });

    it('upserts, gets and lists settings by source id', async () => {
      assert.equal(await store.sourceSettings.get('fringe-daily'), null);
      await store.sourceSettings.upsert(settings({ sourceId: 'state-wire', enabled: false, feeds: [] }));
      await store.sourceSettings.upsert(settings());
      assert.deepEqual(await store.sourceSettings.get('fringe-daily'), settings());
      assert.deepEqual(await store.sourceSettings.list(), [
        settings(),
        settings({ sourceId: 'state-wire', enabled: false, feeds: [] }),
      ]);
    });

    it('an upsert replaces every setting', async () => {
      await store.sourceSettings.upsert(settings());
      const changed = settings({ feeds: ['https://fringe-daily.test/new'], sitemaps: [], enabled: false });
      await store.sourceSettings.upsert({ ...changed, pollIntervalMinutes: 60 });
      assert.deepEqual(await store.sourceSettings.get('fringe-daily'), {
        ...changed,
        pollIntervalMinutes: 60,
      });
      assert.equal((await store.sourceSettings.list()).length, 1);
    });

    it('refuses settings for an unknown source', async () => {
      await assert.rejects(store.sourceSettings.upsert(settings({ sourceId: 'nobody' })));
      assert.deepEqual(await store.sourceSettings.list(), []);
    });

    it('records health, replacing the previous record of the source', async () => {
      assert.equal(await store.sourceSettings.health('fringe-daily'), null);
      await store.sourceSettings.recordHealth(health());
      const failing = health({
        lastPollAt: '2024-11-26T10:00:00.000Z',
        lastError: 'HTTP 503 from https://fringe-daily.test/rss',
        consecutiveFailures: 1,
        lastNewItems: 0,
        nextPollAt: null,
      });
      await store.sourceSettings.recordHealth(failing);
      await store.sourceSettings.recordHealth(
        health({ sourceId: 'state-wire', lastPollAt: null, lastSuccessAt: null }),
      );
      assert.deepEqual(await store.sourceSettings.health('fringe-daily'), failing);
      assert.deepEqual(await store.sourceSettings.listHealth(), [
        failing,
        health({ sourceId: 'state-wire', lastPollAt: null, lastSuccessAt: null }),
      ]);
    });

    it('remove drops the settings and the health of one source', async () => {
      await store.sourceSettings.upsert(settings());
      await store.sourceSettings.upsert(settings({ sourceId: 'state-wire' }));
      await store.sourceSettings.recordHealth(health());
      await store.sourceSettings.recordHealth(health({ sourceId: 'state-wire' }));
      await store.sourceSettings.remove('fringe-daily');
      assert.equal(await store.sourceSettings.get('fringe-daily'), null);
      assert.equal(await store.sourceSettings.health('fringe-daily'), null);
      assert.deepEqual(
        (await store.sourceSettings.list()).map((s) => s.sourceId),
        ['state-wire'],
      );
      assert.deepEqual(
        (await store.sourceSettings.listHealth()).map((h) => h.sourceId),
        ['state-wire'],
      );
      await store.sourceSettings.remove('fringe-daily');
    });
  });
}
