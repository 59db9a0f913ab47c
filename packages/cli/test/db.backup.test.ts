// echotrace db backup / restore on a live SQLite store: backups taken while another process ingests
// are consistent snapshots (integrity ok, every document whole with its capture), and each
// restores into a new path as a working store.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openSqliteStore } from '@echotrace/storage';
import { runCli, tempDir } from './cli.harness.ts';

const BIN = path.resolve(import.meta.dirname, '../bin/echotrace.js');
const FILES = 600;

async function countDocuments(file: string): Promise<{ documents: number; orphans: number }> {
  const store = openSqliteStore(file, { readonly: true, migrate: false });
  try {
    const documents = store.db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
    // A document whose capture is missing would be a half-written batch.
    const orphans = store.db
      .prepare(
        'SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM captures c WHERE c.sha256 = d.capture_sha256)',
      )
      .pluck()
      .get() as number;
    return { documents, orphans };
  } finally {
    await store.close();
  }
}

describe('echotrace db backup and restore', () => {
  it('backs up while another process ingests; each backup is consistent and restores', async () => {
    const root = tempDir('echotrace-backup-');
    const input = path.join(root, 'in');
    mkdirSync(input);
    for (let i = 0; i < FILES; i++)
      writeFileSync(
        path.join(input, `note-${i}.txt`),
        `Note ${i}\n\nThe ministry said on day ${i} that talks would go on.\n`,
      );
    const db = path.join(root, 'live.db');
    assert.equal((await runCli(['db', 'migrate', '--db', db])).code, 0);

    const writer = spawn(process.execPath, [BIN, 'ingest', input, '--no-enrich', '--no-dedupe', '--db', db], {
      stdio: 'ignore',
      env: { ...process.env, DATABASE_URL: '' },
    });
    const exited = new Promise((resolve) => writer.on('exit', resolve));
    const backups: Array<{ file: string; whileWriting: boolean }> = [];
    for (let n = 0; backups.length < 30; n++) {
      const running = writer.exitCode === null;
      const file = path.join(root, `backup-${n}.db`);
      const result = await runCli(['db', 'backup', file, '--json', '--db', db]);
      assert.equal(result.code, 0, result.stderr);
      assert.equal((JSON.parse(result.stdout) as { check: string }).check, 'ok');
      backups.push({ file, whileWriting: running && writer.exitCode === null });
      if (!running) break;
    }
    await exited;
    assert.ok(
      backups.some((b) => b.whileWriting),
      'at least one backup ran from start to end while the writer was running',
    );
    const final = await countDocuments(db);
    assert.equal(final.documents, FILES);

    const counts: number[] = [];
    for (const { file } of backups) {
      assert.ok(!existsSync(`${file}-wal`));
      const { documents, orphans } = await countDocuments(file);
      assert.equal(orphans, 0, `${file}: documents without their capture`);
      assert.ok(documents <= FILES);
      counts.push(documents);
    }
    // Snapshots in time order never go backwards.
    assert.deepEqual(
      [...counts].sort((a, b) => a - b),
      counts,
    );

    const middle = backups.find((b) => b.whileWriting)!;
    const restored = path.join(root, 'restored.db');
    const restore = await runCli(['db', 'restore', middle.file, '--json', '--db', restored]);
    assert.equal(restore.code, 0, restore.stderr);
    assert.deepEqual((JSON.parse(restore.stdout) as { migrated: number[] }).migrated, []);
    assert.equal((await countDocuments(restored)).documents, (await countDocuments(middle.file)).documents);
    const search = await runCli(['search', 'ministry', '--json', '--db', restored]);
    assert.equal(search.code, 0, search.stderr);

    // The restored store takes writes: the rest of the folder is ingested into it.
    const resume = await runCli(['ingest', input, '--no-enrich', '--json', '--db', restored]);
    assert.equal(resume.code, 0, resume.stderr);
    assert.equal((await countDocuments(restored)).documents, FILES);

    const again = await runCli(['db', 'restore', middle.file, '--db', restored]);
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /exists already/);
  });
});
