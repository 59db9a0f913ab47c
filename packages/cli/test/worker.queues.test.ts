// The per-item queues a fleet of workers shares, run end to end through the CLI: pages fetched
// from a real HTTP server on loopback, and stored documents re-enriched after a KB change.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, tempDir } from './cli.harness.ts';
import { startFixtureSite, type FixtureSite } from './helpers/http.fixture.ts';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Alliance talk</title>
<meta property="article:published_time" content="2024-03-14T12:20:00+10:00"></head><body>
<nav><a href="/">Home</a></nav><article><h1>Alliance talk</h1>
<p>Deputy minister Oleg Dyakonov said in Vladivostok that the sanctions regime against North Korea was outdated.</p>
<p>Kim Jong Un was not mentioned by name, but Moscow and Pyongyang have exchanged delegations all year.</p>
</article><footer>© Example</footer></body></html>`;

describe('worker queues', () => {
  let site: FixtureSite;
  const env = { ECHOTRACE_ALLOW_PRIVATE_NETWORK: '1', ECHOTRACE_FETCH_DELAY_MS: '0' };
  before(async () => {
    site = await startFixtureSite({
      '/robots.txt': (_q, r) =>
        r.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n'),
      '/2024/03/alliance.html': (_q, r) =>
        r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE),
      '/gone.html': (_q, r) => r.writeHead(410).end('gone'),
    });
  });
  after(() => site.close());

  it('fetch-url jobs fetch, archive, extract, enrich and store pages; a 4xx page is dead-lettered', async () => {
    const db = path.join(tempDir(), 'c.db');
    const add = await runCli(
      [
        'jobs',
        'add',
        'fetch-url',
        site.url('/2024/03/alliance.html'),
        site.url('/gone.html'),
        '--db',
        db,
        '--json',
      ],
      env,
    );
    assert.deepEqual(JSON.parse(add.stdout), { added: 2, existing: 0 });
    const again = await runCli(
      ['jobs', 'add', 'fetch-url', site.url('/2024/03/alliance.html'), '--db', db, '--json'],
      env,
    );
    assert.deepEqual(JSON.parse(again.stdout), { added: 0, existing: 1 });

    const worked = await runCli(
      ['worker', '--queue', 'fetch-url', '--until-empty', '--poll-ms', '10', '--db', db, '--json'],
      env,
    );
    assert.deepEqual(JSON.parse(worked.stdout), { done: 1, retried: 0, dead: 1 });

    const found = JSON.parse((await runCli(['search', 'Dyakonov', '--db', db, '--json'], env)).stdout) as {
      hits: Array<{ documentId: string; title: string; publishedAt: string }>;
    };
    assert.equal(found.hits.length, 1);
    assert.equal(found.hits[0]!.title, 'Alliance talk');
    assert.equal(found.hits[0]!.publishedAt, '2024-03-14T12:20:00+10:00');
    const shown = JSON.parse(
      (await runCli(['show', found.hits[0]!.documentId, '--db', db, '--json'], env)).stdout,
    ) as {
      document: { text: string };
      capture: { mediaType: string; origin: string };
      annotations: Array<{ kind: string; attributes: { entityId?: string } }>;
    };
    assert.doesNotMatch(shown.document.text, /Home|©/);
    assert.equal(shown.capture.mediaType, 'text/html');
    const entities = shown.annotations.filter((a) => a.kind === 'entity').map((a) => a.attributes.entityId);
    assert.ok(entities.includes('Q423'), `North Korea resolved (got ${entities.join(', ')})`);

    const jobs = JSON.parse((await runCli(['jobs', '--db', db, '--json'], env)).stdout) as unknown;
    assert.match(JSON.stringify(jobs), /gone\.html[^}]*HTTP 410/);
  });

  it('enrich-document jobs re-run the enrichers on stored documents', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'c.db');
    const file = path.join(dir, 'a.ndjson');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      file,
      JSON.stringify({
        url: 'https://o.test/1',
        title: 'T',
        text: 'Kim Jong Un met officials in Pyongyang on Monday.',
        source: 'O',
        language: 'en',
      }),
    );
    await runCli(['ingest', file, '--no-enrich', '--db', db], env);
    const count = async (): Promise<number> =>
      (JSON.parse((await runCli(['stats', '--db', db, '--json'], env)).stdout) as { annotations: number })
        .annotations;
    assert.equal(await count(), 0);
    assert.deepEqual(
      JSON.parse(
        (await runCli(['jobs', 'add', 'enrich-document', '--all', '--db', db, '--json'], env)).stdout,
      ),
      { added: 1, existing: 0 },
    );
    await runCli(
      ['worker', '--queue', 'enrich-document', '--until-empty', '--poll-ms', '10', '--db', db],
      env,
    );
    const annotated = await count();
    assert.ok(annotated >= 2, `mentions stored (${annotated})`);
    // Running it again replaces, never duplicates.
    await runCli(['jobs', 'add', 'enrich-document', '--all', '--db', db], env);
    await runCli(
      ['worker', '--queue', 'enrich-document', '--until-empty', '--poll-ms', '10', '--db', db],
      env,
    );
    assert.equal(await count(), annotated);
  });
});
