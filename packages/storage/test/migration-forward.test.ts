// A store written by an earlier release must open with today's code (which migrates it forward)
// and read back exactly what was stored. The dumps in fixtures/ were made by release 0.1.0's code
// (make-release-fixture.ts); each is loaded into a fresh database as it is, then opened and read
// through the ports only, on SQLite and on PostgreSQL (a server when ECHOTRACE_TEST_PG_URL is set,
// else PGlite).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import type { Query, Store } from '@echotrace/core';
import {
  copySqliteToPostgres,
  openPostgresStore,
  openSqliteStore,
  type SqliteStore,
} from '@echotrace/storage';
import Database from 'better-sqlite3';
import pg from 'pg';
import {
  backendName,
  createTestStore,
  destroyTestStore,
  freshSchemaUrl,
  serverUrl,
} from './postgres.fixture.ts';
import {
  annotationsOf,
  archiveEntries,
  contentSha256,
  currentDocument,
  docId,
  DOCUMENTS,
  ENTITIES,
  FORWARDS,
  JOBS,
  SANCTIONS_IMPORTS,
  signatures,
  SOURCE_HEALTH,
  SOURCE_SETTINGS,
  SOURCES,
} from './fixtures/release-fixture.data.ts';

const RELEASES = ['0.1.0'];
const fixture = (release: string, kind: 'sqlite' | 'postgres'): string =>
  readFileSync(path.join(import.meta.dirname, 'fixtures', `release-${release}.${kind}.sql`), 'utf8');

interface Opened {
  store: Store;
  dispose(): Promise<void>;
}

async function openSqliteRelease(release: string): Promise<Opened> {
  const dir = mkdtempSync(path.join(tmpdir(), 'echotrace-forward-'));
  const file = path.join(dir, 'release.db');
  const raw = new Database(file);
  // The dump registers the full-text index as `.dump` does, by writing sqlite_schema, which
  // better-sqlite3's defensive mode forbids; unsafe mode lifts that for this raw connection only.
  raw.unsafeMode(true);
  raw.exec(fixture(release, 'sqlite'));
  raw.close();
  const store = openSqliteStore(file);
  return {
    store,
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The dump with its schema renamed to a fresh one (the store is opened on that schema). */
function postgresScript(release: string, schema: string): string {
  return fixture(release, 'postgres')
    .split('\n')
    .filter((line) => !line.startsWith('CREATE SCHEMA '))
    .join('\n')
    .replaceAll('echotrace_release.', `${schema}.`);
}

let pglite: Promise<PGlite> | undefined;
async function openPostgresRelease(release: string): Promise<Opened> {
  if (serverUrl) {
    const fresh = await freshSchemaUrl(serverUrl);
    const schema = new URL(fresh.url).searchParams.get('options')!.split('=')[1]!;
    const client = new pg.Client({ connectionString: fresh.url });
    await client.connect();
    await client.query(postgresScript(release, schema));
    await client.end();
    const store = await openPostgresStore(fresh.url);
    return {
      store,
      async dispose() {
        await store.close();
        await fresh.drop();
      },
    };
  }
  pglite ??= PGlite.create();
  const db = await pglite;
  const schema = `et_forward_${Math.random().toString(36).slice(2, 10)}`;
  await db.exec(`CREATE SCHEMA ${schema}`);
  await db.exec(postgresScript(release, schema));
  await db.exec(`SET search_path TO ${schema}`);
  const store = await openPostgresStore({
    client: db,
    close: async () => {
      await db.exec(`DROP SCHEMA ${schema} CASCADE; SET search_path TO public`);
    },
  });
  return { store, dispose: () => store.close() };
}

const filterQuery = (filters: Partial<Query['filters']>): Query => ({
  source: 'release fixture',
  text: null,
  filters: { sources: [], languages: [], from: null, to: null, entities: [], ...filters },
});
// Both databases order text by code unit (SQLite's BINARY, PostgreSQL's "C" collation).
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byId = <T extends { id: string }>(items: T[]): T[] => [...items].sort((a, b) => byCodeUnit(a.id, b.id));
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

async function checkReadsBack(store: Store, { jobs = true } = {}): Promise<void> {
  // Sources, with the owner column added by a late migration of the release.
  assert.deepEqual(byId(await store.sources.list()), byId(SOURCES));

  // Documents: the current version of each, and the two versions of the first with both captures.
  assert.equal(await store.documents.count(), DOCUMENTS.length);
  for (const fixture of DOCUMENTS) {
    const expected = currentDocument(fixture);
    assert.deepEqual(await store.documents.get(expected.id), expected);
    assert.deepEqual(await store.documents.getByKey(fixture.key), expected);
    const versions = await store.documents.versions(expected.id);
    assert.deepEqual(
      versions.map((v) => [v.contentSha256, v.seenAt]),
      fixture.versions.map((v) => [contentSha256(v.title, v.text, fixture.publishedAt), v.ingestedAt]),
    );
    for (const version of versions) {
      const capture = await store.captures.get(version.captureSha256);
      assert.equal(capture?.origin, fixture.key);
      assert.equal(capture?.mediaType, 'text/html');
      assert.equal(
        new TextDecoder().decode((await store.captures.bytes(version.captureSha256))!).length > 0,
        true,
      );
    }
  }
  const first = currentDocument(DOCUMENTS[0]!);
  assert.equal(
    new TextDecoder().decode((await store.captures.bytes(first.captureSha256))!),
    first.text,
    'capture bytes survive the dump byte for byte',
  );
  const stats = await store.documents.stats();
  assert.equal(stats.documents, 3);
  assert.equal(stats.captures, 4);
  assert.equal(stats.annotations, 4);
  assert.deepEqual(
    stats.months.map((m) => [m.month, m.documents]),
    [
      ['2024-03', 2],
      ['unknown', 1],
    ],
  );

  // Annotations of kind entity and sanction.
  for (const { documentId, annotations } of annotationsOf()) {
    const stored = await store.annotations.forDocument(documentId);
    for (const annotation of annotations) {
      assert.deepEqual(
        stored.find((a) => a.id === annotation.id),
        annotation,
      );
    }
  }
  assert.deepEqual(
    (await store.annotations.find({ kind: 'sanction' })).map((a) => [a.id, a.attributes.entryId]),
    [['ann-s1', '24094']],
  );

  // Knowledge base, decision log, redirects and mention queries.
  assert.deepEqual(await store.entities.list(), byId(ENTITIES));
  assert.deepEqual(await store.entities.get('Q18808'), ENTITIES[1]);
  const decisions = await store.entities.decisions();
  assert.deepEqual(
    decisions.map(({ decidedAt, ...rest }) => (assert.match(decidedAt, ISO), rest)),
    [
      { seq: 1, note: 'same city', kind: 'merge', from: 'location:phenian', into: 'Q18808' },
      { seq: 2, note: null, kind: 'accept', entity: ENTITIES[2] },
      {
        seq: 3,
        note: null,
        kind: 'split',
        entityId: 'Q4294000',
        alias: 'Malofeev',
        target: 'person:malofeev-junior',
        targetType: 'PERSON',
      },
    ],
  );
  const mentions = await store.entities.mentions(['Q4294000']);
  assert.deepEqual(
    mentions.map((m) => [m.documentId, m.surface, m.sourceId]),
    // Newest publication first: the repost (07:30Z) is later than the article (10:00+03:00).
    [
      [docId(1), 'Константин Малофеев', 'tg-frontline'],
      [docId(0), 'Константин Малофеев', 'severny-vestnik'],
    ],
  );
  assert.deepEqual(await store.entities.mentionsBySource(['Q4294000']), [
    { sourceId: 'severny-vestnik', name: 'Северный вестник', mentions: 1, documents: 1 },
    { sourceId: 'tg-frontline', name: 'Frontline Telegram', mentions: 1, documents: 1 },
  ]);
  assert.deepEqual(await store.entities.mentionsOverTime(['Q18808', 'location:phenian'], 'month'), [
    { period: 'unknown', mentions: 1, documents: 1 },
  ]);
  assert.deepEqual(
    (await store.entities.discovered(ENTITIES.map((e) => e.id))).map((d) => [d.entityId, d.mentions]),
    [['location:phenian', 1]],
  );
  // The redirect table: search's entity filter finds the mention stored under the merged-away id.
  const found = await store.search.search({
    query: filterQuery({ entities: ['Q18808'] }),
    limit: 10,
    offset: 0,
  });
  assert.deepEqual(
    found.hits.map((h) => h.documentId),
    [docId(2)],
  );
  const bySource = await store.search.search({
    query: filterQuery({ sources: ['severny-vestnik'] }),
    limit: 10,
    offset: 0,
  });
  assert.equal(bySource.total, 2);

  // Sanctions: current entries, relations, the import history with its diff, entry history.
  const [firstImport, secondImport] = SANCTIONS_IMPORTS;
  assert.deepEqual(await store.sanctions.lists(), [
    { list: 'ofac-sdn', entries: 3, lastImportAt: secondImport!.importedAt, publishedOn: null },
  ]);
  assert.deepEqual(byId(await store.sanctions.entries('ofac-sdn')), byId([...secondImport!.entries]));
  assert.deepEqual(await store.sanctions.getEntry('ofac-sdn', '24094'), firstImport!.entries[0]);
  assert.equal(await store.sanctions.getEntry('ofac-sdn', '31000'), null);
  assert.deepEqual(await store.sanctions.relationsOf('ofac-sdn', '24094'), secondImport!.relations);
  const imports = await store.sanctions.imports('ofac-sdn');
  assert.deepEqual(imports, [
    {
      id: 2,
      list: 'ofac-sdn',
      sources: ['sdn_2024-06.csv'],
      publishedOn: null,
      importedAt: secondImport!.importedAt,
      added: ['40001'],
      removed: ['31000'],
      updated: ['24095'],
      unchanged: 1,
    },
    {
      id: 1,
      list: 'ofac-sdn',
      sources: ['sdn_2023-01.csv', 'alt_2023-01.csv'],
      publishedOn: '2023-01-15',
      importedAt: firstImport!.importedAt,
      added: ['24094', '24095', '31000'],
      removed: [],
      updated: [],
      unchanged: 0,
    },
  ]);
  assert.deepEqual(await store.sanctions.entryHistory('ofac-sdn', '31000'), {
    firstSeenAt: firstImport!.importedAt,
    removedAt: secondImport!.importedAt,
  });

  // Duplicates: signatures in first-stored order with their bytes, groups, forwards.
  const stored = await store.duplicates.signatures({ limit: 10 });
  assert.deepEqual(
    stored.map(({ documentId, scheme, contentSha256: hash, data }) => ({
      documentId,
      scheme,
      contentSha256: hash,
      data: Uint8Array.from(data),
    })),
    signatures(),
  );
  assert.deepEqual(
    stored.map((s) => [s.publishedAt, s.ingestedAt]),
    DOCUMENTS.map((d) => [d.publishedAt, d.versions.at(-1)!.ingestedAt]),
  );
  assert.deepEqual(await store.duplicates.unsignedDocumentIds('minhash16-128-w3-v1', { limit: 10 }), []);
  assert.equal(await store.duplicates.groupOf(docId(1)), docId(0));
  assert.equal(await store.duplicates.groupOf(docId(2)), null);
  assert.deepEqual(
    (await store.duplicates.copiesOf(docId(1))).map((c) => [c.documentId, c.original]),
    [
      [docId(0), true],
      [docId(1), false],
    ],
  );
  assert.deepEqual(
    (await store.duplicates.forwardsOf(docId(1))).sort((a, b) => byCodeUnit(a.fromChannel, b.fromChannel)),
    [...FORWARDS].sort((a, b) => byCodeUnit(a.fromChannel, b.fromChannel)),
  );
  assert.deepEqual(await store.duplicates.forwardsFrom('rian_ru'), [FORWARDS[1]]);

  // Archive and source settings with health.
  const archived = archiveEntries();
  assert.deepEqual(await store.archive.list({}), archived);
  assert.deepEqual(await store.archive.get('arch-2'), archived[1]);
  assert.deepEqual(await store.archive.latestFor(DOCUMENTS[0]!.key), archived[0]);
  assert.deepEqual(await store.sourceSettings.list(), SOURCE_SETTINGS);
  assert.deepEqual(await store.sourceSettings.health('severny-vestnik'), SOURCE_HEALTH);
  assert.equal(await store.sourceSettings.health('tg-frontline'), null);

  // Jobs: the queued ones, and the dead-lettered one with its error (a copy leaves jobs behind).
  if (!jobs) {
    assert.deepEqual(await store.jobs.stats(), []);
    return;
  }
  assert.deepEqual(await store.jobs.stats(), [
    { queue: 'archive', queued: 0, running: 0, done: 0, dead: 1 },
    { queue: 'dedupe', queued: 1, running: 0, done: 0, dead: 0 },
    { queue: 'ingest', queued: 2, running: 0, done: 0, dead: 0 },
  ]);
  const [dead, ...moreDead] = await store.jobs.failures(10);
  assert.deepEqual(moreDead, []);
  assert.equal(dead?.key, 'fetch:arch-3');
  assert.equal(dead?.attempts, 1);
  assert.equal(dead?.lastError, 'HTTP 410 Gone for https://severny-vestnik.test/gone');
  assert.deepEqual(dead?.payload, { url: 'https://severny-vestnik.test/gone' });
  const due = await store.jobs.claim('ingest', 'worker-2', 60_000, 10);
  assert.deepEqual(
    due.map((j) => [j.key, j.payload, j.runAt]).sort(),
    JOBS.filter((j) => j.queue === 'ingest')
      .map((j) => [j.key, j.payload, j.runAt])
      .sort(),
  );
}

/** Counters continue after the copied rows: new writes get the next numbers, not clashes. */
async function checkWritesContinue(store: Store): Promise<void> {
  const record = await store.sanctions.importList({
    ...SANCTIONS_IMPORTS[1]!,
    importedAt: '2025-01-01T00:00:00.000Z',
  });
  assert.equal(record.id, 3);
  assert.equal(record.unchanged, 3);
  const decision = await store.entities.addDecision({
    kind: 'merge',
    from: 'person:malofeev-junior',
    into: 'Q4294000',
  });
  assert.equal(decision.seq, 4);
  assert.equal(await store.jobs.enqueue('ingest', 'feed:new', {}), true);
  assert.equal(await store.jobs.enqueue('ingest', 'feed:severny-vestnik', {}), false);
}

const backends: Array<[string, (release: string) => Promise<Opened>]> = [
  ['SQLite', openSqliteRelease],
  [`PostgreSQL (${backendName})`, openPostgresRelease],
];

describe(`a SQLite store of release 0.1.0 copied into PostgreSQL (${backendName})`, () => {
  it('reads back every row but the jobs through the ports of the target', async () => {
    const source = await openSqliteRelease('0.1.0');
    const target = await createTestStore();
    try {
      await copySqliteToPostgres(source.store as SqliteStore, target);
      await checkReadsBack(target, { jobs: false });
    } finally {
      await source.dispose();
      await destroyTestStore(target);
    }
  });
});

for (const [name, open] of backends) {
  for (const release of RELEASES) {
    describe(`a ${name} store of release ${release} migrates forward`, () => {
      const opened: Opened[] = [];
      after(async () => {
        for (const o of opened) await o.dispose();
      });

      it('reads back every row through the ports', async () => {
        const o = await open(release);
        opened.push(o);
        await checkReadsBack(o.store);
      });

      it('keeps counting where the release stopped', async () => {
        const o = await open(release);
        opened.push(o);
        await checkWritesContinue(o.store);
      });
    });
  }
}
