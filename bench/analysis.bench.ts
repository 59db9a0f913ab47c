// Analysis at scale: documents generated from the real Telegram posts (foundation.bench.ts), sources
// labelled fringe / state / mainstream, then trend (weekly, by label), spread and a full export timed
// on the store — SQLite, or PostgreSQL with --db postgres (a fresh schema on the bench server).
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { ingest, type Store } from '@echotrace/core';
import { exportRows, selectionFromText, spread, trend } from '@echotrace/app';
import { openPostgresStore, openSqliteStore } from '@echotrace/storage';
import { generate, loadPosts } from './foundation.bench.ts';
import { benchServerUrl, withSchema } from './postgres.bench.ts';

/** A frequent word, a rarer phrase, an entity-free filter-only query (every document). */
export const ANALYSIS_QUERIES = ['Москва', '"Дональд Трамп"', 'санкции Украина', 'lang:ru'];
const LABELS = ['fringe', 'fringe', 'state', 'state', 'mainstream', 'mainstream', 'mainstream'];

const round = (n: number): number => Math.round(n * 10) / 10;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!;

async function timed<T>(runs: number, work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const times: number[] = [];
  let result: T;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    result = await work();
    times.push(performance.now() - started);
  }
  return { ms: round(median(times)), result: result! };
}

async function measure(store: Store, posts: NonNullable<ReturnType<typeof loadPosts>>, size: number) {
  const started = performance.now();
  await ingest(store, generate(posts, size), { clock: { now: () => new Date() }, batchSize: 1000 });
  const ingestSeconds = round((performance.now() - started) / 1000);
  // Labels by the generator's channel suffix (`<channel> <i % 7>`), so every label has many sources.
  for (const source of await store.sources.list())
    await store.sources.upsert({
      ...source,
      labels: [LABELS[Number(source.name.slice(-1)) % 7] ?? 'mainstream'],
    });
  const entry: Record<string, unknown> = { documents: size, ingestSeconds };
  for (const text of ANALYSIS_QUERIES) {
    const selection = selectionFromText(text);
    const t = await timed(3, () => trend(store, { selection, interval: 'week', by: 'label' }));
    const s = await timed(3, () => spread(store, { selection, labels: ['fringe', 'mainstream'] }));
    entry[text] = {
      matching: t.result.documents,
      trendMs: t.ms,
      spreadMs: s.ms,
      sources: s.result.sources.length,
      crossedOn: s.result.crossings[0]?.reachedUtc ?? null,
    };
    console.log(`  ${size} ${text}: ${t.result.documents} docs, trend ${t.ms} ms, spread ${s.ms} ms`);
  }
  // The whole corpus exported: rows per second and how far the heap moved while streaming.
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  let rows = 0;
  const exportStart = performance.now();
  for await (const row of exportRows(store, selectionFromText('lang:ru'))) {
    rows += row.documentId ? 1 : 0;
    if (rows % 10_000 === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }
  const exportSeconds = (performance.now() - exportStart) / 1000;
  entry.export = {
    rows,
    rowsPerSecond: Math.round(rows / exportSeconds),
    heapGrowthMb: round((heapPeak - heapBefore) / 1024 / 1024),
  };
  console.log(`  ${size} export: ${rows} rows, ${JSON.stringify(entry.export)}`);
  entry.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  entry.loadAverage = round(os.loadavg()[0]!);
  return entry;
}

export async function benchAnalysis(options: {
  sharedData: string;
  sizes: number[];
  db: 'sqlite' | 'postgres';
}): Promise<Record<string, unknown> | null> {
  const posts = loadPosts(options.sharedData);
  if (!posts) return null;
  const results: Record<string, unknown> = { db: options.db, posts: posts.length };
  for (const size of options.sizes) {
    if (options.db === 'postgres') {
      const url = benchServerUrl();
      if (!url) return null;
      results[String(size)] = await withSchema(url, async (scoped) => {
        const store = await openPostgresStore(scoped);
        try {
          return await measure(store, posts, size);
        } finally {
          await store.close();
        }
      });
    } else {
      const dir = mkdtempSync(path.join(tmpdir(), 'echotrace-analysis-bench-'));
      const store = openSqliteStore(path.join(dir, 'bench.db'));
      try {
        results[String(size)] = await measure(store, posts, size);
      } finally {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  return results;
}
