// A worker killed mid-batch (SIGKILL: no cleanup runs) and restarted processes every queued item
// exactly once in effect: nothing lost, no duplicate documents, versions or annotations. Runs on
// SQLite, and on PostgreSQL when ECHOTRACE_TEST_PG_URL (or DATABASE_URL) names a server.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openStore, type OpenStoreOptions } from '@echotrace/storage';
import pg from 'pg';
import { runCli, tempDir } from './cli.harness.ts';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/echotrace.js');
const serverUrl = process.env.ECHOTRACE_TEST_PG_URL || process.env.DATABASE_URL || null;
const FILES = 24;
const RECORDS = 150;

async function freshSchema(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `et_worker_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await admin(`CREATE SCHEMA ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return { url: scoped.toString(), drop: () => admin(`DROP SCHEMA ${schema} CASCADE`) };
}

function writeQueueFiles(dir: string): string[] {
  const files: string[] = [];
  for (let f = 0; f < FILES; f++) {
    const lines: string[] = [];
    for (let r = 0; r < RECORDS; r++)
      lines.push(
        JSON.stringify({
          url: `https://wire.test/${f}/${r}`,
          title: `Dispatch ${f}-${r}`,
          text: `Report ${f}-${r} about sanctions and the embassy.`,
          source: 'Wire',
        }),
      );
    const file = path.join(dir, `batch-${String(f).padStart(2, '0')}.ndjson`);
    writeFileSync(file, lines.join('\n'));
    files.push(file);
  }
  return files;
}

async function doneJobs(options: OpenStoreOptions): Promise<number> {
  try {
    const store = await openStore({ ...options, migrate: false });
    try {
      return (await store.jobs.stats()).find((s) => s.queue === 'ingest-file')?.done ?? 0;
    } finally {
      await store.close();
    }
  } catch {
    return 0;
  }
}

function crashTest(backend: 'SQLite' | 'PostgreSQL'): void {
  it(`${backend}: a SIGKILLed worker's batch is finished by the next worker, once`, async () => {
    const dir = tempDir('echotrace-worker-');
    const db = path.join(dir, 'w.db');
    const schema = backend === 'PostgreSQL' ? await freshSchema(serverUrl!) : null;
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: schema?.url ?? '' };
    const options: OpenStoreOptions = { dbPath: db, databaseUrl: schema?.url ?? null };
    try {
      const files = writeQueueFiles(dir);
      const cli = (args: string[]) => runCli([...args, '--db', db], { DATABASE_URL: schema?.url ?? '' });
      const added = await cli(['jobs', 'add', 'ingest-file', dir, '--json']);
      assert.equal(added.code, 0, added.stderr);
      assert.deepEqual(JSON.parse(added.stdout), { added: FILES, existing: 0 });

      const child = spawn(
        process.execPath,
        [
          BIN,
          'worker',
          '--until-empty',
          '--batch',
          '6',
          '--lease-ms',
          '1500',
          '--poll-ms',
          '100',
          '--db',
          db,
        ],
        { stdio: 'ignore', env },
      );
      const exited = new Promise((resolve) => child.on('exit', resolve));
      // Kill as soon as the first job is completed, watching the queue from outside.
      while ((await doneJobs(options)) === 0 && child.exitCode === null) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      child.kill('SIGKILL');
      await exited;
      const partial = await doneJobs(options);
      assert.ok(
        partial > 0 && partial < FILES,
        `the kill interrupted the batch (done ${partial} of ${FILES})`,
      );

      const rerun = await cli(['worker', '--until-empty', '--poll-ms', '100', '--json']);
      assert.equal(rerun.code, 0, rerun.stderr);
      const summary = JSON.parse(rerun.stdout) as { done: number; dead: number };
      assert.equal(summary.dead, 0);
      assert.equal(summary.done, FILES - partial, 'the second worker ran exactly the unfinished jobs');

      const store = await openStore(options);
      try {
        assert.deepEqual(
          (await store.jobs.stats()).map((s) => [s.queue, s.queued, s.running, s.done, s.dead]),
          [['ingest-file', 0, 0, FILES, 0]],
        );
        assert.equal(await store.documents.count(), FILES * RECORDS, 'no lost and no duplicate documents');
        for (const file of files) {
          const f = Number(path.basename(file).slice(6, 8));
          for (const r of [0, RECORDS - 1]) {
            const doc = await store.documents.getByKey(`https://wire.test/${f}/${r}`);
            assert.ok(doc, `document ${f}/${r} stored`);
            assert.equal(
              (await store.documents.versions(doc.id)).length,
              1,
              'one version: re-runs changed nothing',
            );
          }
        }
        assert.equal((await store.documents.stats()).annotations, 0, 'no stray annotations');
      } finally {
        await store.close();
      }
    } finally {
      await schema?.drop();
    }
  });
}

describe('echotrace worker crash safety', () => {
  crashTest('SQLite');
  if (serverUrl) crashTest('PostgreSQL');
});
