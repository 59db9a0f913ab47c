// A kill part-way through copy grouping after ingest (SIGKILL at a named point, inside the child
// CLI) used to leave copies ungrouped for good: the re-run found nothing new and skipped grouping.
// Now grouping is one unit of work and a re-run groups what no grouping has seen.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runIngest, snapshot, sqliteTarget, writeCorpus } from './helpers/crash.harness.ts';
import { tempDir } from './cli.harness.ts';

describe('ingest killed while grouping copies', () => {
  for (const point of ['grouping:30', 'before-grouping']) {
    it(`SQLite: killed at ${point}, the re-run groups the copies as a clean run does`, async () => {
      const dir = tempDir('echotrace-grouping-');
      const corpus = path.join(dir, 'corpus');
      writeCorpus(corpus, { stories: 20 });
      const clean = await sqliteTarget.fresh(dir);
      assert.equal((await runIngest(corpus, clean.options, clean.env)).code, 0);
      const expected = await snapshot(clean.options);
      assert.ok(expected.counts.grouped > 10, `clean run grouped ${expected.counts.grouped}`);

      const killed = await sqliteTarget.fresh(dir);
      const exit = await runIngest(corpus, killed.options, killed.env, { crashAt: point });
      assert.equal(exit.signal, 'SIGKILL');
      const partial = await snapshot(killed.options);
      assert.equal(partial.counts.documents, expected.counts.documents, 'the documents were committed');
      assert.equal(partial.counts.grouped, 0, 'the kill came before any group was written');

      assert.equal((await runIngest(corpus, killed.options, killed.env)).code, 0);
      const after = await snapshot(killed.options);
      assert.deepEqual(after.problems, []);
      assert.equal(after.counts.grouped, expected.counts.grouped);
      assert.equal(after.state, expected.state);
    });
  }
});
