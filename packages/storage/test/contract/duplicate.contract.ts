// The duplicate repository contract: every adapter's DuplicateRepository must pass it unchanged.
import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import { sha256Hex, type DuplicateRepository, type Store } from '@echotrace/core';
import { buildDocument, buildSource, contentHash, storeDocument } from './builders.ts';
import type { StoreFactory } from './store.contract.ts';

export function describeDuplicateRepositoryContract(adapter: string, factory: StoreFactory): void {
  describe(`DuplicateRepository contract: ${adapter}`, () => {
    let current: Store | undefined;
    let repo: DuplicateRepository;
    const wire = buildDocument({
      key: 'https://wire.test/1',
      text: 'Текст агентства.',
      publishedAt: '2024-12-02T08:00:00+03:00',
    });
    const repost = buildDocument({
      key: 'telegram:-100/5',
      text: 'Текст агентства. Подписывайтесь.',
      publishedAt: '2024-12-02T06:30:00Z',
      title: null,
    });
    const site = buildDocument({
      key: 'https://site.test/a',
      text: 'Текст агентства на сайте.',
      publishedAt: null,
      ingestedAt: '2024-12-03T00:00:00Z',
    });
    const loner = buildDocument({
      key: 'https://site.test/b',
      text: 'Другое.',
      publishedAt: '2024-12-01T00:00:00Z',
    });

    const bytes = (n: number): Uint8Array => Uint8Array.from([n, n + 1, n + 2]);

    beforeEach(async () => {
      if (current) await factory.destroy(current);
      current = await factory.create();
      await current.sources.upsert(buildSource());
      for (const d of [wire, repost, site, loner]) await storeDocument(current, d);
      repo = current.duplicates;
    });
    after(async () => {
      if (current) await factory.destroy(current);
    });

    it('stores signatures in first-stored order and pages through them with document times', async () => {
      await repo.putSignatures([
        { documentId: site.id, scheme: 's1', contentSha256: contentHash(site), data: bytes(1) },
        { documentId: wire.id, scheme: 's1', contentSha256: contentHash(wire), data: bytes(2) },
      ]);
      // Replacing keeps the first position.
      await repo.putSignatures([
        { documentId: site.id, scheme: 's1', contentSha256: contentHash(site), data: bytes(9) },
      ]);
      const first = await repo.signatures({ limit: 1 });
      assert.equal(first.length, 1);
      assert.equal(first[0]!.documentId, site.id);
      assert.deepEqual([...first[0]!.data], [9, 10, 11]);
      assert.equal(first[0]!.publishedAt, null);
      assert.equal(first[0]!.ingestedAt, '2024-12-03T00:00:00Z');
      const rest = await repo.signatures({ afterSequence: first[0]!.sequence, limit: 10 });
      assert.deepEqual(
        rest.map((s) => [s.documentId, s.publishedAt]),
        [[wire.id, '2024-12-02T08:00:00+03:00']],
      );
    });

    it('keeps signature bytes exactly, and the last of one document given twice in a batch', async () => {
      const all = Uint8Array.from({ length: 256 }, (_, i) => i);
      await repo.putSignatures([
        { documentId: wire.id, scheme: 's1', contentSha256: contentHash(wire), data: bytes(1) },
        { documentId: loner.id, scheme: 's1', contentSha256: contentHash(loner), data: all.subarray(1) },
        { documentId: wire.id, scheme: 's2', contentSha256: contentHash(wire), data: bytes(7) },
      ]);
      const stored = await repo.signatures({ limit: 10 });
      assert.deepEqual(
        stored.map((s) => [s.documentId, s.scheme, [...s.data].length]),
        [
          [wire.id, 's2', 3],
          [loner.id, 's1', 255],
        ],
      );
      assert.deepEqual([...stored[0]!.data], [7, 8, 9]);
      assert.deepEqual([...stored[1]!.data], [...all.subarray(1)]);
      assert.ok(stored[0]!.sequence < stored[1]!.sequence);
      assert.deepEqual(await repo.signatures({ afterSequence: stored[1]!.sequence, limit: 10 }), []);
    });

    it('lists documents to sign: missing, other scheme, or changed content', async () => {
      await repo.putSignatures([
        { documentId: site.id, scheme: 's1', contentSha256: contentHash(site), data: bytes(1) },
        { documentId: wire.id, scheme: 's1', contentSha256: contentHash(wire), data: bytes(2) },
      ]);
      const pending = async (scheme: string): Promise<string[]> =>
        (await repo.unsignedDocumentIds(scheme, { limit: 10 })).sort();
      assert.deepEqual(await pending('s1'), [repost.id, loner.id].sort());
      assert.deepEqual(await pending('s2'), [wire.id, repost.id, site.id, loner.id].sort());
      await repo.putSignatures([
        { documentId: loner.id, scheme: 's1', contentSha256: 'stale', data: new Uint8Array(1) },
      ]);
      assert.deepEqual(await pending('s1'), [repost.id, loner.id].sort());
      const page = await repo.unsignedDocumentIds('s2', { limit: 2 });
      assert.equal(page.length, 2);
      const next = await repo.unsignedDocumentIds('s2', { afterId: page[1]!, limit: 10 });
      assert.equal(page.length + next.length, 4);
    });

    it('lists a document’s copies earliest first, marking the original', async () => {
      await repo.setGroups([
        { documentId: wire.id, groupId: repost.id },
        { documentId: repost.id, groupId: repost.id },
        { documentId: site.id, groupId: repost.id },
      ]);
      assert.equal(await repo.groupOf(site.id), repost.id);
      assert.equal(await repo.groupOf(loner.id), null);
      const copies = await repo.copiesOf(wire.id);
      // Ordered by time (08:00+03:00 is 05:00Z, before 06:30Z; undated last by ingestion); `original`
      // marks the group id dedupe chose, whatever the order.
      assert.deepEqual(
        copies.map((c) => [c.documentId, c.original]),
        [
          [wire.id, false],
          [repost.id, true],
          [site.id, false],
        ],
      );
      assert.equal(copies[2]!.publishedAt, null);
      assert.deepEqual(await repo.copiesOf(loner.id), []);
      await repo.setGroups([{ documentId: site.id, groupId: loner.id }]);
      assert.equal(await repo.groupOf(site.id), loner.id);
      await repo.clearGroups();
      assert.deepEqual(await repo.copiesOf(wire.id), []);
    });

    it('records forward edges once, with or without the original message', async () => {
      await repo.recordForward({
        documentId: repost.id,
        fromChannel: '@zarechye_vestnik',
        fromMessageId: '4512',
      });
      await repo.recordForward({
        documentId: repost.id,
        fromChannel: '@zarechye_vestnik',
        fromMessageId: '4512',
      });
      await repo.recordForward({ documentId: site.id, fromChannel: 'Вестник Заречья' });
      assert.deepEqual(await repo.forwardsOf(repost.id), [
        { documentId: repost.id, fromChannel: '@zarechye_vestnik', fromMessageId: '4512' },
      ]);
      assert.deepEqual(await repo.forwardsFrom('Вестник Заречья'), [
        { documentId: site.id, fromChannel: 'Вестник Заречья', fromMessageId: null },
      ]);
      assert.deepEqual(await repo.forwardsOf(loner.id), []);
    });

    it('refuses rows for documents that do not exist', async () => {
      await assert.rejects(repo.recordForward({ documentId: 'missing', fromChannel: '@x' }));
      await assert.rejects(
        repo.putSignatures([
          { documentId: 'missing', scheme: 's1', contentSha256: sha256Hex('x'), data: new Uint8Array(1) },
        ]),
      );
      await assert.rejects(repo.setGroups([{ documentId: 'missing', groupId: wire.id }]));
      assert.equal(await repo.groupOf('missing'), null);
    });
  });
}
