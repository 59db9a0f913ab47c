import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import {
  buildKnowledgeBase,
  entityAnnotations,
  parseKnowledgeBaseFile,
  resolveMentions,
  SEED_KB_PATH,
  type ResolvableMention,
} from '@echotrace/entities';
import { openSqliteStore } from '@echotrace/storage';
import { runCli, tempDir } from './cli.harness.ts';

const ARTICLE = `Пхеньян и Москва

Министр обороны Сергей Шойгу посетил Пхеньян. Шойгу передал послание Владимира Путина.

КНДР и Россия договорились о сотрудничестве, сообщил военный эксперт Виктор Баранец.`;

function json<T>(stdout: string): T {
  return JSON.parse(stdout) as T;
}

describe('echotrace analyze', () => {
  it('prints one document as JSON with resolved entities, and stores nothing', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'article.txt');
    writeFileSync(file, ARTICLE);
    const db = path.join(dir, 'db.sqlite');
    const result = await runCli(['analyze', file, '--json', '--db', db]);
    assert.equal(result.code, 0, result.stderr);
    const out = json<{
      text: string;
      language: string;
      title: string | null;
      publishedAt: string | null;
      paragraphs: Array<{ start: number; end: number }>;
      entities: Array<
        Record<string, unknown> & { text: string; start: number; end: number; entityId: string }
      >;
    }>(result.stdout);
    assert.equal(out.language, 'ru');
    assert.equal(out.title, 'Пхеньян и Москва');
    assert.equal(out.paragraphs.length, 2);
    assert.ok(out.entities.length > 0);
    for (const e of out.entities) {
      assert.equal(out.text.slice(e.start, e.end), e.text, 'offsets index into text');
      for (const key of ['type', 'entityId', 'name', 'confidence', 'reason']) assert.ok(key in e, key);
    }
    const ids = new Set(out.entities.map((e) => e.entityId));
    assert.ok(ids.has('sergei-shoigu'), `Shoigu resolved (${[...ids].join(', ')})`);
    assert.equal(existsSync(db), false, 'analyze does not create the database');
  });

  it('reads an HTML page from a URL, taking title, date and language from the page', async () => {
    const html =
      '<html lang="ru"><head><title>Визит</title><meta property="article:published_time" content="2023-09-14T10:00:00+03:00"></head>' +
      '<body><article><p>Министр обороны Сергей Шойгу посетил Пхеньян.</p><p>Шойгу встретился с лидером КНДР.</p></article></body></html>';
    const server = createServer((request, response) => {
      if (request.url !== '/visit') {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const dir = tempDir();
      // analyze fetches through the guarded fetcher: loopback is reachable only when allowed.
      const result = await runCli(
        ['analyze', `http://127.0.0.1:${port}/visit`, '--json', '--db', path.join(dir, 'db')],
        { ECHOTRACE_ALLOW_PRIVATE_NETWORK: '1', ECHOTRACE_FETCH_DELAY_MS: '0' },
      );
      assert.equal(result.code, 0, result.stderr);
      const out = json<{
        source: string;
        title: string;
        publishedAt: string;
        language: string;
        paragraphs: unknown[];
        entities: Array<{ entityId: string }>;
      }>(result.stdout);
      assert.deepEqual(
        [out.title, out.publishedAt, out.language],
        ['Визит', '2023-09-14T10:00:00+03:00', 'ru'],
      );
      assert.equal(out.paragraphs.length, 2);
      assert.ok(out.entities.some((e) => e.entityId === 'sergei-shoigu'));
      const missing = await runCli(
        ['analyze', `http://127.0.0.1:${port}/gone`, '--db', path.join(dir, 'db')],
        {
          ECHOTRACE_ALLOW_PRIVATE_NETWORK: '1',
          ECHOTRACE_FETCH_DELAY_MS: '0',
        },
      );
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /\/gone: HTTP 404/);
    } finally {
      server.close();
    }
  });

  it('uses --kb files and reports an unreadable input naming it', async () => {
    const dir = tempDir();
    const kb = path.join(dir, 'kb.yaml');
    writeFileSync(kb, '- { type: PERSON, id: viktor-baranets, names: { ru: Виктор Баранец } }\n');
    const file = path.join(dir, 'a.txt');
    writeFileSync(file, ARTICLE);
    const result = await runCli(['analyze', file, '--kb', kb, '--json', '--db', path.join(dir, 'db')]);
    assert.equal(result.code, 0, result.stderr);
    const entities = json<{ entities: Array<{ text: string; entityId: string }> }>(result.stdout).entities;
    const baranets = entities.find((e) => e.text === 'Виктор Баранец');
    if (baranets) assert.equal(baranets.entityId, 'viktor-baranets');
    const missing = await runCli(['analyze', path.join(dir, 'nope.txt'), '--db', path.join(dir, 'db')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /nope\.txt: cannot read/);
  });
});

describe('echotrace entities', () => {
  const dir = tempDir();
  const db = path.join(dir, 'db.sqlite');
  const cli = (...args: string[]) => runCli([...args, '--db', db]);
  let documentIds: string[] = [];

  before(async () => {
    // Two documents, annotated the way ingest should annotate them (mentions given directly).
    writeFileSync(path.join(dir, 'one.txt'), 'Пхеньян заявил о протесте. КНДР готова.');
    writeFileSync(path.join(dir, 'two.txt'), 'Молофеев был в Пхеньяне.');
    assert.equal((await cli('ingest', path.join(dir, 'one.txt'), path.join(dir, 'two.txt'))).code, 0);
    const store = openSqliteStore(db);
    const kb = buildKnowledgeBase(parseKnowledgeBaseFile(readFileSync(SEED_KB_PATH, 'utf8'), 'seed'));
    const documents = await store.documents.list({ limit: 10 });
    documentIds = documents.map((d) => d.id);
    for (const document of documents) {
      const mentions: ResolvableMention[] = [];
      for (const [surface, type] of [
        ['Пхеньяне', 'LOCATION'],
        ['Пхеньян ', 'LOCATION'],
        ['КНДР', 'LOCATION'],
        ['Молофеев', 'PERSON'],
      ] as const) {
        const at = document.text.indexOf(surface);
        const name = surface.trim();
        if (at !== -1) mentions.push({ text: name, type, start: at, end: at + name.length, confidence: 0.9 });
      }
      const resolved = resolveMentions(mentions, kb, { text: document.text, language: 'ru' });
      await store.annotations.replace(document.id, 'entities', entityAnnotations(document.id, resolved));
    }
    await store.close();
  });

  it('imports the seed, lists it, and reports a bad KB file naming the file and entry', async () => {
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, '- { type: PLANET, names: { en: Mars } }\n');
    const result = await cli('entities', 'import', '--seed', bad, '--json');
    assert.equal(result.code, 1);
    const summary = json<{ imported: number; failed: Array<{ file: string; reason: string }> }>(
      result.stdout,
    );
    assert.ok(summary.imported >= 40);
    assert.match(summary.failed[0]!.reason, /bad\.yaml: entity #1: type must be/);
    const list = json<Array<{ id: string; type: string }>>(
      (await cli('entities', 'list', '--type', 'MEDIA', '--json')).stdout,
    );
    assert.ok(list.some((e) => e.id === 'tass'));
    assert.ok(list.every((e) => e.type === 'MEDIA'));
  });

  it('shows an entity with its mentions over time and per source', async () => {
    const result = await cli('entities', 'show', 'Q423', '--json');
    assert.equal(result.code, 0, result.stderr);
    const shown = json<{
      entity: { names: Record<string, string> };
      overTime: Array<{ period: string; mentions: number; documents: number }>;
      bySource: Array<{ sourceId: string; mentions: number }>;
      mentions: Array<{ surface: string; reason: string }>;
    }>(result.stdout);
    assert.equal(shown.entity.names.ru, 'КНДР');
    // "Пхеньян заявил" is the government; "в Пхеньяне" (the other document) is the city.
    assert.deepEqual(shown.overTime, [{ period: 'unknown', mentions: 2, documents: 1 }]);
    assert.equal(shown.bySource[0]!.mentions, 2);
    assert.deepEqual(shown.mentions.map((m) => m.surface).sort(), ['КНДР', 'Пхеньян']);
    const city = json<{ mentions: Array<{ surface: string }> }>(
      (await cli('entities', 'show', 'Q18808', '--json')).stdout,
    );
    assert.deepEqual(
      city.mentions.map((m) => m.surface),
      ['Пхеньяне'],
    );
    assert.equal(json<{ total: number }>((await cli('search', 'entity:Q423', '--json')).stdout).total, 1);
    const text = await cli('entities', 'show', 'Q423');
    assert.match(text.stdout, /2 mentions/);
    assert.match(text.stdout, /Per source:/);
    assert.equal((await cli('entities', 'show', 'Q999999999')).code, 1);
  });

  it('links a misspelling by fuzzy match, and merge/split decisions are applied and survive re-import', async () => {
    // Молофеев is one typo from Малофеев: linked, not a candidate.
    const malofeev = json<{ mentions: Array<{ reason: string }> }>(
      (await cli('entities', 'show', 'konstantin-malofeev', '--json')).stdout,
    );
    assert.deepEqual(
      malofeev.mentions.map((m) => m.reason),
      ['fuzzy'],
    );

    assert.equal((await cli('entities', 'merge', 'Q18808', 'Q423', '--note', 'test')).code, 0);
    assert.equal(
      (await cli('entities', 'merge', 'Q18808', 'nothing-here')).code,
      1,
      'unknown target refused',
    );
    assert.equal((await cli('entities', 'split', 'Q423', 'DPRK', '--to', 'location:dprk-test')).code, 0);
    assert.equal((await cli('entities', 'split', 'Q423', 'not-a-name')).code, 1);
    assert.equal((await cli('entities', 'import', '--seed')).code, 0, 're-import');
    const list = json<Array<{ id: string; aliases: string[] }>>(
      (await cli('entities', 'list', '--json')).stdout,
    );
    assert.equal(
      list.some((e) => e.id === 'Q18808'),
      false,
      'merged entity stays merged after re-import',
    );
    const dprk = list.find((e) => e.id === 'Q423')!;
    assert.equal(dprk.aliases.includes('DPRK'), false, 'split alias stays split after re-import');
    assert.ok(list.some((e) => e.id === 'location:dprk-test'));
    const shown = json<{ ids: string[] }>((await cli('entities', 'show', 'Q423', '--json')).stdout);
    assert.deepEqual(shown.ids, ['Q423', 'Q18808']);
  });

  it("search's entity: filter finds documents through merged-away ids", async () => {
    const found = json<{ total: number }>((await cli('search', 'entity:Q423', '--json')).stdout);
    assert.equal(found.total, 2);
  });

  it('relinks stored documents with the recognizer and the current KB', async () => {
    const relinkDir = tempDir();
    const relinkDb = path.join(relinkDir, 'db.sqlite');
    writeFileSync(
      path.join(relinkDir, 'a.txt'),
      'Министр обороны Сергей Шойгу посетил Пхеньян.\n\nШойгу встретился с лидером КНДР.',
    );
    assert.equal((await runCli(['ingest', path.join(relinkDir, 'a.txt'), '--db', relinkDb])).code, 0);
    const result = await runCli(['entities', 'relink', '--json', '--db', relinkDb]);
    assert.equal(result.code, 0, result.stderr);
    const summary = json<{ documents: number; mentions: number }>(result.stdout);
    assert.equal(summary.documents, 1);
    assert.ok(summary.mentions >= 2);
    const shoigu = json<{ mentions: Array<{ surface: string }> }>(
      (await runCli(['entities', 'show', 'sergei-shoigu', '--json', '--db', relinkDb])).stdout,
    );
    assert.ok(shoigu.mentions.length >= 1, 'Shoigu linked in the stored document');
    const again = json<{ mentions: number }>(
      (await runCli(['entities', 'relink', '--json', '--db', relinkDb])).stdout,
    );
    assert.equal(again.mentions, summary.mentions, 'relinking replaces, never adds');
  });

  it('accepts a discovered candidate and exports a KB that imports back', async () => {
    const store = openSqliteStore(db);
    await store.annotations.replace(documentIds[0]!, 'extra', [
      {
        id: 'extra-1',
        documentId: documentIds[0]!,
        kind: 'entity',
        label: 'PERSON',
        start: 0,
        end: 7,
        confidence: 0.5,
        producer: 'extra',
        producerVersion: '1',
        attributes: {
          entityId: 'person:viktor-baranec',
          name: 'Виктор Баранец',
          reason: 'new-candidate',
          surface: 'Баранец',
        },
      },
    ]);
    await store.close();
    const candidates = json<Array<{ entityId: string }>>(
      (await cli('entities', 'list', '--candidates', '--json')).stdout,
    );
    assert.deepEqual(
      candidates.map((c) => c.entityId),
      ['person:viktor-baranec'],
    );
    assert.equal((await cli('entities', 'accept', 'person:viktor-baranec', '--lang', 'ru')).code, 0);
    assert.deepEqual(json<unknown[]>((await cli('entities', 'list', '--candidates', '--json')).stdout), []);

    const exported = path.join(dir, 'export.yaml');
    assert.equal((await cli('entities', 'export', '--out', exported)).code, 0);
    const entities = parseKnowledgeBaseFile(readFileSync(exported, 'utf8'), exported);
    const accepted = entities.find((e) => e.id === 'person:viktor-baranec')!;
    assert.deepEqual(accepted.names, { ru: 'Виктор Баранец' });
    assert.deepEqual(accepted.aliases, ['Баранец']);
    const fresh = path.join(tempDir(), 'fresh.sqlite');
    const reimport = await runCli(['entities', 'import', exported, '--db', fresh, '--json']);
    assert.equal(reimport.code, 0, reimport.stderr);
    assert.equal(json<{ imported: number }>(reimport.stdout).imported, entities.length);
  });
});
