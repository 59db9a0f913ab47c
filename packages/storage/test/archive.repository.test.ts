import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { archiveResponse, sha256Hex, type ArchiveRepository, type FetchedResponse } from '@echotrace/core';
import { createSqliteArchiveRepository, openSqliteStore, type SqliteStore } from '@echotrace/storage';

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

describe('SQLite archive repository', () => {
  let dir: string;
  let store: SqliteStore;
  let archive: ArchiveRepository;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'echotrace-archive-'));
    store = openSqliteStore(path.join(dir, 'a.db'));
    archive = createSqliteArchiveRepository(store.db);
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('archives a response: entry recorded, payload stored once in captures', async () => {
    const first = await archiveResponse(response('https://a.example/1', '2024-11-26T09:00:00.000Z', 'same'), {
      archive,
      captures: store.captures,
    });
    const second = await archiveResponse(
      response('https://a.example/1', '2024-11-26T10:00:00.000Z', 'same'),
      { archive, captures: store.captures },
    );
    assert.notEqual(first.id, second.id);
    assert.equal(first.sha256, second.sha256);
    assert.equal(new TextDecoder().decode((await store.captures.bytes(first.sha256))!), 'same');
    assert.equal((await store.captures.get(first.sha256))!.mediaType, 'text/html');
    assert.deepEqual(await archive.get(first.id), first);
    assert.deepEqual(first.headers, { 'content-type': 'text/html; charset=utf-8', etag: '"same"' });
  });

  it('recording the same entry twice is a no-op', async () => {
    const entry = await archiveResponse(response('https://a.example/2', '2024-11-26T11:00:00.000Z', 'two'), {
      archive,
      captures: store.captures,
    });
    assert.deepEqual(await archive.record({ ...entry, status: 500 }), entry);
  });

  it('lists by time range, by payload and with a keyset cursor', async () => {
    await archiveResponse(response('https://a.example/3', '2024-11-27T08:00:00.000Z', 'three'), {
      archive,
      captures: store.captures,
    });
    const all = await archive.list({});
    assert.deepEqual(
      all.map((e) => e.fetchedAt),
      [
        '2024-11-26T09:00:00.000Z',
        '2024-11-26T10:00:00.000Z',
        '2024-11-26T11:00:00.000Z',
        '2024-11-27T08:00:00.000Z',
      ],
    );
    const day = await archive.list({ from: '2024-11-26T09:30:00Z', to: '2024-11-27' });
    assert.deepEqual(
      day.map((e) => e.requestUrl),
      ['https://a.example/1', 'https://a.example/2'],
    );
    const page = await archive.list({ afterId: all[1]!.id, limit: 1 });
    assert.deepEqual(
      page.map((e) => e.id),
      [all[2]!.id],
    );
    assert.equal((await archive.list({ sha256s: [sha256Hex('three')] })).length, 1);
    assert.deepEqual(await archive.list({ sha256s: [] }), []);
  });

  it('latestFor returns the newest successful fetch of a URL', async () => {
    await archiveResponse(response('https://a.example/1', '2024-11-28T00:00:00.000Z', '', 304), {
      archive,
      captures: store.captures,
    });
    const latest = await archive.latestFor('https://a.example/1');
    assert.equal(latest!.fetchedAt, '2024-11-26T10:00:00.000Z');
    assert.equal(await archive.latestFor('https://a.example/none'), null);
  });
});
