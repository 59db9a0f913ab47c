import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { documentIdForKey } from '@echotrace/core';
import { openSqliteStore } from '@echotrace/storage';
import { runCli, tempDir } from './cli.harness.ts';
import { startFixtureSite, type FixtureSite } from './helpers/http.fixture.ts';

// Node decodes these code pages but has no encoder: invert the decoder's table.
function encode8bit(text: string, charset: 'windows-1251' | 'koi8-r'): Buffer {
  const decoder = new TextDecoder(charset);
  const table = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) table.set(decoder.decode(Uint8Array.of(byte)), byte);
  return Buffer.from([...text].map((ch) => table.get(ch) ?? 0x3f));
}

function page(title: string, body: string, meta = '<meta charset="utf-8">'): string {
  return `<html><head>${meta}<title>${title}</title></head><body><article><p>${body}</p></article></body></html>`;
}

describe('echotrace sources and watch', () => {
  let site: FixtureSite;
  let db: string;
  let base: string;
  const env = {
    ECHOTRACE_ALLOW_PRIVATE_NETWORK: '1',
    ECHOTRACE_FETCH_DELAY_MS: '0',
    ECHOTRACE_FETCH_TIMEOUT_MS: '2000',
  };

  before(async () => {
    site = await startFixtureSite();
    base = site.url('');
    const r = site.routes;
    const fixed =
      (status: number, headers: Record<string, string>, body: string | Buffer) =>
      (_q: unknown, res: ServerResponse) =>
        res.writeHead(status, headers).end(body);
    r.set('/robots.txt', fixed(200, {}, `User-agent: *\nDisallow: /admin\nSitemap: ${base}/sitemap.xml\n`));
    r.set(
      '/bare',
      fixed(200, { 'content-type': 'text/html' }, '<html><head><title>No links</title></head></html>'),
    );
    r.set(
      '/',
      fixed(
        200,
        { 'content-type': 'text/html' },
        `<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body></body></html>`,
      ),
    );
    const rss = `<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>Вестник</title>
<item><title>Первая новость</title><link>${base}/news/1</link><pubDate>Tue, 26 Nov 2024 09:15:00 +0300</pubDate></item>
<item><title>Вторая новость</title><link>${base}/news/2</link></item>
<item><title>Закрытая</title><link>${base}/admin/secret</link></item></channel></rss>`;
    r.set('/rss.xml', (request, response) => {
      if (request.headers['if-none-match'] === '"rss1"') response.writeHead(304, { etag: '"rss1"' }).end();
      else
        response
          .writeHead(200, { 'content-type': 'application/rss+xml', etag: '"rss1"' })
          .end(encode8bit(rss, 'windows-1251'));
    });
    r.set(
      '/news/1',
      fixed(
        200,
        { 'content-type': 'text/html' },
        encode8bit(
          page(
            'Первая новость',
            'Текст первой новости о переговорах в Москве.',
            '<meta charset="windows-1251">',
          ),
          'windows-1251',
        ),
      ),
    );
    r.set(
      '/news/2',
      fixed(
        200,
        { 'content-type': 'text/html; charset=koi8-r' },
        encode8bit(page('Вторая новость', 'Текст второй новости в кодировке КОИ-8.', ''), 'koi8-r'),
      ),
    );
    r.set(
      '/sitemap.xml',
      fixed(
        200,
        { 'content-type': 'application/xml' },
        `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${base}/sitemap-news.xml.gz</loc><lastmod>2024-11-26</lastmod></sitemap></sitemapindex>`,
      ),
    );
    r.set(
      '/sitemap-news.xml.gz',
      fixed(
        200,
        { 'content-type': 'application/gzip' },
        gzipSync(
          `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>${base}/news/5</loc><news:news><news:publication_date>2024-11-25T12:00:00+03:00</news:publication_date><news:title>Пятая новость</news:title></news:news></url></urlset>`,
        ),
      ),
    );
    r.set(
      '/news/5',
      fixed(
        200,
        { 'content-type': 'text/html; charset=utf-8' },
        page('Пятая новость', 'Текст пятой новости из карты сайта.'),
      ),
    );
    r.set(
      '/atom.xml',
      fixed(
        200,
        { 'content-type': 'application/atom+xml' },
        `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title><entry><title>Third</title><link href="${base}/news/3"/><id>3</id><updated>2024-11-24T08:00:00Z</updated></entry></feed>`,
      ),
    );
    r.set(
      '/news/3',
      fixed(200, { 'content-type': 'text/html' }, page('Third item', 'The third article body in English.')),
    );
    r.set(
      '/feed.json',
      fixed(
        200,
        { 'content-type': 'application/feed+json' },
        JSON.stringify({
          version: 'https://jsonfeed.org/version/1.1',
          title: 'JSON',
          items: [
            {
              id: '4',
              url: `${base}/news/4`,
              title: 'Fourth',
              content_html: '<p>Feed-only text of the fourth item.</p>',
            },
          ],
        }),
      ),
    );
    r.set('/news/4', fixed(200, { 'content-type': 'text/html' }, '<html><body></body></html>'));
    r.set('/broken.xml', fixed(404, {}, 'gone'));
    const lol = (n: number): string => `<!ENTITY lol${n} "${`&lol${n - 1};`.repeat(10)}">`;
    r.set(
      '/bomb.xml',
      fixed(
        200,
        { 'content-type': 'application/rss+xml' },
        `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">${[1, 2, 3, 4, 5, 6, 7, 8, 9].map(lol).join('')}]><rss version="2.0"><channel><title>&lol9;</title></channel></rss>`,
      ),
    );
    db = path.join(tempDir(), 'w.db');
  });
  after(() => site.close());

  it('adds a source with feed discovery and the sitemap robots.txt declares', async () => {
    const result = await runCli(
      [
        'sources',
        'add',
        'Вестник',
        '--id',
        'vestnik',
        '--homepage',
        `${base}/`,
        '--discover',
        '--language',
        'ru',
        '--label',
        'state-affiliated',
        '--json',
        '--db',
        db,
      ],
      env,
    );
    assert.equal(result.code, 0, result.stderr);
    const entry = JSON.parse(result.stdout) as { settings: { feeds: string[]; sitemaps: string[] } };
    assert.deepEqual(entry.settings.feeds, [`${base}/rss.xml`]);
    assert.deepEqual(entry.settings.sitemaps, [`${base}/sitemap.xml`]);
  });

  it('discovery falls back to probing common feed paths', async () => {
    const probe = path.join(tempDir(), 'probe.db');
    const result = await runCli(
      ['sources', 'add', 'Bare', '--homepage', `${base}/bare`, '--discover', '--json', '--db', probe],
      env,
    );
    assert.equal(result.code, 0, result.stderr);
    const entry = JSON.parse(result.stdout) as { settings: { feeds: string[] } };
    // /feed and /rss answer 404 here; /rss.xml is the first common path that is a feed.
    assert.deepEqual(entry.settings.feeds, [`${base}/rss.xml`]);
  });

  it('imports sources from YAML, validating the whole file first', async () => {
    const dir = tempDir();
    const good = path.join(dir, 'sources.yaml');
    writeFileSync(
      good,
      `sources:\n  - name: Other Outlet\n    language: en\n    feeds:\n      - ${base}/atom.xml\n      - ${base}/feed.json\n    pollIntervalMinutes: 15\n  - name: Broken Outlet\n    feeds: [${base}/broken.xml, ${base}/bomb.xml]\n`,
    );
    const result = await runCli(['sources', 'import', good, '--json', '--db', db], env);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { imported: 2, ids: ['other-outlet', 'broken-outlet'] });
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, `- name: Fine\n- name: Bad\n  feeds: [file:///etc/passwd]\n`);
    const rejected = await runCli(['sources', 'import', bad, '--db', db], env);
    assert.equal(rejected.code, 1);
    assert.match(
      rejected.stderr,
      /bad\.yaml: sources\[1\]\.feeds\[0\]: "file:\/\/\/etc\/passwd" is not an http\(s\) URL/,
    );
    const list = JSON.parse(
      (await runCli(['sources', 'list', '--json', '--db', db], env)).stdout,
    ) as unknown[];
    assert.equal(list.length, 3, 'nothing from the rejected file was saved');
  });

  it('watch polls feeds and sitemaps, archives pages, decodes charsets and ingests', async () => {
    const result = await runCli(['watch', '--once', '--json', '--db', db], env);
    assert.equal(result.code, 1, 'the broken source makes the run report failure');
    const reports = JSON.parse(result.stdout) as Array<{
      sourceId: string;
      fetched: number;
      ingest: { added: number };
      errors: Array<{ url: string; error: string }>;
    }>;
    const vestnik = reports.find((r) => r.sourceId === 'vestnik')!;
    assert.equal(vestnik.ingest.added, 3);
    assert.ok(vestnik.errors.some((e) => e.url.endsWith('/admin/secret') && /robots/.test(e.error)));
    assert.equal(reports.find((r) => r.sourceId === 'other-outlet')!.ingest.added, 2);
    const broken = reports.find((r) => r.sourceId === 'broken-outlet')!;
    assert.deepEqual(
      broken.errors.map((e) => [e.url, e.error]),
      [
        [`${base}/broken.xml`, 'HTTP 404'],
        [`${base}/bomb.xml`, 'XML with a DTD internal subset (entity declarations) is refused'],
      ],
    );

    const store = openSqliteStore(db);
    try {
      const first = await store.documents.get(documentIdForKey(`${base}/news/1`));
      assert.equal(first!.title, 'Первая новость');
      assert.match(first!.text, /Текст первой новости о переговорах/);
      assert.equal(first!.publishedAt, '2024-11-26T09:15:00+03:00');
      assert.equal(first!.sourceId, 'vestnik');
      assert.match((await store.documents.get(documentIdForKey(`${base}/news/2`)))!.text, /кодировке КОИ-8/);
      const fifth = await store.documents.get(documentIdForKey(`${base}/news/5`));
      assert.equal(fifth!.publishedAt, '2024-11-25T12:00:00+03:00');
      assert.match((await store.documents.get(documentIdForKey(`${base}/news/4`)))!.text, /Feed-only text/);
      const capture = await store.captures.get(first!.captureSha256);
      assert.equal(capture!.charset, 'windows-1251');
    } finally {
      await store.close();
    }
  });

  it('a second poll fetches feeds conditionally and skips stored items', async () => {
    const before = site.seen.length;
    const result = await runCli(['watch', '--source', 'vestnik', '--json', '--db', db], env);
    assert.equal(result.code, 0, result.stderr);
    const [report] = JSON.parse(result.stdout) as Array<{ fetched: number; ingest: { added: number } }>;
    assert.equal(report!.fetched, 0);
    const requests = site.seen.slice(before);
    assert.equal(requests.find((s) => s.path === '/rss.xml')!.headers['if-none-match'], '"rss1"');
    assert.ok(!requests.some((s) => s.path.startsWith('/news/')));
  });

  it('sources health shows successes, failures and backoff', async () => {
    const result = await runCli(['sources', 'health', '--json', '--db', db], env);
    const health = JSON.parse(result.stdout) as Array<{
      sourceId: string;
      consecutiveFailures: number;
      lastError: string | null;
      lastSuccessAt: string | null;
      nextPollAt: string;
    }>;
    const broken = health.find((h) => h.sourceId === 'broken-outlet')!;
    assert.equal(broken.consecutiveFailures, 1);
    assert.match(broken.lastError!, /broken\.xml: HTTP 404/);
    assert.equal(broken.lastSuccessAt, null);
    // Another failure doubles the wait: 30 min × 2² after two in a row.
    await runCli(['watch', '--source', 'broken-outlet', '--db', db], env);
    const again = (
      JSON.parse((await runCli(['sources', 'health', '--json', '--db', db], env)).stdout) as Array<{
        sourceId: string;
        consecutiveFailures: number;
        lastPollAt: string;
        nextPollAt: string;
      }>
    ).find((h) => h.sourceId === 'broken-outlet')!;
    assert.equal(again.consecutiveFailures, 2);
    assert.equal(Date.parse(again.nextPollAt) - Date.parse(again.lastPollAt), 120 * 60_000);
    const vestnik = health.find((h) => h.sourceId === 'vestnik')!;
    assert.equal(vestnik.consecutiveFailures, 0);
    // Not due again yet: a plain --once run polls nothing.
    const idle = JSON.parse(
      (await runCli(['watch', '--once', '--json', '--db', db], env)).stdout,
    ) as unknown[];
    assert.equal(idle.length, 0);
  });

  it('exports the archived fetches of one document as WARC', async () => {
    const out = path.join(tempDir(), 'doc.warc');
    const id = documentIdForKey(`${base}/news/1`);
    const result = await runCli(
      ['export', 'warc', '--out', out, '--document', id, '--json', '--db', db],
      env,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { out, records: 3, exchanges: 1, resources: 0 });
    const text = readFileSync(out, 'latin1');
    assert.match(text, new RegExp(`WARC-Target-URI: ${base}/news/1\r\n`));
    const missing = await runCli(['export', 'warc', '--out', out, '--document', 'nope', '--db', db], env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /document "nope" not found/);
  });

  it('exports sources as YAML that imports back, and refuses to remove a source with documents', async () => {
    const exported = await runCli(['sources', 'export', '--db', db], env);
    assert.match(exported.stdout, /id: vestnik/);
    const file = path.join(tempDir(), 'roundtrip.yaml');
    writeFileSync(file, exported.stdout);
    const other = path.join(tempDir(), 'other.db');
    assert.equal((await runCli(['sources', 'import', file, '--db', other], env)).code, 0);
    const again = await runCli(['sources', 'export', '--db', other], env);
    assert.equal(again.stdout, exported.stdout);
    const removal = await runCli(['sources', 'remove', 'vestnik', '--db', db], env);
    assert.equal(removal.code, 1);
    assert.match(removal.stderr, /still has 3 documents/);
    assert.equal((await runCli(['sources', 'remove', 'broken-outlet', '--db', db], env)).code, 0);
  });
});
