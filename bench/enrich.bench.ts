// Ingest with full enrichment (NER, resolution, screening against the OFAC SDN list, copy grouping)
// of the real Telegram posts, next to `--no-enrich`, in documents per second, on SQLite or PostgreSQL.
// Each run is a child process on a fresh store (the list imported first, not timed), so its peak RSS
// (worker threads included) is its own. Modes: no enrichment; enrichment in 1 thread (in-process);
// enrichment in every core's thread (ECHOTRACE_ENRICH_THREADS default).
//   npm run bench -- --only enrich [--db postgres]   (ECHOTRACE_BENCH_PG_URL for PostgreSQL;
//   ECHOTRACE_SHARED_DATA overrides ../shared/data; ECHOTRACE_BENCH_REPEATS, default 1)
//   node bench/enrich.bench.ts --child MODE DB DATA   (what the parent spawns)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Store } from '@echotrace/core';
import { closeEnrichment, createEnrichment, ingestFiles } from '@echotrace/app';
import { parseOfacCsv } from '@echotrace/sanctions';
import { openPostgresStore, openSqliteStore } from '@echotrace/storage';
import { withSchema } from './postgres.bench.ts';

const here = fileURLToPath(import.meta.url);
const round = (n: number, places = 1): number => Math.round(n * 10 ** places) / 10 ** places;

interface ChildResult {
  documents: number;
  seconds: number;
  docsPerSecond: number;
  /** User + system CPU of the whole process (every thread) over the same span as `seconds`. */
  cpuSeconds: number;
  docsPerCpuSecond: number;
  peakRssMb: number;
  annotations: number;
  /** SHA-256 of every annotation row (the fields bench/annotation.digest.ts hashes), sorted as text. */
  sha256: string;
  /** 1-minute load average when the run ended: the machine is shared. */
  load: number;
}

// The fields annotation.digest.ts hashes, read through the store so that it works on both databases.
async function digestOf(store: Store): Promise<{ annotations: number; sha256: string }> {
  const rows: unknown[][] = [];
  for (const d of await store.documents.list({ limit: 100_000 }))
    for (const a of await store.annotations.forDocument(d.id))
      rows.push([
        a.documentId,
        a.kind,
        a.label,
        a.start,
        a.end,
        a.confidence,
        a.producer,
        a.producerVersion,
        JSON.stringify(a.attributes),
      ]);
  const text = rows.map((row) => JSON.stringify(row));
  text.sort();
  const hash = createHash('sha256');
  for (const line of text) hash.update(`${line}\n`);
  return { annotations: rows.length, sha256: hash.digest('hex') };
}

async function child(mode: string, db: string, sharedData: string): Promise<ChildResult> {
  const store: Store = db.startsWith('postgres') ? await openPostgresStore(db) : openSqliteStore(db);
  try {
    const sanctions = path.join(sharedData, 'sanctions');
    const read = (file: string) => ({
      name: path.basename(file),
      text: readFileSync(path.join(sanctions, file), 'latin1'),
    });
    const parsed = parseOfacCsv({
      sdn: read('ofac_sdn_2023-01/sdn.csv'),
      alt: read('ofac_alt_add_2026/alt.csv'),
    });
    await store.sanctions.importList({
      list: parsed.list,
      sources: ['sdn.csv', 'alt.csv'],
      importedAt: new Date().toISOString(),
      entries: parsed.entries,
      relations: parsed.relations,
    });
    const cpuAtStart = process.cpuUsage();
    const started = performance.now();
    const enrichment =
      mode === 'no-enrich'
        ? []
        : await createEnrichment(store, { threads: mode === 'threads-1' ? 1 : os.availableParallelism() });
    const { summary } = await ingestFiles(
      { store, clock: { now: () => new Date() }, enrichers: enrichment },
      { paths: [path.join(sharedData, 'media/telegram_ru_news_2024')], maxFileBytes: 256 * 2 ** 20 },
    ).finally(() => closeEnrichment(enrichment));
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuAtStart);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const load = os.loadavg()[0]!;
    const { annotations, sha256 } = await digestOf(store);
    return {
      documents: summary.added,
      seconds: round(seconds, 2),
      docsPerSecond: round(summary.added / seconds),
      cpuSeconds: round(cpuSeconds, 2),
      docsPerCpuSecond: round(summary.added / cpuSeconds),
      // maxRSS is per process, so it includes every worker thread.
      peakRssMb: round(process.resourceUsage().maxRSS / 1024),
      annotations,
      sha256,
      load: round(load, 2),
    };
  } finally {
    await store.close();
  }
}

export async function benchEnrich(options: {
  sharedData: string;
  db: 'sqlite' | 'postgres';
  pgUrl?: string | null;
  repeats?: number;
}): Promise<Record<string, unknown> | null> {
  // A worktree sits one level deeper than the checkout run.ts assumes: the data can be named.
  options = { ...options, sharedData: process.env.ECHOTRACE_SHARED_DATA ?? options.sharedData };
  const posts = path.join(options.sharedData, 'media/telegram_ru_news_2024');
  if (
    !existsSync(posts) ||
    !existsSync(path.join(options.sharedData, 'sanctions/ofac_sdn_2023-01/sdn.csv'))
  ) {
    console.log(`enrich bench skipped: ${posts} or the SDN list is absent`);
    return null;
  }
  if (options.db === 'postgres' && !options.pgUrl) {
    console.log('enrich bench: set ECHOTRACE_BENCH_PG_URL for --db postgres');
    return null;
  }
  const modes = ['no-enrich', 'threads-1', `threads-${os.availableParallelism()}`];
  const runs: Record<string, ChildResult[]> = {};
  const repeats = options.repeats ?? Number(process.env.ECHOTRACE_BENCH_REPEATS ?? 1);
  for (let repeat = 0; repeat < repeats; repeat++) {
    for (const mode of modes) {
      const dir = mkdtempSync(path.join(tmpdir(), 'echotrace-enrich-bench-'));
      try {
        const run = async (db: string): Promise<ChildResult> => {
          const out = spawnSync(process.execPath, [here, '--child', mode, db, options.sharedData], {
            encoding: 'utf8',
            maxBuffer: 2 ** 26,
          });
          if (out.status !== 0) throw new Error(`enrich bench child ${mode} failed: ${out.stderr}`);
          return JSON.parse(out.stdout.trim().split('\n').at(-1)!) as ChildResult;
        };
        const result =
          options.db === 'postgres'
            ? await withSchema(options.pgUrl!, run)
            : await run(path.join(dir, 'bench.db'));
        (runs[mode] ??= []).push(result);
        console.log(`${options.db} ${mode}: ${JSON.stringify(result)}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  const median = (values: number[]): number =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return {
    db: options.db,
    cores: os.availableParallelism(),
    documents: runs['no-enrich']![0]!.documents,
    repeats,
    ...Object.fromEntries(
      modes.map((mode) => [
        mode,
        {
          docsPerSecondMedian: median(runs[mode]!.map((r) => r.docsPerSecond)),
          secondsMedian: median(runs[mode]!.map((r) => r.seconds)),
          cpuSecondsMedian: median(runs[mode]!.map((r) => r.cpuSeconds)),
          docsPerCpuSecondMedian: median(runs[mode]!.map((r) => r.docsPerCpuSecond)),
          loadRange: [
            Math.min(...runs[mode]!.map((r) => r.load)),
            Math.max(...runs[mode]!.map((r) => r.load)),
          ],
          peakRssMbMax: Math.max(...runs[mode]!.map((r) => r.peakRssMb)),
          annotations: runs[mode]![0]!.annotations,
        },
      ]),
    ),
    // Every enriched run, every repeat, against the first sequential run, row for row.
    sameAnnotationsAsSequential: modes
      .slice(1)
      .every((m) => runs[m]!.every((r) => r.sha256 === runs['threads-1']![0]!.sha256)),
    annotationsSha256: runs['threads-1']![0]!.sha256,
  };
}

if (process.argv[2] === '--child') {
  const [, , , mode, db, sharedData] = process.argv;
  console.log(JSON.stringify(await child(mode!, db!, sharedData!)));
}
