import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sha256Hex } from '@echotrace/core';
import { WARCParser } from 'warcio';
import { runCli, tempDir } from './cli.harness.ts';
import { startFixtureSite, type FixtureSite } from './helpers/http.fixture.ts';

const PAGE =
  '<html><head><meta charset="utf-8"><title>Заседание</title></head><body><p>Текст статьи.</p></body></html>';

describe('echotrace fetch and export warc', () => {
  let site: FixtureSite;
  let db: string;
  const env = {
    ECHOTRACE_ALLOW_PRIVATE_NETWORK: '1',
    ECHOTRACE_FETCH_DELAY_MS: '0',
    ECHOTRACE_FETCH_TIMEOUT_MS: '2000',
  };
  before(async () => {
    site = await startFixtureSite({
      '/robots.txt': (_q, r) => r.writeHead(200).end('User-agent: *\nDisallow: /private\n'),
      '/article': (request, response) => {
        if (request.headers['if-none-match'] === '"v1"') response.writeHead(304, { etag: '"v1"' }).end();
        else response.writeHead(200, { 'content-type': 'text/html', etag: '"v1"' }).end(PAGE);
      },
      '/old': (_q, r) => r.writeHead(301, { location: '/article' }).end(),
    });
    db = path.join(tempDir(), 'e.db');
  });
  after(() => site.close());

  it('fetches and archives, then re-fetches conditionally', async () => {
    const first = await runCli(['fetch', site.url('/article'), '--json', '--db', db], env);
    assert.equal(first.code, 0, first.stderr);
    const [result] = JSON.parse(first.stdout) as Array<{ status: number; sha256: string }>;
    assert.equal(result!.status, 200);
    assert.equal(result!.sha256, sha256Hex(PAGE));
    const second = await runCli(['fetch', site.url('/article'), '--json', '--db', db], env);
    assert.equal((JSON.parse(second.stdout) as Array<{ status: number }>)[0]!.status, 304);
    assert.equal(site.seen.filter((s) => s.path === '/article').at(-1)!.headers['if-none-match'], '"v1"');
  });

  it('reports robots.txt refusals and private addresses as failures', async () => {
    const robots = await runCli(['fetch', site.url('/private/x'), '--db', db], env);
    assert.equal(robots.code, 1);
    assert.match(robots.stderr, /disallowed by robots\.txt/);
    const guarded = await runCli(['fetch', site.url('/article'), '--db', db], {
      ...env,
      ECHOTRACE_ALLOW_PRIVATE_NETWORK: '0',
    });
    assert.equal(guarded.code, 1);
    assert.match(
      guarded.stderr,
      /refused: resolves to a private, loopback or link-local address \(127\.0\.0\.1\)/,
    );
  });

  it('exports the archive as WARC that warcio reads, selected by time', async () => {
    await runCli(['fetch', site.url('/old'), '--db', db], env);
    const out = path.join(tempDir(), 'all.warc.gz');
    const result = await runCli(['export', 'warc', '--out', out, '--json', '--db', db], env);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { out, records: 7, exchanges: 3, resources: 0 });
    const records: Array<{
      type: string | undefined;
      uri: string | undefined;
      status: number | undefined;
      payload: string;
    }> = [];
    for await (const record of new WARCParser([readFileSync(out)])) {
      const payload = new TextDecoder().decode(await record.readFully(false));
      records.push({
        type: record.warcType,
        uri: record.warcTargetURI ?? undefined,
        status: Number(record.httpHeaders?.statusCode),
        payload,
      });
    }
    assert.deepEqual(
      records.map((r) => r.type),
      ['warcinfo', 'request', 'response', 'request', 'response', 'request', 'response'],
    );
    const responses = records.filter((r) => r.type === 'response');
    assert.deepEqual(
      responses.map((r) => r.status),
      [200, 304, 200],
    );
    assert.equal(responses[0]!.payload, PAGE);
    assert.equal(responses[2]!.uri, site.url('/article'), 'the redirect target is the record URI');

    const none = path.join(tempDir(), 'none.warc');
    const empty = await runCli(
      ['export', 'warc', '--out', none, '--to', '2000-01-01', '--json', '--db', db],
      env,
    );
    assert.equal((JSON.parse(empty.stdout) as { exchanges: number }).exchanges, 0);
  });

  it('rejects bad usage', async () => {
    assert.equal((await runCli(['export', 'warc', '--db', db], env)).code, 2);
    const bad = await runCli(
      ['export', 'warc', '--out', path.join(tempDir(), 'x.warc'), '--from', 'yesterday', '--db', db],
      env,
    );
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--from: "yesterday" is not an ISO 8601/);
  });
});
