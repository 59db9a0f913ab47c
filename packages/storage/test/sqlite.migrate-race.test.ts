// Two processes opening the same new SQLite file at once: the applied migrations are read inside
// the write lock, so exactly one of them applies each migration (before, 1 in 10 tries failed with
// "table sources already exists").
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';

const run = promisify(execFile);
const opener = `
import { openSqliteStore } from '@echotrace/storage';
const store = openSqliteStore(process.argv[1]);
await store.close();
`;

describe('SQLite migrations under concurrent opens', () => {
  it('two processes opening a new file both succeed and apply each migration once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'echotrace-race-'));
    try {
      for (let attempt = 0; attempt < 10; attempt++) {
        const file = path.join(dir, `race-${attempt}.db`);
        const open = () =>
          run(process.execPath, ['--input-type=module', '-e', opener, file], { cwd: import.meta.dirname });
        await Promise.all([open(), open()]);
        const db = new Database(file, { readonly: true });
        try {
          const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
          assert.equal(new Set(versions).size, versions.length);
          assert.ok(versions.includes(1), `attempt ${attempt}: migration 1 recorded`);
        } finally {
          db.close();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
