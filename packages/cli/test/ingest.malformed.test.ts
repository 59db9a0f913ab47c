// Hostile or broken inputs next to good ones: each bad file or message is reported by name (and
// message index), the good ones are stored, the run ends with its summary and exit code 1.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli, tempDir } from './cli.harness.ts';

interface Summary {
  added: number;
  failed: Array<{ origin: string; reason: string }>;
}

let channelId = 700;
const desktopExport = (name: unknown, messages: unknown[]) =>
  JSON.stringify({ name, type: 'public_channel', id: channelId++, messages });

const message = (id: number, text: unknown) => ({
  id,
  type: 'message',
  date: '2024-03-01T10:00:00',
  date_unixtime: String(1709280000 + id),
  text,
});

async function ingestJson(dir: string): Promise<{ code: number; summary: Summary; stderr: string }> {
  const result = await runCli(['ingest', dir, '--no-enrich', '--json', '--db', path.join(dir, '..', 'x.db')]);
  return { code: result.code, summary: JSON.parse(result.stdout) as Summary, stderr: result.stderr };
}

describe('ingest of malformed exports', () => {
  it('a folder of six good exports and three broken ones stores the six and names the broken', async () => {
    const root = tempDir('echotrace-malformed-');
    const dir = path.join(root, 'in');
    mkdirSync(dir);
    for (let f = 0; f < 6; f++)
      writeFileSync(
        path.join(dir, `good-${f}.json`),
        desktopExport(`Channel ${f}`, [message(1, `Post one of channel ${f}`), message(2, `Post two ${f}`)]),
      );
    writeFileSync(path.join(dir, 'x-name-number.json'), desktopExport(12345, [message(1, 'Text')]));
    writeFileSync(
      path.join(dir, 'y-null-message.json'),
      desktopExport('Null channel', [message(1, 'Kept post'), null, message(3, 'Also kept')]),
    );
    writeFileSync(
      path.join(dir, 'z-text-object.json'),
      desktopExport('Object channel', [message(1, { bold: 'not a text part' }), message(2, 'Fine post')]),
    );
    const { code, summary } = await ingestJson(dir);
    assert.equal(code, 1);
    // 6 files x 2 posts, plus the good posts of the files with one bad message.
    assert.equal(summary.added, 12 + 2 + 1);
    const failed = new Map(summary.failed.map((f) => [path.basename(f.origin), f.reason]));
    assert.match(
      failed.get('x-name-number.json') ?? '',
      /Telegram Desktop export: name: expected string, got a number/,
    );
    assert.match(
      failed.get('y-null-message.json[1]') ?? '',
      /message 1 is not a Telegram message: expected object, got null/,
    );
    assert.match(
      failed.get('z-text-object.json[0]') ?? '',
      /message 0 .*text: unexpected value, got an object/,
    );
    assert.equal(summary.failed.length, 3);
  });

  it('a flat message list with a bad item keeps the others', async () => {
    const root = tempDir('echotrace-malformed-');
    const dir = path.join(root, 'in');
    mkdirSync(dir);
    const item = (id: number, extra: object = {}) => ({
      message_id: id,
      channel: 'Flat channel',
      date: '2024-03-01 10:00:00',
      text: `Flat post ${id}`,
      ...extra,
    });
    writeFileSync(
      path.join(dir, 'flat.json'),
      JSON.stringify([item(1), null, item(3, { channel: 42 }), item(4, { text: ['x'] }), item(5)]),
    );
    const { code, summary } = await ingestJson(dir);
    assert.equal(code, 1);
    assert.equal(summary.added, 2);
    assert.deepEqual(
      summary.failed.map((f) => path.basename(f.origin)),
      ['flat.json[1]', 'flat.json[2]', 'flat.json[3]'],
    );
    assert.match(summary.failed[1]!.reason, /channel: expected string, got a number/);
  });

  it('random bytes named .txt are refused, an empty NDJSON says 0 records, an unreadable folder is reported', async () => {
    const root = tempDir('echotrace-malformed-');
    const dir = path.join(root, 'in');
    mkdirSync(path.join(dir, 'locked'), { recursive: true });
    writeFileSync(path.join(dir, 'locked', 'inside.txt'), 'Hidden text\n');
    writeFileSync(path.join(dir, 'noise.txt'), randomBytes(4096));
    writeFileSync(path.join(dir, 'empty.ndjson'), '');
    writeFileSync(path.join(dir, 'blank.ndjson'), '\n\n');
    writeFileSync(path.join(dir, 'note.txt'), 'A plain note about the embassy.\n');
    // A folder whose path is over PATH_MAX cannot be listed, even by root (who reads a 000 folder).
    const deep = deepFolder(path.join(dir, 'deep'));
    const asRoot = process.getuid?.() === 0;
    chmodSync(path.join(dir, 'locked'), 0o000);
    try {
      const { code, summary } = await ingestJson(dir);
      assert.equal(code, 1);
      assert.equal(summary.added, asRoot ? 2 : 1);
      const failed = new Map(summary.failed.map((f) => [path.basename(f.origin), f.reason]));
      assert.match(failed.get('noise.txt') ?? '', /binary content/);
      assert.equal(failed.get('empty.ndjson'), '0 records: the file is empty');
      assert.equal(failed.get('blank.ndjson'), '0 records: 2 blank lines');
      assert.match(failed.get(deep) ?? '', /cannot read folder: .*ENAMETOOLONG/);
      if (!asRoot) assert.match(failed.get('locked') ?? '', /cannot read folder: .*EACCES/);
    } finally {
      chmodSync(path.join(dir, 'locked'), 0o755);
    }
  });
});

/** Nests folders (created relative to each other) until the absolute path is over 4,096 bytes. */
function deepFolder(top: string): string {
  const cwd = process.cwd();
  const name = 'd'.repeat(200);
  mkdirSync(top);
  let length = top.length;
  try {
    process.chdir(top);
    while (length < 4200) {
      mkdirSync(name);
      process.chdir(name);
      length += name.length + 1;
    }
  } finally {
    process.chdir(cwd);
  }
  return basename(name);
}
