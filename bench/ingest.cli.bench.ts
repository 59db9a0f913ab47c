// `echotrace ingest` of the real Telegram posts as a user runs it: a fresh store with the OFAC SDN
// list and aliases imported (copied from one import, not timed), then the CLI in a child process,
// wall time and peak RSS (GNU time) measured from outside, so module loading, building the
// indexes, writing, forward edges and copy grouping all count. Modes alternate within each
// repeat so that load from other processes falls on all of them alike; medians are reported.
// Every enriching mode's annotations are compared, row for row, with the sequential run's.
//   node bench/ingest.cli.bench.ts [--repeats N] [--modes no-enrich,threads-1,threads-2] [--before DIR]
// --before DIR adds each mode run by the checkout in DIR (an earlier commit with its node_modules,
// e.g. `git archive COMMIT | tar -x -C DIR && cp -a node_modules DIR/`), named `before:MODE`.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { annotationDigest } from './annotation.digest.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharedData = process.env.ECHOTRACE_SHARED_DATA ?? path.resolve(root, '../shared/data');
const cli = path.join(root, 'packages/cli/bin/echotrace.js');
const posts = path.join(sharedData, 'media/telegram_ru_news_2024');
const argument = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const repeats = Number(argument('--repeats') ?? 3);
const before = argument('--before');
const ownModes = (argument('--modes') ?? 'no-enrich,threads-1,threads-2').split(',');
const modes = before ? ownModes.flatMap((mode) => [`before:${mode}`, mode]) : ownModes;
const cliOf = (mode: string): string =>
  mode.startsWith('before:') ? path.resolve(before!, 'packages/cli/bin/echotrace.js') : cli;
const plain = (mode: string): string => mode.replace(/^before:/, '');
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function run(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  program = cli,
): { seconds: number; peakRssMb: number | null; cpuSeconds: number | null } {
  const command = gnuTime
    ? [gnuTime, '-f', 'peak-rss-kb %M cpu-s %U %S', process.execPath, program, ...args]
    : [process.execPath, program, ...args];
  const started = performance.now();
  const out = spawnSync(command[0]!, command.slice(1), {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 2 ** 26,
  });
  const seconds = (performance.now() - started) / 1000;
  if (out.status !== 0) throw new Error(`echotrace ${args.join(' ')} failed: ${out.stderr}`);
  const rss = /peak-rss-kb (\d+) cpu-s ([\d.]+) ([\d.]+)/.exec(out.stderr);
  return {
    seconds,
    peakRssMb: rss ? Math.round(Number(rss[1]) / 1024) : null,
    cpuSeconds: rss ? Number(rss[2]) + Number(rss[3]) : null,
  };
}

const dir = mkdtempSync(path.join(tmpdir(), 'echotrace-ingest-bench-'));
try {
  const base = path.join(dir, 'base.db');
  const sanctions = path.join(sharedData, 'sanctions');
  run([
    'sanctions',
    'import',
    path.join(sanctions, 'ofac_sdn_2023-01/sdn.csv'),
    path.join(sanctions, 'ofac_alt_add_2026/alt.csv'),
    '--db',
    base,
  ]);
  const results: Record<
    string,
    Array<{ seconds: number; peakRssMb: number | null; cpuSeconds: number | null }>
  > = {};
  const digests: Record<string, { annotations: number; sha256: string }> = {};
  let documents = 0;
  for (let repeat = 0; repeat < repeats; repeat++) {
    for (const mode of modes) {
      const db = path.join(dir, `${mode}-${repeat}.db`);
      copyFileSync(base, db);
      const threads = /^threads-(\d+)$/.exec(plain(mode))?.[1];
      const result = run(
        ['ingest', posts, ...(plain(mode) === 'no-enrich' ? ['--no-enrich'] : []), '--db', db],
        threads ? { ECHOTRACE_ENRICH_THREADS: threads } : {},
        cliOf(mode),
      );
      (results[mode] ??= []).push(result);
      const digest = annotationDigest(db);
      if (digests[mode] && digests[mode].sha256 !== digest.sha256)
        throw new Error(`${mode}: annotations differ between repeats`);
      digests[mode] = digest;
      if (!documents) {
        const sqlite = new Database(db, { readonly: true });
        documents = (sqlite.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
        sqlite.close();
      }
      console.log(
        `${mode} #${repeat + 1}: ${result.seconds.toFixed(2)} s, ${result.cpuSeconds?.toFixed(2) ?? '?'} CPU s, ${result.peakRssMb ?? '?'} MB, ${digest.annotations} annotations`,
      );
      rmSync(db);
    }
  }
  const median = (values: number[]): number =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const reference = digests['threads-1'];
  const summary = Object.fromEntries(
    modes.map((mode) => {
      const seconds = median(results[mode]!.map((r) => r.seconds));
      return [
        mode,
        {
          secondsMedian: Math.round(seconds * 100) / 100,
          docsPerSecond: Math.round(documents / seconds),
          cpuSecondsMedian: Math.round(median(results[mode]!.map((r) => r.cpuSeconds ?? 0)) * 100) / 100,
          peakRssMbMax: Math.max(...results[mode]!.map((r) => r.peakRssMb ?? 0)),
          annotations: digests[mode]!.annotations,
          sameAsSequential:
            plain(mode) === 'no-enrich' || !reference ? null : digests[mode]!.sha256 === reference.sha256,
        },
      ];
    }),
  );
  console.log(
    JSON.stringify(
      {
        documents,
        repeats,
        load: (await import('node:os')).loadavg().map((l) => Math.round(l * 100) / 100),
        ...summary,
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
