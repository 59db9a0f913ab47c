// SSRF over every command that fetches: fetch, analyze, watch and sources add --discover, each run
// as the CLI runs (the configured fetcher, the system resolver) against the same table of address
// forms. Prints refused/attempted per path for docs/reliability.md. The fetcher's own table
// (packages/fetch/test/ssrf.table.test.ts) adds hostile DNS answers and rebinding.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { LITERAL_HOSTS } from '@echotrace/fetch/test-targets';
import { runCli, tempDir } from './cli.harness.ts';
import { startFixtureSite, type FixtureSite } from './helpers/http.fixture.ts';

const env = { ECHOTRACE_FETCH_DELAY_MS: '0', ECHOTRACE_FETCH_TIMEOUT_MS: '1500' };
// A name the system resolver answers from /etc/hosts (trailing-dot names are in the fetcher's
// table, with a resolver the test controls: this machine's resolver does not answer `localhost.`).
const NAMES = ['localhost'];
const ALL = [...LITERAL_HOSTS, ...NAMES];
const REFUSED = /refused: resolves to (a private, loopback or link-local|a cloud metadata) address/;

function report(pathName: string, failures: string[], attempted: number): void {
  console.log(`ssrf ${pathName}: refused ${attempted - failures.length}/${attempted}`);
  assert.deepEqual(failures, [], `${pathName}: these got through the address guard`);
}

describe('SSRF over every fetching command', () => {
  let site: FixtureSite;
  let port: number;
  before(async () => {
    site = await startFixtureSite();
    port = Number(new URL(site.url('/')).port);
  });
  after(() => site.close());
  beforeEach(() => (site.seen.length = 0));
  const target = (host: string): string => `http://${host}:${port}/secret`;

  it('fetch refuses every form', async () => {
    const db = path.join(tempDir(), 'f.db');
    const result = await runCli(['fetch', ...ALL.map(target), '--json', '--db', db], env);
    assert.equal(result.code, 1, result.stderr);
    const outcomes = JSON.parse(result.stdout) as Array<{ url: string; error?: string }>;
    assert.equal(outcomes.length, ALL.length);
    const failures = outcomes.filter((o) => !REFUSED.test(o.error ?? '')).map((o) => `${o.url}: ${o.error}`);
    report('fetch', failures, ALL.length);
    assert.equal(site.seen.length, 0);
  });

  it('analyze refuses every form', async () => {
    const failures: string[] = [];
    for (const host of ALL) {
      const result = await runCli(
        ['analyze', target(host), '--json', '--db', path.join(tempDir(), 'none.db')],
        env,
      );
      if (result.code === 0 || !REFUSED.test(result.stderr))
        failures.push(`${host}: ${result.code} ${result.stderr}`);
    }
    report('analyze', failures, ALL.length);
    assert.equal(site.seen.length, 0);
  });

  it('watch refuses every form as a feed URL, and item links a feed points at', async () => {
    const db = path.join(tempDir(), 'w.db');
    const feeds = ALL.map(target);
    const added = await runCli(
      ['sources', 'add', 'Hostile', '--id', 'hostile', ...feeds.flatMap((f) => ['--feed', f]), '--db', db],
      env,
    );
    assert.equal(added.code, 0, added.stderr);
    const result = await runCli(['watch', '--once', '--json', '--db', db], env);
    const reports = JSON.parse(result.stdout) as Array<{ errors: Array<{ url: string; error: string }> }>;
    const errors = new Map(reports.flatMap((r) => r.errors).map((e) => [e.url, e.error]));
    // Saved feed URLs are normalized (2130706433 becomes 127.0.0.1), as the fetcher would see them.
    const errorFor = (url: string): string => errors.get(new URL(url).href) ?? 'no error reported';
    const failures = feeds.filter((f) => !REFUSED.test(errorFor(f))).map((f) => `${f}: ${errorFor(f)}`);
    report('watch (feed URLs)', failures, feeds.length);
    assert.equal(site.seen.length, 0);

    // A feed on an allowed origin (loopback allowed here) linking items at metadata addresses and
    // at a redirect to one: the metadata class is refused even with private networks allowed.
    const items = [
      'http://169.254.169.254/latest/meta-data/',
      'http://2852039166/decimal',
      'http://[::ffff:a9fe:a9fe]/x',
      'http://[::ffff:0:a9fe:a9fe]/x',
      'http://[2002:a9fe:a9fe::]/x',
      'http://100.100.100.200/x',
      site.url('/to-metadata'),
    ];
    site.routes.set('/to-metadata', (_q, res: ServerResponse) =>
      res.writeHead(302, { location: 'http://0xa9fea9fe/' }).end(),
    );
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${items
      .map((link, i) => `<item><title>item ${i}</title><link>${link}</link></item>`)
      .join('')}</channel></rss>`;
    site.routes.set('/hostile.xml', (_q, res: ServerResponse) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss),
    );
    const privateEnv = { ...env, ECHOTRACE_ALLOW_PRIVATE_NETWORK: '1' };
    const db2 = path.join(tempDir(), 'w2.db');
    await runCli(
      ['sources', 'add', 'Feed', '--id', 'feed', '--feed', site.url('/hostile.xml'), '--db', db2],
      privateEnv,
    );
    const polled = await runCli(['watch', '--once', '--json', '--db', db2], privateEnv);
    const itemErrors = new Map(
      (JSON.parse(polled.stdout) as typeof reports).flatMap((r) => r.errors).map((e) => [e.url, e.error]),
    );
    const itemFailures = items
      .filter((u) => !/cloud metadata address/.test(itemErrors.get(new URL(u).href) ?? ''))
      .map((u) => `${u}: ${itemErrors.get(new URL(u).href)}`);
    report('watch (feed items, redirects)', itemFailures, items.length);
  });

  it('sources add --discover refuses every form, saves nothing and exits non-zero', async () => {
    const db = path.join(tempDir(), 'd.db');
    const failures: string[] = [];
    for (const host of ALL) {
      const result = await runCli(
        ['sources', 'add', 'X', '--homepage', target(host), '--discover', '--db', db],
        env,
      );
      if (result.code === 0 || !REFUSED.test(result.stderr) || /robots\.txt/.test(result.stderr))
        failures.push(`${host}: ${result.code} ${result.stderr}`);
    }
    report('sources add --discover', failures, ALL.length);
    const listed = await runCli(['sources', 'list', '--json', '--db', db], env);
    assert.deepEqual(JSON.parse(listed.stdout), []);
    assert.equal(site.seen.length, 0);
  });
});

describe('sources add --discover: failures are reported as what they are', () => {
  it('a host that does not resolve: non-zero, nothing saved, "host not found" naming the homepage', async () => {
    const db = path.join(tempDir(), 'dns.db');
    const homepage = 'http://nowhere.invalid/';
    const result = await runCli(
      ['sources', 'add', 'Gone', '--homepage', homepage, '--discover', '--db', db],
      env,
    );
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /http:\/\/nowhere\.invalid\/: host not found/);
    assert.doesNotMatch(result.stderr, /robots/);
    const listed = await runCli(['sources', 'list', '--json', '--db', db], env);
    assert.deepEqual(JSON.parse(listed.stdout), []);
  });

  it('an unreachable homepage: non-zero and nothing saved', async () => {
    const site = await startFixtureSite();
    const homepage = site.url('/');
    await site.close();
    const db = path.join(tempDir(), 'down.db');
    const result = await runCli(
      ['sources', 'add', 'Down', '--homepage', homepage, '--discover', '--db', db],
      { ...env, ECHOTRACE_ALLOW_PRIVATE_NETWORK: '1' },
    );
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /ECONNREFUSED|could not be fetched/);
    const listed = await runCli(['sources', 'list', '--json', '--db', db], env);
    assert.deepEqual(JSON.parse(listed.stdout), []);
  });
});
