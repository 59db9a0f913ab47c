// `npm run bench`: runs every benchmark, prints the figures, and writes them to bench/results/*.json.
// Options:
//   --sizes 10000,100000   corpus sizes for the store benchmark
//   --only NAME[,NAME]     run some benchmarks: store, dedupe, ner, sanctions, charset, extraction,
//                          analysis
//   --db sqlite|postgres   the store benchmark's adapter; postgres needs ECHOTRACE_BENCH_PG_URL or
//                          DATABASE_URL (scripts/postgres-test-server.sh start gives one) and adds
//                          worker throughput with 1 and 2 workers
//   --queries bench,second the store benchmark's query sets (foundation.bench.ts QUERY_SETS)
//   --keep-db DIR          keep each store corpus as DIR/<size>.db and reuse it on the next run
//                          (search only, no ingest), to iterate on search at a large size
//   --no-enriched          skip the store benchmark's enriched-ingest measure
//   --json-out FILE        also write the results of the run to FILE (one JSON object per bench)
//   --only api             search through the HTTP API (autocannon on loopback) at the smallest size
//   --only alerts          the alert evaluator: 1,000 saved searches at the smallest size (docs/alerts.md)
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchCharset } from './charset.bench.ts';
import { benchDedupe } from './dedupe.bench.ts';
import { benchEnrichment } from './enrichment.bench.ts';
import { benchExtraction } from './extraction.bench.ts';
import { benchFoundation } from './foundation.bench.ts';
import { benchNer } from './ner.bench.ts';
import { benchPostgres } from './postgres.bench.ts';
import { benchSanctions } from './sanctions.bench.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// A worktree sits elsewhere than beside ../shared; ECHOTRACE_SHARED_DATA names the data folder then.
const sharedData = process.env.ECHOTRACE_SHARED_DATA ?? path.resolve(root, '../shared/data');
const resultsDir = path.join(root, 'bench/results');

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    only: { type: 'string' },
    db: { type: 'string', default: 'sqlite' },
    queries: { type: 'string' },
    'keep-db': { type: 'string' },
    'no-enriched': { type: 'boolean', default: false },
    'json-out': { type: 'string' },
  },
});
if (values.db !== 'sqlite' && values.db !== 'postgres') {
  console.error(`--db must be sqlite or postgres, not ${JSON.stringify(values.db)}`);
  process.exit(2);
}
const sizes = values.sizes.split(',').map(Number);
const only = values.only ? new Set(values.only.split(',')) : null;

type Bench = { name: string; run: () => Promise<Record<string, unknown> | null> };

const benches: Bench[] = [
  values.db === 'postgres'
    ? { name: 'store-postgres', run: () => benchPostgres({ sharedData, sizes }) }
    : {
        name: 'store-sqlite',
        run: () =>
          benchFoundation({
            sharedData,
            sizes,
            querySets: values.queries?.split(','),
            keepDir: values['keep-db'] ?? null,
            enriched: !values['no-enriched'],
          }),
      },
  { name: 'dedupe', run: () => benchDedupe({ sharedData }) },
  { name: 'ner', run: () => benchNer() },
  { name: 'enrichment', run: () => benchEnrichment({ sharedData }) },
  { name: 'sanctions', run: () => benchSanctions({ sharedData }) },
  { name: 'charset', run: () => benchCharset({ sharedData }) },
  { name: 'extraction', run: () => benchExtraction({ sharedData }) },
  {
    name: 'analysis',
    run: async () =>
      (await import('./analysis.bench.ts')).benchAnalysis({
        sharedData,
        sizes,
        db: values.db as 'sqlite' | 'postgres',
      }),
  },
  {
    name: 'enrich',
    run: async () =>
      (await import('./enrich.bench.ts')).benchEnrich({
        sharedData,
        db: values.db as 'sqlite' | 'postgres',
        pgUrl: process.env.ECHOTRACE_BENCH_PG_URL ?? null,
      }),
  },
  {
    name: 'alerts',
    run: async () =>
      (await import('./alerts.bench.ts')).benchAlerts({
        sharedData,
        size: Math.min(...sizes),
        db: values.db as 'sqlite' | 'postgres',
      }),
  },
  {
    name: 'api',
    run: async () => (await import('./api.bench.ts')).benchApi({ sharedData, size: Math.min(...sizes) }),
  },
];
const wanted = (name: string): boolean =>
  !only || only.has(name) || (name.startsWith('store') && only.has('store'));

if (!existsSync(sharedData))
  console.log(`note: ${sharedData} is absent; benchmarks that need real data are skipped`);
mkdirSync(resultsDir, { recursive: true });
const records: Record<string, unknown>[] = [];
for (const bench of benches.filter((b) => wanted(b.name))) {
  console.log(`\n== ${bench.name}`);
  const started = performance.now();
  const result = await bench.run();
  if (!result) {
    console.log(`skipped: the data or server it needs is absent (see above)`);
    continue;
  }
  const record = {
    bench: bench.name,
    date: new Date().toISOString(),
    node: process.version,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    result,
  };
  console.log(JSON.stringify(result, null, 2));
  writeFileSync(path.join(resultsDir, `${bench.name}.json`), `${JSON.stringify(record, null, 2)}\n`);
  records.push({ ...record, loadAverage: os.loadavg() });
  if (values['json-out']) writeFileSync(values['json-out'], `${JSON.stringify(records, null, 2)}\n`);
}
