import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, tempDir } from './cli.harness.ts';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../sanctions/test/fixtures');

describe('echotrace sanctions', () => {
  it('imports OFAC CSV files, reports bad rows, and matches names', async () => {
    const db = path.join(tempDir(), 'test.db');
    const imported = await runCli([
      'sanctions',
      'import',
      path.join(fixtures, 'ofac_sdn.fixture.csv'),
      path.join(fixtures, 'ofac_alt.fixture.csv'),
      '--date',
      '2023-01-15',
      '--json',
      '--db',
      db,
    ]);
    assert.equal(imported.code, 0, imported.stderr);
    const summary = JSON.parse(imported.stdout) as { entries: number; added: number; issues: unknown[] };
    assert.equal(summary.entries, 4);
    assert.equal(summary.added, 4);
    assert.equal(summary.issues.length, 3);
    assert.match(imported.stderr, /ofac_sdn\.fixture\.csv:4:/);

    const matched = await runCli([
      'sanctions',
      'match',
      'Ирина Волкова',
      '--type',
      'person',
      '--json',
      '--db',
      db,
    ]);
    assert.equal(matched.code, 0, matched.stderr);
    const { candidates } = JSON.parse(matched.stdout) as {
      candidates: Array<{ id: string; match: boolean }>;
    };
    assert.equal(candidates[0]?.id, '101');
    assert.equal(candidates[0]?.match, true);

    const text = await runCli(['sanctions', 'match', 'Irina Volkova', '--db', db]);
    assert.match(text.stdout, /MATCH .*test|MATCH .*ofac-sdn:101/);
  });

  it('records removals when a newer list is imported', async () => {
    const db = path.join(tempDir(), 'test.db');
    await runCli(['sanctions', 'import', path.join(fixtures, 'ofac_sdn.fixture.csv'), '--db', db]);
    const second = await runCli([
      'sanctions',
      'import',
      path.join(fixtures, 'ofac_sdn.fixture.xml'),
      '--list',
      'ofac-sdn',
      '--json',
      '--db',
      db,
    ]);
    assert.equal(second.code, 0, second.stderr);
    const summary = JSON.parse(second.stdout) as { added: number; removed: number; publishedOn: string };
    assert.equal(summary.added, 2);
    assert.equal(summary.removed, 4);
    assert.equal(summary.publishedOn, '2024-03-01');
  });

  it('rejects bad usage', async () => {
    const db = path.join(tempDir(), 'test.db');
    assert.equal((await runCli(['sanctions', 'match', '--db', db])).code, 2);
    assert.equal((await runCli(['sanctions', 'match', 'X', '--type', 'ship', '--db', db])).code, 2);
    assert.equal((await runCli(['sanctions', 'import', '--db', db])).code, 2);
    assert.equal((await runCli(['sanctions', 'match', 'Somebody', '--db', db])).code, 1);
  });
});
