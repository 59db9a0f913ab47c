// PostgreSQL benchmark: ingest throughput and search latency on the PostgreSQL adapter (same
// generated corpus and queries as the SQLite foundation bench), and `echotrace worker` throughput
// with 1 and 2 worker processes sharing one queue. The server comes from ECHOTRACE_BENCH_PG_URL,
// DATABASE_URL or ECHOTRACE_TEST_PG_URL (scripts/postgres-test-server.sh start gives one); every
// run uses a fresh schema that is dropped afterwards.
// Run alone: node bench/postgres.bench.ts [--sizes 10000] [--workers 1,2 | 0] [--worker-docs 6000]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ingest, type Store } from '@echotrace/core';
import { openPostgresStore } from '@echotrace/storage';
import pg from 'pg';
import { generate, loadPosts, measureSearch, printTimings, SECOND_QUERIES } from './foundation.bench.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(root, 'packages/cli/bin/echotrace.js');
const round2 = (n: number): number => Math.round(n * 100) / 100;

export function benchServerUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  return env.ECHOTRACE_BENCH_PG_URL || env.DATABASE_URL || env.ECHOTRACE_TEST_PG_URL || null;
}

/** Runs `work` against a fresh schema on the server at `url`, dropped afterwards. */
export async function withSchema<T>(url: string, work: (scopedUrl: string) => Promise<T>): Promise<T> {
  const schema = `et_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await admin(`CREATE SCHEMA ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  try {
    return await work(scoped.toString());
  } finally {
    await admin(`DROP SCHEMA ${schema} CASCADE`);
  }
}

/** Ingest `size` generated documents into an empty store, then time the benchmark queries. */
export async function benchStore(
  store: Store,
  posts: NonNullable<ReturnType<typeof loadPosts>>,
  size: number,
): Promise<Record<string, unknown>> {
  const started = performance.now();
  const summary = await ingest(store, generate(posts, size), {
    clock: { now: () => new Date() },
    batchSize: 1000,
  });
  const seconds = (performance.now() - started) / 1000;
  const load = os.loadavg()[0]!;
  const search = await measureSearch(store);
  const second = await measureSearch(store, 5, SECOND_QUERIES);
  printTimings(`${size} bench`, search);
  printTimings(`${size} second`, second);
  return {
    documents: summary.added,
    ingestSeconds: round2(seconds),
    ingestDocsPerSecond: Math.round(summary.added / seconds),
    searchMedianMs: search.medianMs,
    searchP95Ms: search.p95Ms,
    searchCpuMedianMs: search.cpuMedianMs,
    loadAverageDuringIngest: round2(load),
    search,
    search_second: second,
  };
}

/** Documents per second through `echotrace worker` processes sharing one ingest-file queue. */
export async function benchWorkers(
  url: string,
  posts: NonNullable<ReturnType<typeof loadPosts>>,
  workers: number,
  documents: number,
  files = 24,
): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'echotrace-bench-workers-'));
  try {
    return await withSchema(url, async (scopedUrl) => {
      const store = await openPostgresStore(scopedUrl);
      const perFile = Math.ceil(documents / files);
      for (let f = 0; f < files; f++) {
        const lines: string[] = [];
        for (let r = 0; r < perFile; r++) {
          const post = posts[(f * perFile + r) % posts.length]!;
          lines.push(
            JSON.stringify({
              url: `https://bench.test/${f}/${r}`,
              title: null,
              text: `${post.text} №${f}-${r}`,
              source: post.channel,
            }),
          );
        }
        const file = path.join(dir, `part-${f}.ndjson`);
        writeFileSync(file, lines.join('\n'));
        await store.jobs.enqueue('ingest-file', file, { path: file });
      }
      const started = performance.now();
      await Promise.all(
        Array.from(
          { length: workers },
          () =>
            new Promise<void>((resolve, reject) => {
              const child = spawn(
                process.execPath,
                [BIN, 'worker', '--until-empty', '--batch', '1', '--poll-ms', '200'],
                { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DATABASE_URL: scopedUrl } },
              );
              child.on('exit', (code) =>
                code === 0 ? resolve() : reject(new Error(`worker exited ${code}`)),
              );
            }),
        ),
      );
      const seconds = (performance.now() - started) / 1000;
      const stored = await store.documents.count();
      await store.close();
      return {
        workers,
        documents: stored,
        seconds: round2(seconds),
        docsPerSecond: Math.round(stored / seconds),
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface PostgresBenchOptions {
  sharedData: string;
  sizes?: number[];
  workers?: number[];
  workerDocuments?: number;
  url?: string | null;
}

export async function benchPostgres(options: PostgresBenchOptions): Promise<Record<string, unknown> | null> {
  const url = options.url ?? benchServerUrl();
  if (!url) {
    console.log(
      'postgres bench: set ECHOTRACE_BENCH_PG_URL or DATABASE_URL (scripts/postgres-test-server.sh start)',
    );
    return null;
  }
  const posts = loadPosts(options.sharedData);
  if (!posts) return null;
  const results: Record<string, unknown> = { posts: posts.length, cpus: os.availableParallelism() };
  for (const size of options.sizes ?? [10_000]) {
    results[String(size)] = await withSchema(url, async (scopedUrl) => {
      const store = await openPostgresStore(scopedUrl);
      try {
        return await benchStore(store, posts, size);
      } finally {
        await store.close();
      }
    });
  }
  const workerRuns: Array<Record<string, number>> = [];
  for (const workers of (options.workers ?? [1, 2]).filter((n) => n > 0)) {
    workerRuns.push(await benchWorkers(url, posts, workers, options.workerDocuments ?? 6000));
  }
  results.workers = workerRuns;
  return results;
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10000' },
      workers: { type: 'string', default: '1,2' },
      'worker-docs': { type: 'string', default: '6000' },
    },
  });
  const result = await benchPostgres({
    sharedData: process.env.ECHOTRACE_SHARED_DATA ?? path.resolve(root, '../shared/data'),
    sizes: values.sizes.split(',').map(Number),
    workers: values.workers.split(',').map(Number),
    workerDocuments: Number(values['worker-docs']),
  });
  console.log(JSON.stringify(result, null, 2));
}
