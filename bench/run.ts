// `npm run bench`: runs every benchmark, prints the figures, and writes them to bench/results/*.json.
// Options: --sizes 10000,100000 (documents for the foundation bench), --only NAME[,NAME].
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchFoundation } from './foundation.bench.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharedData = path.resolve(root, '../shared/data');
const resultsDir = path.join(root, 'bench/results');

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    only: { type: 'string' },
    db: { type: 'string', default: 'sqlite' },
  },
});
const only = values.only ? new Set(values.only.split(',')) : null;
const wanted = (name: string): boolean => !only || only.has(name);

type Bench = { name: string; run: () => Promise<Record<string, unknown> | null> };

const benches: Bench[] = [
  {
    name: 'foundation',
    run: () => benchFoundation(sharedData, values.sizes.split(',').map(Number)),
  },
];

/** Benchmarks of other stages register here when their module exists (they land independently). */
const optional: Array<{ name: string; file: string; fn: string }> = [
  { name: 'charset', file: 'charset.bench.ts', fn: 'benchCharset' },
  { name: 'dedupe', file: 'dedupe.bench.ts', fn: 'benchDedupe' },
  { name: 'ner', file: 'ner.bench.ts', fn: 'benchNer' },
  { name: 'sanctions', file: 'sanctions.bench.ts', fn: 'benchSanctions' },
];
for (const bench of optional) {
  const file = path.join(root, 'bench', bench.file);
  if (!existsSync(file)) continue;
  benches.push({
    name: bench.name,
    run: async () => {
      const module = (await import(file)) as Record<
        string,
        (options: Record<string, unknown>) => Promise<Record<string, unknown> | null>
      >;
      return module[bench.fn]!({ sharedData });
    },
  });
}

if (!existsSync(sharedData))
  console.log(`note: ${sharedData} is absent; benchmarks that need real data are skipped`);
mkdirSync(resultsDir, { recursive: true });
for (const bench of benches.filter((b) => wanted(b.name))) {
  console.log(`\n== ${bench.name}`);
  const started = performance.now();
  const result = await bench.run();
  if (!result) {
    console.log(`skipped: the data it needs under ${sharedData} is absent`);
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
}
