// `npm run crash`: the crash harness, 100 runs per store (see packages/cli/test/helpers/crash.harness.ts):
// ingest (or the worker draining ingest-file jobs, or relink + re-screening) SIGKILLed at seeded
// points and restarted; the final store compared with a clean run's.
//   npm run crash -- [--runs 100] [--seed 1] [--store sqlite|postgres|all] [--driver ingest|worker|enrich|watch|all]
// PostgreSQL runs when ECHOTRACE_TEST_PG_URL names a server. Exit code 1 on any mismatch.
import {
  crashRuns,
  enrichDriver,
  ingestDriver,
  postgresTarget,
  watchDriver,
  workerDriver,
  type Driver,
  sqliteTarget,
  type Target,
} from '../packages/cli/test/helpers/crash.harness.ts';

const argument = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const runs = Number(argument('--runs') ?? 100);
const seed = Number(argument('--seed') ?? 1);
const which = argument('--store') ?? 'all';
const drivers: Driver[] = {
  ingest: [ingestDriver],
  worker: [workerDriver],
  enrich: [enrichDriver],
  watch: [watchDriver()],
}[argument('--driver') ?? ''] ?? [ingestDriver, workerDriver, enrichDriver, watchDriver()];
const pgUrl = process.env.ECHOTRACE_TEST_PG_URL || null;
const targets: Target[] = [];
if (which !== 'postgres') targets.push(sqliteTarget);
if (which !== 'sqlite') {
  if (pgUrl) targets.push(postgresTarget(pgUrl));
  else console.log('postgres: skipped (set ECHOTRACE_TEST_PG_URL to run it)');
}
let failed = false;
for (const target of targets)
  for (const driver of drivers) {
    const result = await crashRuns(target, { runs, seed, driver, log: (line) => console.log(line) });
    console.log(
      `${result.store} ${result.driver}: ${result.runs} runs, ${result.kills} kills (${result.effectiveKills} before the child finished), clean run ${result.cleanMs} ms, ${result.mismatches.length} mismatches`,
    );
    if (result.mismatches.length > 0) failed = true;
  }
process.exitCode = failed ? 1 : 0;
