// A few runs of the crash harness (bench/crash.harness.ts; `npm run crash` does 100 per store):
// ingest killed with SIGKILL at seeded points, restarted, and the final store equal to a clean
// run's. SQLite always; PostgreSQL when ECHOTRACE_TEST_PG_URL names a server.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  crashRuns,
  enrichDriver,
  postgresTarget,
  sqliteTarget,
  watchDriver,
  workerDriver,
  type Target,
} from './helpers/crash.harness.ts';

const pgUrl = process.env.ECHOTRACE_TEST_PG_URL || null;
const targets: Target[] = [sqliteTarget, ...(pgUrl ? [postgresTarget(pgUrl)] : [])];

describe('crash harness (small run)', () => {
  for (const target of targets) {
    it(`${target.name}: 5 runs killed at seeded points end equal to a clean run`, async () => {
      const result = await crashRuns(target, { runs: 5, seed: 7 });
      // The comparison has something to compare: copies grouped, entities annotated, forwards kept.
      assert.ok(result.clean.documents > 100, `documents ${result.clean.documents}`);
      assert.ok(result.clean.grouped > 20, `grouped ${result.clean.grouped}`);
      assert.ok(result.clean.annotations > 0, `annotations ${result.clean.annotations}`);
      assert.ok(result.clean.forwards > 0, `forwards ${result.clean.forwards}`);
      assert.ok(result.effectiveKills > 0, 'at least one kill landed before the child finished');
      assert.deepEqual(result.mismatches, []);
    });
  }

  for (const target of targets) {
    it(`${target.name}: 2 worker runs killed at seeded points (between a job's commit and its completion too) end equal to a clean run`, async () => {
      const lines: string[] = [];
      const result = await crashRuns(target, {
        runs: 2,
        seed: 11,
        driver: workerDriver,
        firstKill: 'job-handled:1',
        log: (line) => lines.push(line),
      });
      assert.match(lines.join('\n'), /run 0: kills at job-handled:1/);
      assert.ok(result.clean.documents > 100, `documents ${result.clean.documents}`);
      assert.ok(result.clean.grouped > 20, `grouped ${result.clean.grouped}`);
      assert.ok(result.effectiveKills > 0, 'at least one kill landed before the worker finished');
      assert.deepEqual(result.mismatches, []);
    });
  }

  for (const target of targets) {
    it(`${target.name}: relink and re-screening killed between pages and at random end equal to a clean run`, async () => {
      const lines: string[] = [];
      const result = await crashRuns(target, {
        runs: 2,
        seed: 5,
        driver: enrichDriver,
        firstKill: 'relink-page:100',
        log: (line) => lines.push(line),
      });
      assert.match(lines.join('\n'), /run 0: kills at relink-page:100/);
      // What is compared was produced by the killed commands: entity and sanction annotations.
      assert.ok(result.clean.annotations > 100, `annotations ${result.clean.annotations}`);
      assert.ok(result.clean.sanctions > 0, `sanctions ${result.clean.sanctions}`);
      assert.ok(result.effectiveKills > 0, 'at least one kill landed before the commands finished');
      assert.deepEqual(result.mismatches, []);
    });
  }

  for (const target of targets) {
    it(`${target.name}: watch of a loopback feed killed while it fetches and ingests ends equal to a clean run`, async () => {
      const result = await crashRuns(target, { runs: 2, seed: 3, driver: watchDriver() });
      assert.ok(result.clean.documents >= 30, `documents ${result.clean.documents}`);
      assert.ok(result.clean.grouped > 0, `grouped ${result.clean.grouped}`);
      assert.ok(result.effectiveKills > 0, 'at least one kill landed before watch finished');
      assert.deepEqual(result.mismatches, []);
    });
  }
});
