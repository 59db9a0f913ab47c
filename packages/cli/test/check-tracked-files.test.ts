// scripts/check-tracked-files.ts (run by `npm run lint`) against real git repositories in a temp
// dir: a real SQLite file tracked under a name no ignore pattern catches is found and named.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';

const SCRIPT = path.resolve(import.meta.dirname, '../../../scripts/check-tracked-files.ts');
const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function repo(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'echotrace-tracked-'));
  dirs.push(dir);
  execFileSync('git', ['init', '-q', dir]);
  return dir;
}

function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd: dir });
}

function check(cwd: string): { status: number | null; stderr: string } {
  const run = spawnSync(process.execPath, [SCRIPT], { cwd, encoding: 'utf8' });
  return { status: run.status, stderr: run.stderr };
}

function sqliteFile(file: string): void {
  const db = new DatabaseSync(file);
  db.exec('CREATE TABLE t (x TEXT); INSERT INTO t VALUES (1)');
  db.close();
}

describe('check-tracked-files', () => {
  it('fails naming a tracked SQLite file, whatever its name, and passes once it is removed', () => {
    const dir = repo();
    writeFileSync(path.join(dir, 'README.md'), 'SQLite format 3 is mentioned here, not a database\n');
    mkdirSync(path.join(dir, 'sub'));
    sqliteFile(path.join(dir, 'x'));
    sqliteFile(path.join(dir, 'sub', 'store.bin'));
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'c');

    const failed = check(dir);
    assert.equal(failed.status, 1);
    assert.match(failed.stderr, /^check-tracked-files: x is a SQLite database/m);
    assert.match(failed.stderr, /^check-tracked-files: sub\/store\.bin is a SQLite database/m);
    assert.doesNotMatch(failed.stderr, /README/);

    // Run from a subdirectory, the whole work tree is still checked.
    assert.equal(check(path.join(dir, 'sub')).status, 1);

    git(dir, 'rm', '-q', '--cached', 'x', 'sub/store.bin');
    assert.deepEqual(check(dir), { status: 0, stderr: '' });
  });

  it('checks staged files too, and ignores untracked databases', () => {
    const dir = repo();
    sqliteFile(path.join(dir, 'untracked.db'));
    writeFileSync(path.join(dir, 'a.txt'), 'a');
    git(dir, 'add', 'a.txt');
    assert.deepEqual(check(dir), { status: 0, stderr: '' });
    sqliteFile(path.join(dir, 'staged'));
    git(dir, 'add', 'staged');
    const failed = check(dir);
    assert.equal(failed.status, 1);
    assert.match(failed.stderr, /staged is a SQLite database/);
  });

  it('passes on this repository', () => {
    assert.deepEqual(check(path.resolve(import.meta.dirname, '../../..')), { status: 0, stderr: '' });
  });
});
