// Units of work isolate, for every repository on the seam: while one unit is open, a second unit
// and a plain call (outside any unit) neither see its writes nor are rolled back with it. On SQLite
// and on a one-connection PostgreSQL (PGlite) the others wait for the open unit; on a PostgreSQL
// pool they run beside it and READ COMMITTED hides its rows. Before the repositories were written
// once, SQLite's ran on the raw connection, so a plain write joined the open unit and died with it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuery, sha256Hex, type ArchiveEntry, type Store } from '@echotrace/core';
import { buildDocument, buildSource, contentHash } from './builders.ts';
import type { StoreFactory } from './store.contract.ts';

const probeText = (tag: string) => `Isolation probe ${tag} одиннадцать`;

/** The rows tag's writes hang on (a source, a capture, a document to annotate). */
async function writeFoundation(store: Store, tag: string): Promise<{ documentId: string; sha: string }> {
  await store.sources.upsert(buildSource({ id: `src-${tag}`, name: `Source ${tag}` }));
  const capture = await store.captures.put(new TextEncoder().encode(`${probeText(tag)} base`), {
    mediaType: 'text/plain',
    charset: 'utf-8',
    capturedAt: '2024-05-01T00:00:00Z',
    origin: `probe:${tag}:base`,
  });
  const base = buildDocument({
    key: `probe:${tag}:base`,
    sourceId: `src-${tag}`,
    captureSha256: capture.sha256,
  });
  await store.documents.upsert(base, contentHash(base));
  return { documentId: base.id, sha: capture.sha256 };
}

/**
 * One write through every repository on the seam, each an independent call; concurrently (all at
 * once, as a server's requests would come) or one after another.
 */
async function writeEverything(
  store: Store,
  tag: string,
  on: { documentId: string; sha: string },
  concurrently: boolean,
): Promise<void> {
  const writes: Array<() => Promise<unknown>> = [
    () =>
      store.captures.put(new TextEncoder().encode(probeText(tag)), {
        mediaType: 'text/plain',
        charset: 'utf-8',
        capturedAt: '2024-05-01T00:00:00Z',
        origin: `probe:${tag}`,
      }),
    () => {
      const document = buildDocument({
        key: `probe:${tag}`,
        sourceId: `src-${tag}`,
        text: probeText(tag),
        title: `zz${tag}`,
        captureSha256: on.sha,
      });
      return store.documents.upsert(document, contentHash(document));
    },
    () =>
      store.annotations.replace(on.documentId, 'probe', [
        {
          id: `ann-${tag}`,
          documentId: on.documentId,
          kind: 'entity',
          label: 'ORG',
          start: 0,
          end: 5,
          confidence: 1,
          producer: 'probe',
          producerVersion: '1',
          attributes: { tag },
        },
      ]),
    () => {
      const entry: ArchiveEntry = {
        id: `arc-${tag}`,
        requestUrl: `https://probe.test/${tag}`,
        finalUrl: `https://probe.test/${tag}`,
        status: 200,
        statusText: 'OK',
        headers: {},
        requestHeaders: {},
        fetchedAt: '2024-05-01T00:00:00.000Z',
        sha256: on.sha,
        byteLength: 1,
      };
      return store.archive.record(entry);
    },
    () =>
      store.sourceSettings.upsert({
        sourceId: `src-${tag}`,
        feeds: [`https://probe.test/${tag}.rss`],
        sitemaps: [],
        pollIntervalMinutes: 5,
        enabled: true,
      }),
    () =>
      store.sourceSettings.recordHealth({
        sourceId: `src-${tag}`,
        lastPollAt: null,
        lastSuccessAt: null,
        lastError: null,
        consecutiveFailures: 0,
        lastNewItems: 0,
        nextPollAt: null,
      }),
    () => store.jobs.enqueue(`probe-${tag}`, `job-${tag}`, { tag }),
  ];
  if (concurrently) await Promise.all(writes.map((write) => write()));
  else for (const write of writes) await write();
}

/** What of tag's writes a reader sees, repository by repository. */
async function visible(store: Store, tag: string): Promise<string[]> {
  const seen: string[] = [];
  if (await store.captures.has(sha256Hex(new TextEncoder().encode(probeText(tag))))) seen.push('capture');
  const document = await store.documents.getByKey(`probe:${tag}`);
  if (document) seen.push('document');
  if ((await store.annotations.find({ label: 'ORG', limit: 100 })).some((a) => a.id === `ann-${tag}`))
    seen.push('annotation');
  const found = await store.search.search({ query: parseQuery(`zz${tag}`), limit: 10, offset: 0 });
  if (found.total > 0) seen.push('search');
  if (await store.archive.get(`arc-${tag}`)) seen.push('archive');
  if (await store.sourceSettings.get(`src-${tag}`)) seen.push('settings');
  if (await store.sourceSettings.health(`src-${tag}`)) seen.push('health');
  if ((await store.jobs.stats()).some((q) => q.queue === `probe-${tag}` && q.queued === 1)) seen.push('job');
  return seen;
}

const EVERYTHING = ['capture', 'document', 'annotation', 'search', 'archive', 'settings', 'health', 'job'];

export function describeUnitIsolationContract(adapter: string, factory: StoreFactory): void {
  describe(`Unit-of-work isolation: ${adapter}`, () => {
    it('two concurrent units do not see or roll back each other’s writes, nor a plain call’s', async () => {
      const store = await factory.create();
      try {
        const onA = await writeFoundation(store, 'a');
        const onB = await writeFoundation(store, 'b');
        const onC = await writeFoundation(store, 'c');
        let release!: () => void;
        const mayEnd = new Promise<void>((resolve) => (release = resolve));
        let opened!: () => void;
        const open = new Promise<void>((resolve) => (opened = resolve));
        const failing = store.transaction(async () => {
          await writeEverything(store, 'a', onA, false);
          assert.deepEqual(await visible(store, 'a'), EVERYTHING, 'a unit sees its own writes');
          opened();
          await mayEnd;
          throw new Error('unit a failed');
        });
        await open;
        // Issued while unit a is open: another unit, and plain calls outside any unit, each on its own.
        const other = store.transaction(async () => {
          const sawA = await visible(store, 'a');
          await writeEverything(store, 'b', onB, false);
          return sawA;
        });
        const plain = writeEverything(store, 'c', onC, true);
        await new Promise((resolve) => setTimeout(resolve, 50));
        release();
        await assert.rejects(failing, /unit a failed/);
        const bSawA = await other;
        await plain;
        assert.deepEqual(bSawA, [], 'the other unit did not see the open unit’s writes');
        assert.deepEqual(await visible(store, 'a'), [], 'the failed unit rolled back all of its writes');
        assert.deepEqual(await visible(store, 'b'), EVERYTHING, 'the other unit is not rolled back with it');
        assert.deepEqual(await visible(store, 'c'), EVERYTHING, 'plain calls are not rolled back with it');
      } finally {
        await factory.destroy(store);
      }
    });
  });
}
