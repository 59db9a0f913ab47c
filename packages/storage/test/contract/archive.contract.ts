// The archive repository contract: every adapter's ArchiveRepository must pass it unchanged.
import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import { archiveResponse, sha256Hex, type FetchedResponse, type Store } from '@echotrace/core';
import type { StoreFactory } from './store.contract.ts';

function response(url: string, fetchedAt: string, body: string, status = 200): FetchedResponse {
  const bytes = new TextEncoder().encode(body);
  return {
    requestUrl: url,
    finalUrl: url,
    redirects: [],
    status,
    statusText: status === 200 ? 'OK' : 'Not Modified',
    headers: { 'content-type': 'text/html; charset=utf-8', etag: `"${body}"` },
    requestHeaders: { 'user-agent': 'EchotraceBot/0.1' },
    fetchedAt,
    bytes,
    sha256: sha256Hex(bytes),
  };
}

export function describeArchiveRepositoryContract(adapter: string, factory: StoreFactory): void {
  describe(`ArchiveRepository contract: ${adapter}`, () => {
    let store: Store;
    const archive = (url: string, fetchedAt: string, body: string, status = 200) =>
      archiveResponse(response(url, fetchedAt, body, status), {
        archive: store.archive,
        captures: store.captures,
      });
    beforeEach(async () => {
      if (store) await factory.destroy(store);
      store = await factory.create();
    });
    after(async () => {
      if (store) await factory.destroy(store);
    });

    it('archives a response: entry recorded, payload stored once in captures', async () => {
      const first = await archive('https://a.example/1', '2024-11-26T09:00:00.000Z', 'same');
      const second = await archive('https://a.example/1', '2024-11-26T10:00:00.000Z', 'same');
      assert.notEqual(first.id, second.id);
      assert.equal(first.sha256, second.sha256);
      assert.equal(new TextDecoder().decode((await store.captures.bytes(first.sha256))!), 'same');
      assert.equal((await store.captures.get(first.sha256))!.mediaType, 'text/html');
      assert.deepEqual(await store.archive.get(first.id), first);
      assert.deepEqual(first.headers, { 'content-type': 'text/html; charset=utf-8', etag: '"same"' });
      assert.deepEqual(first.requestHeaders, { 'user-agent': 'EchotraceBot/0.1' });
      assert.equal(await store.archive.get('no-such-entry'), null);
    });

    it('recording the same entry twice is a no-op returning the stored entry', async () => {
      const entry = await archive('https://a.example/2', '2024-11-26T11:00:00.000Z', 'two');
      assert.deepEqual(await store.archive.record({ ...entry, status: 500 }), entry);
      assert.equal((await store.archive.list({})).length, 1);
    });

    it('refuses an entry whose payload is not in captures', async () => {
      const entry = await archive('https://a.example/3', '2024-11-26T11:00:00.000Z', 'three');
      await assert.rejects(store.archive.record({ ...entry, id: 'orphan', sha256: sha256Hex('missing') }));
      assert.equal(await store.archive.get('orphan'), null);
    });

    it('lists by time range, by payload and with a keyset cursor', async () => {
      await archive('https://a.example/3', '2024-11-27T08:00:00.000Z', 'three');
      await archive('https://a.example/1', '2024-11-26T09:00:00.000Z', 'same');
      await archive('https://a.example/2', '2024-11-26T11:00:00.000Z', 'two');
      await archive('https://a.example/1', '2024-11-26T10:00:00.000Z', 'same');
      const all = await store.archive.list({});
      assert.deepEqual(
        all.map((e) => e.fetchedAt),
        [
          '2024-11-26T09:00:00.000Z',
          '2024-11-26T10:00:00.000Z',
          '2024-11-26T11:00:00.000Z',
          '2024-11-27T08:00:00.000Z',
        ],
      );
      const day = await store.archive.list({ from: '2024-11-26T09:30:00Z', to: '2024-11-27' });
      assert.deepEqual(
        day.map((e) => e.requestUrl),
        ['https://a.example/1', 'https://a.example/2'],
      );
      const to = await store.archive.list({ to: '2024-11-26T10:00:00.000Z' });
      assert.deepEqual(
        to.map((e) => e.fetchedAt),
        ['2024-11-26T09:00:00.000Z'],
        'to is exclusive',
      );
      const page = await store.archive.list({ afterId: all[1]!.id, limit: 1 });
      assert.deepEqual(
        page.map((e) => e.id),
        [all[2]!.id],
      );
      assert.deepEqual(
        (await store.archive.list({ afterId: all[3]!.id })).map((e) => e.id),
        [],
      );
      assert.deepEqual(
        (await store.archive.list({ limit: 2 })).map((e) => e.id),
        all.slice(0, 2).map((e) => e.id),
      );
      assert.equal((await store.archive.list({ sha256s: [sha256Hex('three')] })).length, 1);
      assert.equal((await store.archive.list({ sha256s: [sha256Hex('same'), sha256Hex('two')] })).length, 3);
      assert.deepEqual(await store.archive.list({ sha256s: [] }), []);
    });

    it('orders entries fetched at the same instant by id', async () => {
      const at = '2024-11-26T09:00:00.000Z';
      for (const n of [5, 1, 4, 2, 3]) await archive(`https://a.example/${n}`, at, `body ${n}`);
      const ids = (await store.archive.list({})).map((e) => e.id);
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
      );
      assert.deepEqual(
        (await store.archive.list({ afterId: ids[2]! })).map((e) => e.id),
        ids.slice(3),
      );
    });

    it('latestFor returns the newest successful fetch of a URL', async () => {
      await archive('https://a.example/1', '2024-11-26T09:00:00.000Z', 'old');
      await archive('https://a.example/1', '2024-11-26T10:00:00.000Z', 'new');
      await archive('https://a.example/1', '2024-11-28T00:00:00.000Z', '', 304);
      await archive('https://a.example/2', '2024-11-29T00:00:00.000Z', 'other');
      const latest = await store.archive.latestFor('https://a.example/1');
      assert.equal(latest!.fetchedAt, '2024-11-26T10:00:00.000Z');
      assert.equal(latest!.sha256, sha256Hex('new'));
      assert.equal(await store.archive.latestFor('https://a.example/none'), null);
    });
  });
}
