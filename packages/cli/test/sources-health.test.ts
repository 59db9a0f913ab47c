import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli, tempDir } from './cli.harness.ts';

describe('echotrace sources health', () => {
  it('reports a source that published daily and has gone silent, from its stored documents', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'c.db');
    const day = 24 * 3600 * 1000;
    const now = Date.now();
    const lines: string[] = [];
    // Two a day for the four weeks before the last five days, then nothing; another outlet goes on.
    for (let d = 5; d < 33; d++) {
      for (const n of [1, 2]) {
        const published = new Date(now - d * day - n * 3600 * 1000).toISOString();
        lines.push(
          JSON.stringify({
            url: `https://quiet.test/${d}/${n}`,
            text: `Report ${d}.${n}`,
            published,
            source: 'Quiet Outlet',
          }),
        );
        lines.push(
          JSON.stringify({
            url: `https://busy.test/${d}/${n}`,
            text: `Report ${d}.${n}`,
            published,
            source: 'Busy Outlet',
          }),
        );
      }
    }
    for (let d = 0; d < 3; d++) {
      const published = new Date(now - d * day - 3600 * 1000).toISOString();
      lines.push(
        JSON.stringify({
          url: `https://busy.test/recent/${d}`,
          text: `Fresh ${d}`,
          published,
          source: 'Busy Outlet',
        }),
      );
      lines.push(
        JSON.stringify({
          url: `https://busy.test/recent/${d}b`,
          text: `Fresh ${d}b`,
          published,
          source: 'Busy Outlet',
        }),
      );
    }
    writeFileSync(path.join(dir, 'feed.ndjson'), lines.join('\n'));
    await runCli(['ingest', path.join(dir, 'feed.ndjson'), '--no-enrich', '--no-dedupe', '--db', db]);
    const rows = JSON.parse((await runCli(['sources', 'health', '--json', '--db', db])).stdout) as Array<{
      sourceId: string;
      lastPollAt: string | null;
      activity: { state: string; baselinePerDay: number };
    }>;
    const quiet = rows.find((r) => r.sourceId === 'quiet-outlet')!;
    const busy = rows.find((r) => r.sourceId === 'busy-outlet')!;
    assert.equal(quiet.activity.state, 'silent');
    assert.ok(quiet.activity.baselinePerDay > 1);
    assert.equal(quiet.lastPollAt, null);
    assert.equal(busy.activity.state, 'ok');
    const text = (await runCli(['sources', 'health', '--db', db])).stdout;
    assert.match(text, /quiet-outlet {2}SILENT/);
    assert.doesNotMatch(text, /busy-outlet {2}(SILENT|DECLINING)/);
  });
});
