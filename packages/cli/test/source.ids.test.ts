import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openSqliteStore } from '@echotrace/storage';
import { runCli, tempDir } from './cli.harness.ts';

function channelExport(dir: string, channel: string): string {
  const file = path.join(dir, `${channel.length}_messages.json`);
  writeFileSync(
    file,
    JSON.stringify([
      {
        message_id: 9,
        sender_id: -1000 - channel.length,
        text: 'Пост о погоде в регионе.',
        date: '2024-11-26T09:00:00Z',
        channel,
      },
    ]),
  );
  return file;
}

async function sourceIds(db: string): Promise<Array<[string, string | null]>> {
  const list = JSON.parse((await runCli(['sources', 'list', '--db', db, '--json'])).stdout) as Array<{
    source: { id: string; homepage: string | null };
  }>;
  return list.map((e) => [e.source.id, e.source.homepage]);
}

describe('source ids', () => {
  it('are readable ASCII slugs, transliterated from the channel name', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'c.db');
    await runCli(['ingest', channelExport(dir, 'BBC News | Русская служба'), '--no-enrich', '--db', db]);
    await runCli(['ingest', channelExport(dir, 'РИА Новости'), '--no-enrich', '--db', db]);
    assert.deepEqual((await sourceIds(db)).map(([id]) => id).sort(), [
      'bbc-news-russkaya-sluzhba',
      'ria-novosti',
    ]);
    await runCli(['sources', 'add', 'Ольховск-Инфо', '--db', db]);
    assert.ok((await sourceIds(db)).some(([id]) => id === 'olkhovsk-info'));
  });

  it('stay as they were in a store made before (Cyrillic ids), for ingest and sources add alike', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'c.db');
    // What the previous release wrote for a channel it met in an export.
    const old = openSqliteStore(db);
    await old.sources.upsert({
      id: 'риа-новости',
      name: 'РИА Новости',
      kind: 'telegram',
      homepage: null,
      language: null,
      country: null,
      labels: [],
    });
    await old.close();
    const run = await runCli([
      'ingest',
      channelExport(dir, 'РИА Новости'),
      '--no-enrich',
      '--db',
      db,
      '--json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const added = await runCli([
      'sources',
      'add',
      'РИА Новости',
      '--kind',
      'telegram',
      '--homepage',
      'https://t.me/rian_ru',
      '--db',
      db,
    ]);
    assert.equal(added.code, 0, added.stderr);
    assert.deepEqual(await sourceIds(db), [['риа-новости', 'https://t.me/rian_ru']]);
    // With the channel's public name registered, a re-run gives the post its citable URL.
    const again = JSON.parse(
      (await runCli(['ingest', channelExport(dir, 'РИА Новости'), '--no-enrich', '--db', db, '--json']))
        .stdout,
    ) as { updated: number };
    assert.equal(again.updated, 1);
    const found = JSON.parse((await runCli(['search', 'погоде', '--db', db, '--json'])).stdout) as {
      hits: Array<{ sourceId: string; canonicalUrl: string }>;
    };
    assert.deepEqual(
      found.hits.map((h) => [h.sourceId, h.canonicalUrl]),
      [['риа-новости', 'https://t.me/rian_ru/9']],
    );
  });
});
