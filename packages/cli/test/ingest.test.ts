import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openSqliteStore } from '@echotrace/storage';
import { runCli, tempDir } from './cli.harness.ts';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/echotrace.js');

// Encodes Russian text in an 8-bit code page by inverting Node's decoder (TextEncoder is UTF-8 only).
function encode8bit(text: string, charset: 'windows-1251' | 'koi8-r'): Buffer {
  const decoder = new TextDecoder(charset);
  const table = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) table.set(decoder.decode(new Uint8Array([byte])), byte);
  return Buffer.from([...text].map((ch) => table.get(ch) ?? 0x3f));
}

/** Polls the database from outside until the child has committed its first batch (or exited). */
async function waitForFirstCommit(db: string, child: ChildProcess): Promise<void> {
  for (let committed = 0; committed === 0 && child.exitCode === null;) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (!existsSync(db)) continue;
    try {
      const reader = openSqliteStore(db, { readonly: true });
      committed = await reader.documents.count();
      await reader.close();
    } catch {
      // The schema may not exist yet while the writer is migrating.
    }
  }
}

function fixtureFolder(): string {
  const dir = tempDir('echotrace-fixtures-');
  writeFileSync(path.join(dir, 'note.md'), '# Заметка аналитика\n\nПхеньяна позиция обсуждается в Москве.\n');
  writeFileSync(
    path.join(dir, 'plain.txt'),
    'Sanctions on the outlet owner were announced.\n\nA second paragraph.',
  );
  writeFileSync(
    path.join(dir, 'page-1251.html'),
    encode8bit(
      '<html lang="ru"><head><meta charset="windows-1251"><title>Союз с Пхеньяном</title>' +
        '<meta property="article:published_time" content="2023-09-28T10:00:00+03:00"></head>' +
        '<body><nav><p>Главная Новости</p></nav><article><p>Военный эксперт заявил о поставках.</p><script>alert(1)</script>' +
        '<p>Москва и Пхеньян сближаются.</p></article><footer><p>Все права защищены</p></footer></body></html>',
      'windows-1251',
    ),
  );
  writeFileSync(
    path.join(dir, 'koi8.txt'),
    encode8bit('Заявление министра\n\nСанкции против КНДР должны быть отменены, считает автор.', 'koi8-r'),
  );
  writeFileSync(
    path.join(dir, 'channel_messages.json'),
    JSON.stringify([
      {
        message_id: 1,
        sender_id: -100,
        text: 'Первый пост о санкциях',
        date: '2024-11-26T09:00:00+00:00',
        channel: 'Тестовый канал',
        category: 'other',
      },
      {
        message_id: 2,
        sender_id: -100,
        text: 'Второй пост',
        date: 'not a date',
        channel: 'Тестовый канал',
        category: 'other',
      },
    ]),
  );
  mkdirSync(path.join(dir, 'export'));
  writeFileSync(
    path.join(dir, 'export', 'result.json'),
    JSON.stringify({
      name: 'Fringe Channel',
      type: 'public_channel',
      id: 777,
      messages: [
        { id: 10, type: 'service', date: '2024-03-01T10:00:00', action: 'create_channel' },
        {
          id: 11,
          type: 'message',
          date: '2024-03-01T10:05:00',
          date_unixtime: '1709287500',
          text: ['Plain part, ', { type: 'bold', text: 'bold part' }],
        },
        {
          id: 12,
          type: 'message',
          date: '2024-03-02T11:00:00',
          date_unixtime: '1709377200',
          text: 'Forwarded text',
          forwarded_from: 'Origin Channel',
        },
      ],
    }),
  );
  writeFileSync(
    path.join(dir, 'records.ndjson'),
    [
      JSON.stringify({
        url: 'https://outlet.test/a',
        title: 'Alliance',
        text: 'Moscow and Pyongyang sign an accord.',
        published: '2024-01-10T08:00:00-05:00',
        source: 'Outlet Test',
        language: 'en',
      }),
      '{"url": "https://outlet.test/broken", "text": ',
      JSON.stringify({
        url: 'https://outlet.test/empty',
        title: 'Empty',
        text: '   ',
        source: 'Outlet Test',
      }),
      '',
      JSON.stringify({
        url: 'https://outlet.test/b',
        title: 'Союз',
        text: 'Союз Москвы и Пекина.',
        published: '2024-02-01',
        source: 'Outlet Test',
      }),
    ].join('\n'),
  );
  writeFileSync(path.join(dir, 'broken.json'), '{"messages": [');
  writeFileSync(path.join(dir, 'unknown.json'), '{"hello": "world"}');
  writeFileSync(path.join(dir, 'empty.txt'), '');
  return dir;
}

describe('echotrace ingest', () => {
  it('reads every format, reports each bad item by name, and keeps the rest', async () => {
    const dir = fixtureFolder();
    const db = path.join(dir, 'corpus.db');
    const result = await runCli(['ingest', dir, '--db', db, '--json']);
    assert.equal(result.code, 1, 'exit code says something failed');
    const summary = JSON.parse(result.stdout) as {
      added: number;
      unchanged: number;
      failed: Array<{ origin: string; reason: string }>;
    };
    // note.md, plain.txt, page-1251.html, koi8.txt, 1 flat message, 2 desktop messages, 2 NDJSON records
    assert.equal(summary.added, 9);
    const reasons = summary.failed.map((f) => `${path.basename(f.origin)}: ${f.reason}`).sort();
    assert.equal(reasons.length, 6);
    assert.match(reasons[0]!, /^broken\.json: invalid JSON/);
    assert.match(
      reasons[1]!,
      /^channel_messages\.json\[1\]: published time: "not a date" is not a recognized date/,
    );
    assert.match(reasons[2]!, /^empty\.txt: empty file/);
    assert.match(reasons[3]!, /^records\.ndjson:2: invalid JSON/);
    assert.match(reasons[4]!, /^records\.ndjson:3: empty text/);
    assert.match(reasons[5]!, /^unknown\.json: unrecognized JSON shape/);

    const stats = JSON.parse((await runCli(['stats', '--db', db, '--json'])).stdout) as {
      documents: number;
      sources: Array<{ sourceId: string; documents: number }>;
    };
    assert.equal(stats.documents, 9);
    assert.deepEqual(
      stats.sources.map((s) => [s.sourceId, s.documents]),
      [
        ['local-files', 4],
        ['fringe-channel', 2],
        ['outlet-test', 2],
        ['testovyy-kanal', 1],
      ],
    );
  });

  it('decodes windows-1251 and KOI8-R, drops scripts and navigation, keeps the stated time zone', async () => {
    const dir = fixtureFolder();
    const db = path.join(dir, 'corpus.db');
    await runCli(['ingest', dir, '--db', db]);
    const html = JSON.parse(
      (await runCli(['search', 'Пхеньян', 'lang:ru', '--db', db, '--json'])).stdout,
    ) as { hits: Array<{ documentId: string; title: string }> };
    const page = html.hits.find((h) => h.title === 'Союз с Пхеньяном');
    assert.ok(page, 'the windows-1251 page is found by its decoded title');
    const shown = JSON.parse((await runCli(['show', page.documentId, '--db', db, '--json'])).stdout) as {
      document: {
        text: string;
        publishedAt: string;
        language: string;
        paragraphs: Array<{ start: number; end: number }>;
      };
      capture: { charset: string; mediaType: string };
    };
    assert.equal(shown.document.text, 'Военный эксперт заявил о поставках.\n\nМосква и Пхеньян сближаются.');
    assert.equal(shown.document.publishedAt, '2023-09-28T10:00:00+03:00');
    assert.equal(shown.document.language, 'ru');
    assert.equal(shown.capture.charset, 'windows-1251');
    assert.equal(shown.document.paragraphs.length, 2);
    const koi = JSON.parse((await runCli(['search', 'КНДР', '--db', db, '--json'])).stdout) as {
      hits: Array<{ title: string; snippet: string }>;
    };
    assert.equal(koi.hits[0]?.title, 'Заявление министра');
  });

  it('records Telegram forwards and groups syndicated copies after the run', async () => {
    const dir = fixtureFolder();
    const story =
      'The ministry said on Tuesday that the quota for seasonal workers from the partner country would triple next year, ' +
      'citing shortages on construction sites in the Far East and a pilot programme that regional officials called a success.';
    writeFileSync(
      path.join(dir, 'wire.ndjson'),
      [
        JSON.stringify({
          url: 'https://wire.test/1',
          title: 'Quota to triple',
          text: story,
          published: '2024-03-14T12:00:00+10:00',
          source: 'Wire',
        }),
        JSON.stringify({
          url: 'https://regional.test/9',
          title: 'Worker quota rises',
          text: `${story} Subscribe to our channel.`,
          published: '2024-03-15T08:00:00+05:00',
          source: 'Regional',
        }),
      ].join('\n'),
    );
    const db = path.join(dir, 'corpus.db');
    const summary = JSON.parse((await runCli(['ingest', dir, '--db', db, '--json'])).stdout) as {
      forwards: number;
      copies: { groups: number };
    };
    assert.equal(summary.forwards, 1);
    assert.equal(summary.copies.groups, 1);
    const found = JSON.parse((await runCli(['search', 'quota', '--db', db, '--json'])).stdout) as {
      hits: Array<{ documentId: string; sourceId: string }>;
    };
    const regional = found.hits.find((h) => h.sourceId === 'regional')!;
    const shown = JSON.parse((await runCli(['show', regional.documentId, '--db', db, '--json'])).stdout) as {
      copies: Array<{ sourceId: string; original: boolean }>;
    };
    assert.deepEqual(
      shown.copies.map((c) => [c.sourceId, c.original]),
      [
        ['wire', true],
        ['regional', false],
      ],
    );
    const forwarded = JSON.parse(
      (await runCli(['search', '"forwarded text"', '--db', db, '--json'])).stdout,
    ) as { hits: Array<{ documentId: string }> };
    const post = JSON.parse(
      (await runCli(['show', forwarded.hits[0]!.documentId, '--db', db, '--json'])).stdout,
    ) as { forwards: Array<{ fromChannel: string }> };
    assert.deepEqual(
      post.forwards.map((f) => f.fromChannel),
      ['Origin Channel'],
    );
  });

  it('is idempotent: a second run adds nothing', async () => {
    const dir = fixtureFolder();
    const db = path.join(dir, 'corpus.db');
    await runCli(['ingest', dir, '--db', db]);
    const again = JSON.parse((await runCli(['ingest', dir, '--db', db, '--json'])).stdout) as {
      added: number;
      updated: number;
      unchanged: number;
    };
    assert.deepEqual([again.added, again.updated, again.unchanged], [0, 0, 9]);
  });

  it('keeps both captures when a document changes', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'corpus.db');
    const file = path.join(dir, 'story.ndjson');
    writeFileSync(
      file,
      JSON.stringify({ url: 'https://o.test/1', title: 'T', text: 'First wording.', source: 'O' }),
    );
    await runCli(['ingest', file, '--db', db]);
    writeFileSync(
      file,
      JSON.stringify({ url: 'https://o.test/1', title: 'T', text: 'Edited wording.', source: 'O' }),
    );
    const second = JSON.parse((await runCli(['ingest', file, '--db', db, '--json'])).stdout) as {
      updated: number;
    };
    assert.equal(second.updated, 1);
    const hit = JSON.parse((await runCli(['search', 'edited', '--db', db, '--json'])).stdout) as {
      hits: Array<{ documentId: string }>;
    };
    const shown = JSON.parse(
      (await runCli(['show', hit.hits[0]!.documentId, '--db', db, '--json'])).stdout,
    ) as { versions: Array<{ captureSha256: string }> };
    assert.equal(shown.versions.length, 2);
    assert.notEqual(shown.versions[0]!.captureSha256, shown.versions[1]!.captureSha256);
  });

  it('refuses a file over the size limit without reading it, and goes on with the batch', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'huge.html'), '');
    truncateSync(path.join(dir, 'huge.html'), 500 * 1024 * 1024); // sparse: 500 MB on paper, nothing on disk
    writeFileSync(path.join(dir, 'small.txt'), 'Small file.');
    const result = await runCli(['ingest', dir, '--db', path.join(dir, 'c.db'), '--json']);
    const summary = JSON.parse(result.stdout) as {
      added: number;
      failed: Array<{ origin: string; reason: string }>;
    };
    assert.equal(summary.added, 1);
    assert.equal(summary.failed.length, 1);
    assert.match(summary.failed[0]!.reason, /500\.0 MB, over the 256\.0 MB limit/);
  });

  it('reports a missing path and an unmatched glob', async () => {
    const dir = tempDir();
    const result = await runCli([
      'ingest',
      path.join(dir, 'nope.txt'),
      path.join(dir, '*.ndjson'),
      '--db',
      path.join(dir, 'c.db'),
      '--json',
    ]);
    const summary = JSON.parse(result.stdout) as { failed: Array<{ reason: string }> };
    assert.deepEqual(
      summary.failed.map((f) => f.reason),
      ['no such file or directory', 'pattern matched no files'],
    );
    assert.equal(result.code, 1);
  });

  it('loses nothing when killed mid-run, and the re-run finishes without duplicates', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'c.db');
    const total = 30_000;
    const lines: string[] = [];
    for (let i = 0; i < total; i++)
      lines.push(
        JSON.stringify({
          url: `https://o.test/${i}`,
          title: `Item ${i}`,
          text: `Report number ${i} about sanctions.`,
          source: 'O',
        }),
      );
    writeFileSync(path.join(dir, 'many.ndjson'), lines.join('\n'));
    const child = spawn(process.execPath, [BIN, 'ingest', path.join(dir, 'many.ndjson'), '--db', db], {
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // Kill as soon as the first batch is committed, watching the database from outside.
    for (let committed = 0; committed === 0 && child.exitCode === null;) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (!existsSync(db)) continue;
      try {
        const reader = openSqliteStore(db, { readonly: true });
        committed = await reader.documents.count();
        await reader.close();
      } catch {
        // The schema may not exist yet while the writer is migrating.
      }
    }
    child.kill('SIGKILL');
    await exited;
    const partial = JSON.parse((await runCli(['stats', '--db', db, '--json'])).stdout) as {
      documents: number;
    };
    assert.ok(partial.documents > 0, 'committed batches survived the kill');
    assert.ok(partial.documents < total, `the kill interrupted the run (had ${partial.documents})`);
    const rerun = JSON.parse(
      (await runCli(['ingest', path.join(dir, 'many.ndjson'), '--db', db, '--json'])).stdout,
    ) as { added: number; unchanged: number };
    assert.equal(rerun.added + rerun.unchanged, total);
    assert.equal(rerun.unchanged, partial.documents);
    const final = JSON.parse((await runCli(['stats', '--db', db, '--json'])).stdout) as { documents: number };
    assert.equal(final.documents, total);
  });
  it('stops cleanly on Ctrl-C after committing its current batch, and says how to finish', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'c.db');
    const total = 30_000;
    const lines: string[] = [];
    for (let i = 0; i < total; i++)
      lines.push(JSON.stringify({ url: `https://o.test/${i}`, text: `Report ${i}.`, source: 'O' }));
    writeFileSync(path.join(dir, 'many.ndjson'), lines.join('\n'));
    const child = spawn(process.execPath, [BIN, 'ingest', path.join(dir, 'many.ndjson'), '--db', db], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await waitForFirstCommit(db, child);
    child.kill('SIGINT');
    const code = await exited;
    assert.equal(code, 1);
    assert.match(stdout, /interrupted: committed work is kept; run the same command again to finish/);
    const partial = JSON.parse((await runCli(['stats', '--db', db, '--json'])).stdout) as {
      documents: number;
    };
    assert.ok(
      partial.documents > 0 && partial.documents < total,
      `stopped part-way (had ${partial.documents})`,
    );
    assert.equal(partial.documents % 500, 0, 'only whole batches were committed');
    const rerun = JSON.parse(
      (await runCli(['ingest', path.join(dir, 'many.ndjson'), '--db', db, '--json'])).stdout,
    ) as { added: number; unchanged: number };
    assert.deepEqual([rerun.added, rerun.unchanged], [total - partial.documents, partial.documents]);
  });
});

describe('echotrace CLI usage', () => {
  it('documents every command and exits 2 on bad usage', async () => {
    const help = await runCli(['--help']);
    assert.equal(help.code, 0);
    for (const name of ['ingest', 'search', 'show', 'stats'])
      assert.match(help.stdout, new RegExp(`\\n  ${name} `));
    const searchHelp = await runCli(['search', '--help']);
    assert.match(searchHelp.stdout, /--limit N/);
    assert.match(searchHelp.stdout, /--db PATH/);
    assert.equal((await runCli(['search'])).code, 2);
    assert.equal((await runCli(['search', 'x', '--nope'])).code, 2);
    assert.equal((await runCli(['frobnicate'])).code, 2);
  });

  it('names the problem in a bad query and exits 2, as bad usage', async () => {
    const dir = tempDir();
    const result = await runCli(['search', '"unclosed', '--db', path.join(dir, 'c.db')]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unclosed quotation mark at character 1/);
  });

  it('takes the database from ECHOTRACE_DB', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.txt'), 'Text.');
    await runCli(['ingest', path.join(dir, 'a.txt')], { ECHOTRACE_DB: path.join(dir, 'env.db') });
    const stats = JSON.parse(
      (await runCli(['stats', '--json'], { ECHOTRACE_DB: path.join(dir, 'env.db') })).stdout,
    ) as { documents: number };
    assert.equal(stats.documents, 1);
  });
});
