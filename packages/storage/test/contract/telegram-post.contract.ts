// The Telegram post repository contract: every dialect's TelegramPostRepository must pass it.
import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import type { Store } from '@echotrace/core';
import { buildDocument, buildSource, storeDocument } from './builders.ts';
import type { StoreFactory } from './store.contract.ts';

export function describeTelegramPostRepositoryContract(adapter: string, factory: StoreFactory): void {
  describe(`TelegramPostRepository contract: ${adapter}`, () => {
    let current: Store | undefined;
    const posts = [101, 102, 103].map((id) =>
      buildDocument({ key: `https://t.me/kanal_test/${id}`, text: `Пост ${id}.` }),
    );
    const seen = (id: number, at: string, extra: { views?: number | null; edited?: boolean } = {}) => ({
      documentId: posts[id - 101]!.id,
      channel: 'kanal_test',
      messageId: id,
      views: extra.views ?? 1500,
      edited: extra.edited ?? false,
      forwardedFrom: id === 102 ? 'Другой канал' : null,
      forwardedFromUrl: id === 102 ? 'https://t.me/drugoy/7' : null,
      lastSeenAt: at,
    });

    beforeEach(async () => {
      if (current) await factory.destroy(current);
      current = await factory.create();
      await current.sources.upsert(buildSource());
      for (const post of posts) await storeDocument(current, post, 'text/html');
    });
    after(async () => {
      if (current) await factory.destroy(current);
    });

    it('keeps when a post was first seen, its latest views, and an edit once marked', async () => {
      const repo = current!.telegramPosts;
      await repo.recordSeen([seen(101, '2024-12-01T10:00:00Z'), seen(102, '2024-12-01T10:00:00Z')]);
      await repo.recordSeen([seen(101, '2024-12-01T11:00:00Z', { views: 2300, edited: true })]);
      await repo.recordSeen([seen(101, '2024-12-01T12:00:00Z', { views: 2400, edited: false })]);
      const state = await repo.get(posts[0]!.id);
      assert.deepEqual(state, {
        documentId: posts[0]!.id,
        channel: 'kanal_test',
        messageId: 101,
        views: 2400,
        edited: true,
        forwardedFrom: null,
        forwardedFromUrl: null,
        firstSeenAt: '2024-12-01T10:00:00Z',
        lastSeenAt: '2024-12-01T12:00:00Z',
        deletedAt: null,
      });
      assert.equal((await repo.get(posts[1]!.id))?.forwardedFromUrl, 'https://t.me/drugoy/7');
      assert.equal(await repo.get(posts[2]!.id), null);
    });

    it('lists a channel by id range, marks deletions once, and clears them when a post returns', async () => {
      const repo = current!.telegramPosts;
      await repo.recordSeen([101, 102, 103].map((id) => seen(id, '2024-12-01T10:00:00Z')));
      assert.deepEqual(
        (await repo.forChannel('kanal_test', 102, 200)).map((p) => p.messageId),
        [102, 103],
      );
      assert.deepEqual(await repo.forChannel('other', 0, 1000), []);
      await repo.markDeleted([posts[1]!.id], '2024-12-01T11:00:00Z');
      await repo.markDeleted([posts[1]!.id], '2024-12-01T12:00:00Z');
      assert.equal((await repo.get(posts[1]!.id))?.deletedAt, '2024-12-01T11:00:00Z');
      await repo.recordSeen([seen(102, '2024-12-01T13:00:00Z')]);
      assert.equal((await repo.get(posts[1]!.id))?.deletedAt, null);
    });
  });
}
