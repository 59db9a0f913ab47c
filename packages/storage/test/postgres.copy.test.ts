// Copying a SQLite corpus into PostgreSQL: everything arrives (versions and annotations included),
// search answers the same, and a re-run copies nothing twice. The later ports (duplicates,
// knowledge base, archive, source settings, sanctions) arrive too, read back the same through their
// ports, and the target goes on working after the copy (its counters continue past the copied rows).
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after, describe, it } from 'node:test';
import {
  archiveResponse,
  parseQuery,
  sha256Hex,
  type Entity,
  type SanctionsEntry,
  type SanctionsImport,
  type Store,
} from '@echotrace/core';
import {
  copySqliteToPostgres,
  openSqliteStore,
  sqliteMigrationStatus,
  type CopyProgress,
  type PostgresStore,
  type SqliteStore,
} from '@echotrace/storage';
import { buildDocument, buildSource } from './contract/builders.ts';
import { backendName, createTestStore, destroyTestStore } from './postgres.fixture.ts';

describe(`SQLite → PostgreSQL copy (${backendName})`, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'echotrace-copy-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('copies sources, captures, documents with versions, and annotations, once', async () => {
    const from = openSqliteStore(path.join(dir, 'from.db'));
    const to = await createTestStore();
    try {
      await from.sources.upsert(buildSource());
      for (let i = 0; i < 7; i++) {
        const doc = buildDocument({ key: `k${i}`, text: `Санкции против Пхеньяна, сообщение ${i}.` });
        const put = async (text: string) =>
          from.captures.put(new TextEncoder().encode(text), {
            mediaType: 'text/plain',
            charset: 'utf-8',
            capturedAt: '2024-01-01T00:00:00Z',
            origin: doc.key,
          });
        await from.documents.upsert(
          { ...doc, captureSha256: (await put(doc.text)).sha256 },
          sha256Hex(doc.text),
        );
        if (i === 0) {
          const edited = {
            ...doc,
            text: 'Исправленный текст о санкциях.',
            ingestedAt: '2024-03-05T00:00:00Z',
          };
          await from.documents.upsert(
            { ...edited, captureSha256: (await put(edited.text)).sha256 },
            sha256Hex(edited.text),
          );
          await from.annotations.replace(doc.id, 'ner', [
            {
              id: 'a1',
              documentId: doc.id,
              kind: 'entity',
              label: 'LOCATION',
              start: 0,
              end: 5,
              confidence: 0.5,
              producer: 'ner',
              producerVersion: '1',
              attributes: { entityId: 'Q18808' },
            },
          ]);
        }
      }
      const first = await copySqliteToPostgres(from, to);
      assert.deepEqual(
        first.filter((t) => t.read > 0).map((t) => [t.table, t.read, t.copied]),
        [
          ['sources', 1, 1],
          ['captures', 8, 8],
          ['documents', 7, 7],
          ['document_versions', 8, 8],
          ['annotations', 1, 1],
        ],
      );
      const again = await copySqliteToPostgres(from, to);
      assert.deepEqual(
        again.map((t) => t.copied),
        again.map(() => 0),
        'a re-run copies nothing twice',
      );
      assert.deepEqual(await to.documents.stats(), await from.documents.stats());
      const edited = buildDocument({ key: 'k0' }).id;
      assert.deepEqual(await to.documents.versions(edited), await from.documents.versions(edited));
      assert.deepEqual(await to.annotations.forDocument(edited), await from.annotations.forDocument(edited));
      for (const q of ['санкции', 'Пхеньян -исправленный', 'entity:Q18808']) {
        const search = async (s: Store) =>
          (await s.search.search({ query: parseQuery(q), limit: 20, offset: 0 })).hits.map(
            (h) => h.documentId,
          );
        assert.deepEqual(await search(to), await search(from), `same hits in the same order for ${q}`);
      }
    } finally {
      await from.close();
      await destroyTestStore(to);
    }
  });

  it('copies a file made by an older version as far as it goes, without migrating it', async () => {
    const file = path.join(dir, 'older.db');
    const older = openSqliteStore(file);
    await older.sources.upsert(buildSource());
    // As a version from before the sanctions port and source owners left it.
    older.db.exec(`DROP TABLE sanctions_names; DROP TABLE sanctions_relations; DROP TABLE sanctions_imports;
      DROP TABLE sanctions_entries; DROP TABLE sanctions_lists; DELETE FROM schema_migrations WHERE version = 40;
      ALTER TABLE sources DROP COLUMN owner; DELETE FROM schema_migrations WHERE version = 41`);
    await older.close();
    const from = openSqliteStore(file, { migrate: false, readonly: true });
    const to = await createTestStore();
    try {
      assert.equal(sqliteMigrationStatus(from.db).find((m) => m.version === 40)?.appliedAt, null);
      const report = await copySqliteToPostgres(from, to);
      assert.deepEqual(
        report.filter((t) => t.read > 0).map((t) => t.table),
        ['sources'],
      );
      assert.deepEqual(await to.sources.list(), [buildSource()], 'no owner column there: none here');
      assert.deepEqual(await to.sanctions.lists(), []);
    } finally {
      await from.close();
      await destroyTestStore(to);
    }
  });

  it('copies duplicates, the knowledge base, archive, source settings and sanctions, resumably', async () => {
    const from = openSqliteStore(path.join(dir, 'later.db'));
    const to = await createTestStore();
    try {
      await fillLaterTables(from);
      // Interrupted after the knowledge base: the tables up to it are complete, the rest untouched.
      const seen: string[] = [];
      const partial = await copySqliteToPostgres(from, to, {
        onProgress: (p) => seen.push(p.table),
        shouldStop: () => seen.includes('entity_redirects'),
      });
      assert.equal(partial.at(-1)!.table, 'entity_redirects', 'stopped before the archive');
      const rest = await copySqliteToPostgres(from, to);
      const copied = (report: CopyProgress[]) =>
        Object.fromEntries(report.filter((t) => t.copied > 0).map((t) => [t.table, t.copied]));
      assert.deepEqual(
        copied(rest),
        {
          archive_entries: 2,
          source_settings: 1,
          source_health: 1,
          sanctions_lists: 2,
          sanctions_entries: 4,
          sanctions_names: 8,
          sanctions_relations: 2,
          sanctions_imports: 3,
        },
        'the resumed copy brings only what the interrupted one had not',
      );
      assert.deepEqual(
        { ...copied(partial), ...copied(rest) },
        {
          sources: 1,
          captures: 4,
          documents: 2,
          document_versions: 2,
          document_signatures: 2,
          duplicate_members: 2,
          forward_edges: 1,
          entities: 2,
          entity_decisions: 2,
          entity_redirects: 1,
          ...copied(rest),
        },
      );
      assert.deepEqual(
        (await copySqliteToPostgres(from, to)).filter((t) => t.copied > 0),
        [],
        'a third run copies nothing',
      );

      await assertSameLaterContent(from, to);

      // The target goes on: new decisions and imports get fresh numbers past the copied ones, and
      // an import compares with the copied rows exactly as it would with the source's own.
      const third = buildDocument({ key: 'https://fringe-daily.test/3', text: 'Третий текст.' });
      for (const s of [from, to] as Store[]) {
        const capture = await s.captures.put(new TextEncoder().encode(third.text), {
          mediaType: 'text/plain',
          charset: 'utf-8',
          capturedAt: third.ingestedAt,
          origin: third.key,
        });
        await s.documents.upsert({ ...third, captureSha256: capture.sha256 }, sha256Hex(third.text));
        await s.duplicates.putSignatures([
          {
            documentId: third.id,
            scheme: 's1',
            contentSha256: sha256Hex(third.text),
            data: new Uint8Array(2),
          },
        ]);
      }
      assert.deepEqual(
        await to.duplicates.signatures({ limit: 10 }),
        await from.duplicates.signatures({ limit: 10 }),
        'signature order continues past the copied ones',
      );
      const next = await to.entities.addDecision({ kind: 'merge', from: 'Q1', into: 'Q2' });
      assert.equal(next.seq, 3);
      const later = sanctionsImport('2024-03-01T00:00:00Z', ['1', '4'], { '4': ['P2'] });
      const onTarget = await to.sanctions.importList(later);
      const onSource = await from.sanctions.importList(later);
      assert.deepEqual({ ...onTarget, id: 0 }, { ...onSource, id: 0 });
      assert.equal(onTarget.id, onSource.id);
      assert.deepEqual(await to.sanctions.entries(), await from.sanctions.entries());
      assert.deepEqual(
        await to.sanctions.relationsOf('ofac', '1'),
        await from.sanctions.relationsOf('ofac', '1'),
      );
    } finally {
      await from.close();
      await destroyTestStore(to);
    }
  });
});

function sanctionsEntry(id: string, programs: string[] = ['P1']): SanctionsEntry {
  return {
    id,
    list: 'ofac',
    kind: 'person',
    name: `PERSON ${id}`,
    aliases: [{ name: `Person ${id} alias`, kind: 'aka', weak: id === '2' }],
    programs,
    listedOn: [],
    identifiers: [],
    birthDates: [],
    addresses: [],
    countries: ['RU'],
  };
}

function sanctionsImport(
  importedAt: string,
  ids: string[],
  programs: Record<string, string[]> = {},
): SanctionsImport {
  return {
    list: 'ofac',
    sources: ['sdn.csv'],
    importedAt,
    entries: ids.map((id) => sanctionsEntry(id, programs[id])),
    relations: [{ list: 'ofac', fromId: '1', kind: 'linked-to', toId: ids.at(-1)!, detail: importedAt }],
  };
}

async function fillLaterTables(store: SqliteStore): Promise<void> {
  await store.sources.upsert(buildSource({ owner: 'Peresvet Holding (Arkady Zhuravin)' }));
  const documents = [
    buildDocument({ key: 'https://fringe-daily.test/1', text: 'Один и тот же текст.' }),
    buildDocument({ key: 'https://fringe-daily.test/2', text: 'Один и тот же текст!' }),
  ];
  for (const [i, document] of documents.entries()) {
    const capture = await store.captures.put(new TextEncoder().encode(document.text), {
      mediaType: 'text/plain',
      charset: 'utf-8',
      capturedAt: document.ingestedAt,
      origin: document.key,
    });
    await store.documents.upsert({ ...document, captureSha256: capture.sha256 }, sha256Hex(document.text));
    await store.duplicates.putSignatures([
      {
        documentId: document.id,
        scheme: 's1',
        contentSha256: sha256Hex(document.text),
        data: Uint8Array.from([i, 0, 255, 7]),
      },
    ]);
  }
  await store.duplicates.setGroups(documents.map((d) => ({ documentId: d.id, groupId: documents[0]!.id })));
  await store.duplicates.recordForward({
    documentId: documents[1]!.id,
    fromChannel: '@wire',
    fromMessageId: '9',
  });
  const entity = (id: string, name: string): Entity => ({
    id,
    type: 'PERSON',
    names: { ru: name },
    aliases: [],
    metonyms: [],
    description: null,
    externalIds: {},
    origin: 'kb',
  });
  await store.entities.upsert([entity('Q1', 'Первый'), entity('Q2', 'Второй')]);
  await store.entities.addDecision({ kind: 'accept', entity: entity('Q3', 'Третий') }, 'from discovery');
  await store.entities.addDecision({ kind: 'merge', from: 'Q3', into: 'Q1' });
  await store.entities.replaceRedirects(new Map([['Q3', 'Q1']]));
  for (const [at, body] of [
    ['2024-11-26T09:00:00.000Z', 'first'],
    ['2024-11-26T10:00:00.000Z', 'second'],
  ] as const) {
    const bytes = new TextEncoder().encode(body);
    await archiveResponse(
      {
        requestUrl: 'https://fringe-daily.test/rss',
        finalUrl: 'https://fringe-daily.test/rss',
        redirects: [],
        status: 200,
        statusText: 'OK',
        headers: { 'content-type': 'application/rss+xml', etag: `"${body}"` },
        requestHeaders: { 'user-agent': 'EchotraceBot/0.1' },
        fetchedAt: at,
        bytes,
        sha256: sha256Hex(bytes),
      },
      { archive: store.archive, captures: store.captures },
    );
  }
  await store.sourceSettings.upsert({
    sourceId: 'fringe-daily',
    feeds: ['https://fringe-daily.test/rss'],
    sitemaps: [],
    pollIntervalMinutes: 20,
    enabled: false,
  });
  await store.sourceSettings.recordHealth({
    sourceId: 'fringe-daily',
    lastPollAt: '2024-11-26T10:00:00.000Z',
    lastSuccessAt: '2024-11-26T09:00:00.000Z',
    lastError: 'HTTP 503',
    consecutiveFailures: 1,
    lastNewItems: 0,
    nextPollAt: '2024-11-26T10:20:00.000Z',
  });
  // Two imports of one list (an update, a removal, names rewritten) and one of another list.
  await store.sanctions.importList(sanctionsImport('2024-01-01T00:00:00Z', ['1', '2', '3']));
  await store.sanctions.importList(sanctionsImport('2024-02-01T00:00:00Z', ['1', '2'], { '2': ['P9'] }));
  await store.sanctions.importList({ ...sanctionsImport('2024-02-01T00:00:00Z', ['1']), list: 'eu' });
}

async function assertSameLaterContent(from: SqliteStore, to: PostgresStore): Promise<void> {
  assert.deepEqual(await to.sources.list(), await from.sources.list());
  assert.equal((await to.sources.get('fringe-daily'))?.owner, 'Peresvet Holding (Arkady Zhuravin)');
  const signatures = await from.duplicates.signatures({ limit: 10 });
  assert.equal(signatures.length, 2);
  assert.deepEqual(await to.duplicates.signatures({ limit: 10 }), signatures);
  for (const { documentId } of signatures) {
    assert.deepEqual(await to.duplicates.copiesOf(documentId), await from.duplicates.copiesOf(documentId));
    assert.deepEqual(
      await to.duplicates.forwardsOf(documentId),
      await from.duplicates.forwardsOf(documentId),
    );
  }
  assert.equal((await to.duplicates.forwardsFrom('@wire')).length, 1);
  assert.deepEqual(await to.entities.list(), await from.entities.list());
  assert.deepEqual(await to.entities.decisions(), await from.entities.decisions());
  const redirects = async (sql: (q: string) => Promise<unknown[]>) =>
    sql('SELECT from_id, to_id FROM entity_redirects ORDER BY from_id');
  assert.deepEqual(
    await redirects((q) => to.sql.rows(q)),
    await redirects(async (q) => from.db.prepare(q).all()),
  );
  assert.deepEqual(await to.archive.list({}), await from.archive.list({}));
  assert.equal((await to.archive.list({})).length, 2);
  assert.deepEqual(
    await to.archive.latestFor('https://fringe-daily.test/rss'),
    await from.archive.latestFor('https://fringe-daily.test/rss'),
  );
  assert.deepEqual(await to.sourceSettings.list(), await from.sourceSettings.list());
  assert.deepEqual(await to.sourceSettings.listHealth(), await from.sourceSettings.listHealth());
  assert.deepEqual(await to.sanctions.lists(), await from.sanctions.lists());
  assert.deepEqual(await to.sanctions.entries(), await from.sanctions.entries());
  assert.deepEqual(await to.sanctions.imports(), await from.sanctions.imports());
  assert.deepEqual(
    await to.sanctions.entryHistory('ofac', '3'),
    await from.sanctions.entryHistory('ofac', '3'),
  );
  assert.deepEqual(
    await to.sanctions.relationsOf('ofac', '1'),
    await from.sanctions.relationsOf('ofac', '1'),
  );
  for (const table of ['sanctions_names', 'sanctions_relations']) {
    const [target] = await to.sql.rows<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    const source = from.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
    assert.equal(target!.n, source.n, table);
  }
}
