// Changes made on the command line reach the audit log as the server's do: who (cli:<os user>),
// what, to which thing, with the options given; reading commands and failed changes record nothing.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli, tempDir } from './cli.harness.ts';

interface Event {
  actor: string;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}

describe('audit of command-line changes', () => {
  it('records each successful change with its actor, target and options', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'audit.db');
    const article = path.join(dir, 'article.txt');
    writeFileSync(article, 'Министр обороны Сергей Шойгу передал послание Владимира Путина.\n');
    const ok = async (...args: string[]) => {
      const result = await runCli([...args, '--db', db]);
      assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
    };
    await ok('sources', 'add', 'Outlet One', '--id', 'outlet-one', '--homepage', 'https://one.example/');
    await ok('dispatch', 'new', 'Belousov in Pyongyang', '--date', '2024-11-29', '--json');
    await ok('sources', 'list');
    await ok('ingest', article);
    await ok('entities', 'merge', 'Q18808', 'Q423', '--note', 'test merge');
    await ok('audit', '--json');
    // A refused change is not a change.
    assert.notEqual((await runCli(['sources', 'remove', 'no-such-source', '--db', db])).code, 0);
    await ok('sources', 'remove', 'outlet-one');

    const listed = await runCli(['audit', '--json', '--db', db]);
    const events = (JSON.parse(listed.stdout) as Event[]).reverse();
    const actor = `cli:${userInfo().username}`;
    assert.deepEqual(
      events.map((e) => [e.actor, e.action, e.target]),
      [
        [actor, 'sources.add', 'Outlet One'],
        [actor, 'dispatch.create', 'Belousov in Pyongyang'],
        [actor, 'entities.merge', 'Q18808'],
        [actor, 'sources.remove', 'outlet-one'],
      ],
    );
    assert.deepEqual(events[2]!.details, { arguments: ['Q423'], note: 'test merge' });
    assert.deepEqual(events[0]!.details, { id: 'outlet-one', homepage: 'https://one.example/' });
    const filtered = await runCli(['audit', '--json', '--action', 'entities.merge', '--db', db]);
    assert.equal((JSON.parse(filtered.stdout) as Event[]).length, 1);
  });
});
