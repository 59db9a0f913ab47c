// `analyze URL` fetches through the guarded fetcher `watch` uses, not the platform's fetch: private
// addresses are refused (unless allowed), every redirect hop is checked, bodies have a size limit,
// and with a database the exchange is archived.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openSqliteStore } from '@echotrace/storage';
import { runCli, tempDir } from './cli.harness.ts';
import { startFixtureSite, type FixtureSite } from './helpers/http.fixture.ts';

const ARTICLE =
  '<!doctype html><html><head><title>Переправа</title></head><body><article><h1>Переправа</h1>' +
  '<p>Паромная переправа через залив у Ольховска возобновит работу в пятницу после перерыва.</p>' +
  '<p>Первый рейс отправится в семь утра, билеты продают только в кассах на причале.</p></article></body></html>';
const ALLOW = { ECHOTRACE_ALLOW_PRIVATE_NETWORK: '1', ECHOTRACE_FETCH_DELAY_MS: '0' };

describe('analyze URL', () => {
  let site: FixtureSite;
  before(async () => {
    site = await startFixtureSite({
      '/robots.txt': (_request, response) => response.writeHead(404).end(),
      '/article': (_request, response) =>
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE),
      '/to-metadata': (_request, response) =>
        response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
      '/big': (_request, response) =>
        response.writeHead(200, { 'content-type': 'text/html' }).end(`<p>${'x'.repeat(5000)}</p>`),
    });
  });
  after(() => site.close());

  const db = (): string => path.join(tempDir(), 'absent.db');

  it('refuses a loopback URL without connecting unless ECHOTRACE_ALLOW_PRIVATE_NETWORK=1', async () => {
    const refused = await runCli(['analyze', site.url('/article'), '--db', db()]);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /^echotrace analyze: http:\/\/127\.0\.0\.1:\d+\/\S*: refused: .*private, loopback/,
    );
    assert.equal(site.seen.filter((s) => s.path === '/article').length, 0);

    const allowed = await runCli(['analyze', site.url('/article'), '--json', '--db', db()], ALLOW);
    assert.equal(allowed.code, 0, allowed.stderr);
    const analysis = JSON.parse(allowed.stdout) as { source: string; title: string; text: string };
    assert.equal(analysis.source, site.url('/article'));
    assert.equal(analysis.title, 'Переправа');
    assert.match(analysis.text, /Паромная переправа/);
  });

  it('checks every redirect hop: a redirect to a forbidden address is refused', async () => {
    const result = await runCli(['analyze', site.url('/to-metadata'), '--db', db()], ALLOW);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /cloud metadata/);
  });

  it('refuses a body over ECHOTRACE_FETCH_MAX_BYTES with an error naming the limit', async () => {
    const result = await runCli(['analyze', site.url('/big'), '--db', db()], {
      ...ALLOW,
      ECHOTRACE_FETCH_MAX_BYTES: '1000',
    });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^echotrace analyze: http:\/\/127\.0\.0\.1:\d+\/big: .*1000/);
    assert.equal(result.stdout, '');
  });

  it('archives the exchange when the database exists, and creates none otherwise', async () => {
    const absent = db();
    assert.equal((await runCli(['analyze', site.url('/article'), '--db', absent], ALLOW)).code, 0);
    assert.equal(existsSync(absent), false);
    assert.equal((await runCli(['stats', '--db', absent])).code, 0); // creates it, empty
    const result = await runCli(['analyze', site.url('/article'), '--db', absent], ALLOW);
    assert.equal(result.code, 0, result.stderr);
    const store = openSqliteStore(absent);
    try {
      const entry = await store.archive.latestFor(site.url('/article'));
      assert.equal(entry?.status, 200);
      assert.equal((await store.documents.stats()).documents, 0);
    } finally {
      await store.close();
    }
  });
});
