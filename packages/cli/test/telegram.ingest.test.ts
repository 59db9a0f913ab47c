import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli, tempDir } from './cli.harness.ts';

interface Shown {
  document: { text: string; title: string | null; canonicalUrl: string | null };
  annotations: Array<{
    kind: string;
    start: number;
    end: number;
    attributes: { url?: string; text?: string };
  }>;
}

function channelExport(dir: string): string {
  const file = path.join(dir, 'channel_messages.json');
  writeFileSync(
    file,
    JSON.stringify([
      {
        message_id: 501,
        sender_id: -1007,
        text:
          '**Совет директоров снизил ставку\n**\nРешение [вступит в силу](https://example.test/news/a_(1)) в марте. ' +
          '__Читать нас без VPN можно здесь: ____example.test/vpn__',
        date: '2024-11-26T09:00:00+00:00',
        channel: 'Вестник Теста',
      },
      {
        message_id: 502,
        sender_id: -1007,
        text: 'Пост без разметки, но с длинной первой строкой, которая тянется и тянется дальше, чем нужно для заголовка. Вторая фраза.',
        date: '2024-11-26T10:00:00+00:00',
        channel: 'Вестник Теста',
      },
    ]),
  );
  return file;
}

async function showFirst(db: string, query: string): Promise<Shown> {
  const found = JSON.parse((await runCli(['search', query, '--db', db, '--json'])).stdout) as {
    hits: Array<{ documentId: string; snippet: string }>;
  };
  assert.ok(found.hits[0], `a hit for ${query}`);
  assert.doesNotMatch(found.hits[0].snippet, /\*\*|__|\]\(/, 'snippets carry no markup');
  return JSON.parse((await runCli(['show', found.hits[0].documentId, '--db', db, '--json'])).stdout) as Shown;
}

describe('ingest of Telegram posts with markup', () => {
  it('stores clean text, links as annotations with exact spans, a title, and the t.me URL of a configured channel', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'c.db');
    const added = await runCli([
      'sources',
      'add',
      'Вестник Теста',
      '--homepage',
      'https://t.me/vestnik_testa',
      '--kind',
      'telegram',
      '--db',
      db,
    ]);
    assert.equal(added.code, 0, added.stderr);
    const run = await runCli(['ingest', channelExport(dir), '--no-enrich', '--db', db, '--json']);
    assert.equal(run.code, 0, run.stderr);

    const post = await showFirst(db, 'ставку');
    assert.equal(
      post.document.text,
      'Совет директоров снизил ставку\n\nРешение вступит в силу в марте. Читать нас без VPN можно здесь: example.test/vpn',
    );
    assert.equal(post.document.title, 'Совет директоров снизил ставку');
    assert.equal(post.document.canonicalUrl, 'https://t.me/vestnik_testa/501');
    const links = post.annotations.filter((a) => a.kind === 'link');
    assert.equal(links.length, 1);
    const link = links[0]!;
    assert.equal(post.document.text.slice(link.start, link.end), 'вступит в силу');
    assert.deepEqual(link.attributes, { url: 'https://example.test/news/a_(1)', text: 'вступит в силу' });

    const long = await showFirst(db, 'разметки');
    assert.equal(
      long.document.title,
      'Пост без разметки, но с длинной первой строкой, которая тянется и тянется дальше, чем нужно для заголовка.',
    );
    assert.equal(long.document.canonicalUrl, 'https://t.me/vestnik_testa/502');

    const again = JSON.parse(
      (await runCli(['ingest', channelExport(dir), '--no-enrich', '--db', db, '--json'])).stdout,
    ) as {
      unchanged: number;
    };
    assert.equal(again.unchanged, 2, 'a re-run with links and derived URLs changes nothing');
  });

  it('has no URL for a channel whose public name is unknown', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'c.db');
    await runCli(['ingest', channelExport(dir), '--no-enrich', '--db', db]);
    const post = await showFirst(db, 'ставку');
    assert.equal(post.document.canonicalUrl, null);
  });
});
