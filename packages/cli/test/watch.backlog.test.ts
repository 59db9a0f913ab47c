// A feed answered 304 Not Modified still lists items not yet taken: a poll that stopped at
// --max-items, or was killed after archiving the feed and before fetching its pages, must find the
// rest on the next poll. Before, a 304 was read as "nothing listed", so those items were lost until
// the feed itself changed.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openSqliteStore } from '@echotrace/storage';
import { runCli, tempDir } from './cli.harness.ts';
import { startFixtureSite, type FixtureSite } from './helpers/http.fixture.ts';

const env = {
  ECHOTRACE_ALLOW_PRIVATE_NETWORK: '1',
  ECHOTRACE_FETCH_DELAY_MS: '0',
  ECHOTRACE_FETCH_TIMEOUT_MS: '2000',
};

describe('watch with a conditional feed', () => {
  let site: FixtureSite;
  let feedAnswers: number[];

  before(async () => {
    site = await startFixtureSite();
    feedAnswers = [];
    const base = site.url('');
    const items = [1, 2, 3]
      .map(
        (n) =>
          `<item><title>Item ${n}</title><link>${base}/news/${n}</link><pubDate>Tue, 0${n} Oct 2024 09:00:00 +0000</pubDate></item>`,
      )
      .join('');
    const rss = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>${items}</channel></rss>`;
    site.routes.set('/robots.txt', (_q, res) => res.writeHead(200).end('User-agent: *\nAllow: /\n'));
    site.routes.set('/rss.xml', (request, response) => {
      const unchanged = request.headers['if-none-match'] === '"v1"';
      feedAnswers.push(unchanged ? 304 : 200);
      if (unchanged) response.writeHead(304, { etag: '"v1"' }).end();
      else response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(rss);
    });
    for (const n of [1, 2, 3])
      site.routes.set(`/news/${n}`, (_q, res) =>
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(
            `<html><head><title>Item ${n}</title></head><body><article><p>The text of item number ${n}, long enough to be an article about the harbour and the convoy.</p></article></body></html>`,
          ),
      );
  });
  after(() => site.close());

  it('takes the backlog of an unchanged feed one poll at a time', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'w.db');
    const sources = path.join(dir, 'sources.yaml');
    writeFileSync(
      sources,
      `sources:\n  - name: Wire\n    id: wire\n    language: en\n    feeds: [${site.url('/rss.xml')}]\n`,
    );
    assert.equal((await runCli(['sources', 'import', sources, '--db', db], env)).code, 0);
    for (let poll = 0; poll < 3; poll++) {
      const result = await runCli(
        ['watch', '--source', 'wire', '--max-items', '1', '--json', '--db', db],
        env,
      );
      assert.equal(result.code, 0, result.stderr);
    }
    assert.deepEqual(feedAnswers, [200, 304, 304], 'the feed was fetched conditionally after the first poll');
    const store = openSqliteStore(db);
    try {
      const titles = (await store.documents.list({ limit: 10 })).map((d) => d.title).sort();
      assert.deepEqual(titles, ['Item 1', 'Item 2', 'Item 3'], 'newest first, one per poll, none lost');
    } finally {
      await store.close();
    }
  });
});
