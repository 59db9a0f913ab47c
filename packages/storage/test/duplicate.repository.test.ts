import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sha256Hex, type Document, type DuplicateRepository } from '@echotrace/core';
import { createDuplicateRepository, openSqliteStore, type SqliteStore } from '@echotrace/storage';
import { buildDocument, buildSource, contentHash } from './contract/builders.ts';

async function store(s: SqliteStore, document: Document): Promise<void> {
  const capture = await s.captures.put(new TextEncoder().encode(document.text), {
    mediaType: 'text/plain',
    charset: 'utf-8',
    capturedAt: document.ingestedAt,
    origin: document.key,
  });
  await s.documents.upsert({ ...document, captureSha256: capture.sha256 }, contentHash(document));
}

describe('SQLite DuplicateRepository', () => {
  let dir: string;
  let sqlite: SqliteStore;
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

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'echotrace-dupes-'));
    sqlite = openSqliteStore(path.join(dir, 'test.db'));
    await sqlite.sources.upsert(buildSource());
    for (const d of [wire, repost, site, loner]) await store(sqlite, d);
    repo = createDuplicateRepository(sqlite.db);
  });
  after(async () => {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores signatures in first-stored order and pages through them with document times', async () => {
    const bytes = (n: number): Uint8Array => Uint8Array.from([n, n + 1, n + 2]);
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

  it('lists documents to sign: missing, other scheme, or changed content', async () => {
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
    await assert.rejects(repo.recordForward({ documentId: 'missing', fromChannel: '@x' }), /FOREIGN KEY/);
    await assert.rejects(
      repo.putSignatures([
        { documentId: 'missing', scheme: 's1', contentSha256: sha256Hex('x'), data: new Uint8Array(1) },
      ]),
      /FOREIGN KEY/,
    );
  });
});
