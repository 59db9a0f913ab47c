// Careless and hostile input to search and sources (issue 16, finding 6), run as the CLI runs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';
import { highlight } from '../src/commands/search.command.ts';
import { visibleControls } from '../src/terminal.text.ts';
import { runCli, tempDir } from './cli.harness.ts';

describe('search: query errors and dash words', () => {
  let db: string;
  before(async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.txt'), 'Пхеньян и санкции. Сеул молчит.\n');
    writeFileSync(path.join(dir, 'b.txt'), 'Пхеньян снова.\n');
    db = path.join(dir, 's.db');
    assert.equal((await runCli(['ingest', dir, '--db', db])).code, 0);
  });
  const total = async (...args: string[]): Promise<number> => {
    const result = await runCli(['search', '--json', '--db', db, ...args]);
    assert.equal(result.code, 0, result.stderr);
    return (JSON.parse(result.stdout) as { total: number }).total;
  };

  it('reads a leading -word as a negated query word, and -- ends the options', async () => {
    assert.equal(await total('Пхеньян'), 2);
    assert.equal(await total('-Сеул', 'Пхеньян'), 1);
    assert.equal(await total('--', '-Сеул', 'Пхеньян'), 1);
    assert.equal(await total('--limit', '5', '-Сеул', 'Пхеньян'), 1);
  });

  it('exits 2 naming the problem for blank, punctuation-only and emoji-only queries alike', async () => {
    for (const [query, pattern] of [
      ['', /query is empty/],
      ['   ', /query is empty/],
      ['!!!', /no words to search for/],
      ['😀', /no words to search for/],
    ] as const) {
      const result = await runCli(['search', query, '--db', db]);
      assert.equal(result.code, 2, query);
      assert.match(result.stderr, pattern);
    }
  });

  it('exits 2 for syntax errors, unknown filters and an unknown source', async () => {
    for (const [query, pattern] of [
      ['Пхеньян AND', /AND needs a condition after it/],
      ['"unclosed', /unclosed quotation mark/],
      ['title:Пхеньян', /unknown filter title:/],
      ['foo:bar', /unknown filter foo:/],
      ['source:no-such-outlet Пхеньян', /unknown source "no-such-outlet" in source:no-such-outlet/],
      [`${'('.repeat(3000)}a`, /nested deeper than 32 levels/],
    ] as const) {
      const result = await runCli(['search', query, '--db', db]);
      assert.equal(result.code, 2, `${query.slice(0, 20)}: ${result.stderr}`);
      assert.match(result.stderr, pattern);
      assert.doesNotMatch(result.stderr, /RangeError|at .*\.ts:/);
    }
    assert.equal(await total('source:local-files', 'Пхеньян'), 2);
  });

  it(
    'searches a database file it may not write, in a sealed folder through a private copy',
    { skip: process.platform === 'win32' },
    () => {
      const dir = tempDir();
      const copy = path.join(dir, 'ro.db');
      writeFileSync(copy, Buffer.alloc(0));
      // Build the store as this user, then read it as one who cannot write the file.
      const bin = fileURLToPath(new URL('../bin/echotrace.js', import.meta.url));
      writeFileSync(path.join(dir, 'c.txt'), 'Пхеньян читает.\n');
      const made = spawnSync(process.execPath, [bin, 'ingest', path.join(dir, 'c.txt'), '--db', copy]);
      assert.equal(made.status, 0, String(made.stderr));
      chmodSync(copy, 0o444);
      chmodSync(dir, 0o777); // SQLite keeps its WAL index beside the file
      const asReader =
        process.getuid?.() === 0
          ? // Root without the capabilities that override file modes: it obeys 0444 like any user,
            // yet still reads the checkout wherever CI put it (another uid might not reach it).
            ['setpriv', ['--bounding-set=-dac_override,-dac_read_search', process.execPath, bin]]
          : [process.execPath, [bin]];
      const run = (...args: string[]) =>
        spawnSync(asReader[0] as string, [...(asReader[1] as string[]), ...args, '--db', copy], {
          encoding: 'utf8',
        });
      const found = run('search', 'Пхеньян', '--json');
      assert.equal(found.status, 0, found.stderr);
      assert.equal((JSON.parse(found.stdout) as { total: number }).total, 1);
      writeFileSync(path.join(dir, 'd.txt'), 'Новый документ.\n');
      const write = run('ingest', path.join(dir, 'd.txt'));
      assert.notEqual(write.status, 0);
      assert.match(write.stderr, /readonly database/);
      const outer = tempDir();
      chmodSync(outer, 0o755);
      const sealed = path.join(outer, 'sealed');
      mkdirSync(sealed);
      const sealedDb = path.join(sealed, 'ro.db');
      const built = spawnSync(process.execPath, [bin, 'ingest', path.join(dir, 'c.txt'), '--db', sealedDb]);
      assert.equal(built.status, 0, String(built.stderr));
      chmodSync(sealedDb, 0o444);
      chmodSync(sealed, 0o555);
      // A read-only folder too: SQLite cannot create its WAL index there, so a private copy is read.
      const original = readFileSync(sealedDb);
      const sealedRun = (...args: string[]) =>
        spawnSync(asReader[0] as string, [...(asReader[1] as string[]), ...args, '--db', sealedDb], {
          encoding: 'utf8',
        });
      const sealedSearch = sealedRun('search', 'Пхеньян', '--json');
      assert.equal(sealedSearch.status, 0, sealedSearch.stderr);
      assert.equal((JSON.parse(sealedSearch.stdout) as { total: number }).total, 1);
      const copyDir = /reading a private copy \([\d.]+ MB in (\S+)\), removed on exit/.exec(
        sealedSearch.stderr,
      )?.[1];
      assert.ok(copyDir, sealedSearch.stderr);
      assert.equal(existsSync(copyDir), false, 'the private copy is removed when the command ends');
      assert.deepEqual(readFileSync(sealedDb), original, 'the original file is not touched');
      assert.equal(existsSync(`${sealedDb}-shm`), false);
      const sealedWrite = sealedRun('ingest', path.join(dir, 'd.txt'));
      assert.notEqual(sealedWrite.status, 0, 'writing commands still fail');
    },
  );
});

describe('terminal output of attacker-chosen text', () => {
  it('sources list and show print escape sequences and newlines in names visibly', async () => {
    const db = path.join(tempDir(), 'esc.db');
    const name = 'Evil\u001b]0;pwned\u0007\u001b[2J\nfake line\u009b31m\u202eexe.txt';
    assert.equal((await runCli(['sources', 'add', name, '--id', 'evil', '--db', db])).code, 0);
    for (const args of [
      ['sources', 'list'],
      ['sources', 'show', 'evil'],
    ]) {
      const result = await runCli([...args, '--db', db]);
      assert.equal(result.code, 0, result.stderr);
      // eslint-disable-next-line no-control-regex -- the control characters are what must not appear
      assert.doesNotMatch(result.stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
      assert.match(
        result.stdout,
        /Evil\\u\{1b\}\]0;pwned\\u\{7\}\\u\{1b\}\[2J\\u\{a\}fake line\\u\{9b\}31m\\u\{202e\}exe/,
      );
    }
    const json = await runCli(['sources', 'list', '--json', '--db', db]);
    assert.equal((JSON.parse(json.stdout) as Array<{ source: { name: string } }>)[0]!.source.name, name);
  });

  it('error messages keep their lines but show control characters visibly', () => {
    assert.equal(
      visibleControls('bad \u001b[2Jname\n\tsecond line\u0007'),
      'bad \\u{1b}[2Jname\n\tsecond line\\u{7}',
    );
  });

  it('an unknown option typed with escape sequences is echoed back visibly, every top-level message too', async () => {
    const db = path.join(tempDir(), 'opt.db');
    const typed = await runCli(['search', 'x', '--\u001b]0;pwned\u0007\u001b[2J', '--db', db]);
    assert.equal(typed.code, 2);
    // eslint-disable-next-line no-control-regex -- the control characters are what must not appear
    assert.doesNotMatch(typed.stderr, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    assert.match(typed.stderr, /\\u\{1b\}\]0;pwned\\u\{7\}\\u\{1b\}\[2J/);
    const command = await runCli(['\u001b[2Jsearch', '--db', db]);
    assert.equal(command.code, 2);
    // eslint-disable-next-line no-control-regex -- likewise
    assert.doesNotMatch(command.stderr, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('search snippets keep their own bold but show a document’s control characters visibly', () => {
    const out = highlight('a\u001b[31mred\u001b[0m b', [{ start: 0, end: 1 }], true);
    assert.equal(out, '\u001b[1ma\u001b[0m\\u{1b}[31mred\\u{1b}[0m b');
  });
});
