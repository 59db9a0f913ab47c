import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { FetchRefusedError, InputError, OperationalError, sha256Hex } from '@echotrace/core';
import { HttpFetcher, type HttpFetcherOptions } from '@echotrace/fetch';
import { FixtureServer, respond } from './helpers/fixture.server.ts';

let server: FixtureServer;
before(async () => {
  server = await FixtureServer.start();
});
after(() => server.close());
beforeEach(() => server.reset());

// Short limits keep the suite fast; robots.txt is off unless a test is about it.
function fetcher(options: HttpFetcherOptions = {}): HttpFetcher {
  return new HttpFetcher({
    allowPrivateNetwork: true,
    respectRobots: false,
    timeoutMs: 500,
    retries: 2,
    backoffBaseMs: 5,
    perHostDelayMs: 0,
    clock: { now: () => new Date('2024-11-26T09:15:00Z') },
    ...options,
  });
}

async function refusedWith(promise: Promise<unknown>, reason: string, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof FetchRefusedError, `expected FetchRefusedError, got ${String(error)}`);
    assert.equal(error.reason, reason);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('HttpFetcher: responses as archive records', () => {
  it('returns request URL, final URL, status, headers, time, bytes and SHA-256', async () => {
    server.route(
      '/page',
      respond(200, 'Привет', { 'content-type': 'text/html; charset=utf-8', etag: '"v1"' }),
    );
    const response = await fetcher().fetch({ url: server.url('/page#frag') });
    assert.equal(response.requestUrl, server.url('/page#frag'));
    assert.equal(response.finalUrl, server.url('/page'));
    assert.equal(response.status, 200);
    assert.equal(response.statusText, 'OK');
    assert.equal(response.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(response.headers.etag, '"v1"');
    assert.equal(response.fetchedAt, '2024-11-26T09:15:00.000Z');
    assert.equal(new TextDecoder().decode(response.bytes), 'Привет');
    assert.equal(response.sha256, sha256Hex(new TextEncoder().encode('Привет')));
    assert.deepEqual(response.redirects, []);
  });

  it('sends a clear User-Agent and asks for compressed bodies', async () => {
    server.route('/ua', respond(200, 'ok'));
    const response = await fetcher({ userAgent: 'EchotraceBot/9 (+contact)' }).fetch({
      url: server.url('/ua'),
    });
    const [seen] = server.hits('/ua');
    assert.equal(seen!.headers['user-agent'], 'EchotraceBot/9 (+contact)');
    assert.match(seen!.headers['accept-encoding'] ?? '', /gzip.*br/);
    assert.equal(response.requestHeaders['user-agent'], 'EchotraceBot/9 (+contact)');
  });

  for (const [encoding, compress] of [
    ['gzip', gzipSync],
    ['br', brotliCompressSync],
    ['deflate', deflateSync],
  ] as const) {
    it(`decodes ${encoding} bodies and hashes the decoded payload`, async () => {
      const body = 'Сжатый текст '.repeat(200);
      server.route('/z', respond(200, compress(Buffer.from(body)), { 'content-encoding': encoding }));
      const response = await fetcher().fetch({ url: server.url('/z') });
      assert.equal(new TextDecoder().decode(response.bytes), body);
      assert.equal(response.sha256, sha256Hex(Buffer.from(body)));
    });
  }

  it('rejects a corrupt compressed body as bad input', async () => {
    server.route('/bad', respond(200, 'not gzip at all', { 'content-encoding': 'gzip' }));
    await assert.rejects(
      fetcher().fetch({ url: server.url('/bad') }),
      (e: unknown) => e instanceof InputError && /corrupt gzip/.test(e.message),
    );
  });
});

describe('HttpFetcher: conditional GET', () => {
  it('sends ETag and Last-Modified validators and returns a 304 with no body', async () => {
    server.route('/c', (request, response) => {
      const fresh = request.headers['if-none-match'] === '"abc"';
      if (fresh) response.writeHead(304, { etag: '"abc"' }).end();
      else
        response
          .writeHead(200, { etag: '"abc"', 'last-modified': 'Tue, 26 Nov 2024 06:00:00 GMT' })
          .end('body');
    });
    const http = fetcher();
    const first = await http.fetch({ url: server.url('/c') });
    assert.equal(first.status, 200);
    const second = await http.fetch({
      url: server.url('/c'),
      etag: first.headers.etag,
      lastModified: first.headers['last-modified'],
    });
    assert.equal(second.status, 304);
    assert.equal(second.bytes.byteLength, 0);
    const seen = server.hits('/c');
    assert.equal(seen[0]!.headers['if-none-match'], undefined);
    assert.equal(seen[1]!.headers['if-none-match'], '"abc"');
    assert.equal(seen[1]!.headers['if-modified-since'], 'Tue, 26 Nov 2024 06:00:00 GMT');
  });
});

describe('HttpFetcher: redirects', () => {
  it('follows relative and absolute redirects and records the chain', async () => {
    server.route('/a', respond(301, '', { location: '/b' }));
    server.route('/b', (_request, response) => response.writeHead(302, { location: server.url('/c') }).end());
    server.route('/c', respond(200, 'end'));
    const response = await fetcher().fetch({ url: server.url('/a') });
    assert.equal(response.finalUrl, server.url('/c'));
    assert.deepEqual(response.redirects, [server.url('/a'), server.url('/b')]);
    assert.equal(new TextDecoder().decode(response.bytes), 'end');
  });

  it('stops a redirect loop at the limit', async () => {
    server.route('/loop', respond(302, '', { location: '/loop' }));
    await assert.rejects(
      fetcher({ maxRedirects: 3 }).fetch({ url: server.url('/loop') }),
      (e: unknown) => e instanceof InputError && /too many redirects \(more than 3\)/.test(e.message),
    );
    assert.equal(server.hits('/loop').length, 4);
  });

  it('refuses a redirect to a non-http scheme', async () => {
    server.route('/to-file', respond(302, '', { location: 'file:///etc/passwd' }));
    await refusedWith(fetcher().fetch({ url: server.url('/to-file') }), 'scheme', /only http and https/);
  });
});

describe('HttpFetcher: address guard (SSRF)', () => {
  it('refuses a loopback URL when private networks are not allowed, without connecting', async () => {
    server.route('/secret', respond(200, 'secret'));
    await refusedWith(
      fetcher({ allowPrivateNetwork: false }).fetch({ url: server.url('/secret') }),
      'address',
      /private, loopback/,
    );
    assert.equal(server.hits('/secret').length, 0);
  });

  it('refuses IPv6 loopback and IPv4 written as a decimal number', async () => {
    await refusedWith(
      fetcher({ allowPrivateNetwork: false }).fetch({ url: 'http://[::1]:9/' }),
      'address',
      /::1/,
    );
    await refusedWith(
      fetcher({ allowPrivateNetwork: false }).fetch({ url: 'http://2130706433:9/' }),
      'address',
      /127\.0\.0\.1/,
    );
  });

  it('refuses a redirect to the cloud metadata address even when private networks are allowed', async () => {
    server.route('/to-metadata', respond(302, '', { location: 'http://169.254.169.254/latest/meta-data/' }));
    await refusedWith(
      fetcher({ allowPrivateNetwork: true }).fetch({ url: server.url('/to-metadata') }),
      'address',
      /cloud metadata/,
    );
  });

  it('refuses a name that resolves to a private address', async () => {
    const http = fetcher({
      allowPrivateNetwork: false,
      resolver: () => Promise.resolve([{ address: '10.0.0.7', family: 4 }]),
    });
    await refusedWith(http.fetch({ url: 'http://intranet.test/' }), 'address', /10\.0\.0\.7/);
  });

  it('checks names after DNS resolution: a name answering with a metadata address is refused', async () => {
    const http = fetcher({
      allowPrivateNetwork: true,
      resolver: () => Promise.resolve([{ address: '169.254.169.254', family: 4 }]),
    });
    await refusedWith(
      http.fetch({ url: 'http://innocent.test/' }),
      'address',
      /cloud metadata address \(169\.254\.169\.254\)/,
    );
  });

  it('refuses a name whose answers mix public and private addresses (rebinding)', async () => {
    const resolver = (): Promise<Array<{ address: string; family: number }>> =>
      Promise.resolve([
        { address: '93.184.216.34', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ]);
    await refusedWith(
      fetcher({ allowPrivateNetwork: false, resolver }).fetch({ url: 'http://rebind.test/' }),
      'address',
      /127\.0\.0\.1/,
    );
  });

  it('connects to the resolved, checked address', async () => {
    server.route('/via-name', respond(200, 'reached'));
    const http = fetcher({
      allowPrivateNetwork: true,
      resolver: () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]),
    });
    const response = await http.fetch({ url: `http://fixture.test:${server.port}/via-name` });
    assert.equal(new TextDecoder().decode(response.bytes), 'reached');
    assert.equal(server.hits('/via-name')[0]!.headers.host, `fixture.test:${server.port}`);
  });

  it('refuses non-http schemes', async () => {
    await refusedWith(fetcher().fetch({ url: 'file:///etc/passwd' }), 'scheme', /not file/);
    await refusedWith(fetcher().fetch({ url: 'ftp://example.org/x' }), 'scheme', /not ftp/);
  });
});

describe('HttpFetcher: limits', () => {
  it('times out a slow response', async () => {
    server.route('/slow', (_request, response) => {
      const timer = setTimeout(() => response.end('late'), 2000);
      response.on('close', () => clearTimeout(timer));
    });
    await assert.rejects(
      fetcher({ timeoutMs: 100, retries: 0 }).fetch({ url: server.url('/slow') }),
      (e: unknown) => e instanceof OperationalError && /timed out after 100 ms/.test(e.message),
    );
  });

  it('aborts a body larger than the maximum (streamed, no Content-Length)', async () => {
    server.route('/huge', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(16 * 1024, 120);
      const pump = (): void => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', pump);
      };
      response.on('error', () => {});
      pump();
    });
    await assert.rejects(
      fetcher({ maxBodyBytes: 64 * 1024 }).fetch({ url: server.url('/huge') }),
      (e: unknown) => e instanceof InputError && /exceeds the maximum of 65536 bytes/.test(e.message),
    );
    assert.equal(server.hits('/huge').length, 1, 'an oversized body is not retried');
  });

  it('refuses a declared Content-Length over the maximum before reading', async () => {
    server.route('/declared', respond(200, Buffer.alloc(100_000), { 'content-length': '100000' }));
    await assert.rejects(
      fetcher({ maxBodyBytes: 1000 }).fetch({ url: server.url('/declared') }),
      /body of 100000 bytes exceeds/,
    );
  });

  it('applies the maximum after decompression (gzip bomb)', async () => {
    server.route(
      '/bomb',
      respond(200, gzipSync(Buffer.alloc(5 * 1024 * 1024)), { 'content-encoding': 'gzip' }),
    );
    await assert.rejects(
      fetcher({ maxBodyBytes: 1024 * 1024 }).fetch({ url: server.url('/bomb') }),
      /exceeds the maximum of 1048576 bytes after gzip decoding/,
    );
  });
});

describe('HttpFetcher: retries', () => {
  it('retries a 503 and succeeds', async () => {
    server.route('/flaky', (_request, response, hit) => {
      if (hit === 1) response.writeHead(503).end('busy');
      else response.writeHead(200).end('fine');
    });
    const response = await fetcher().fetch({ url: server.url('/flaky') });
    assert.equal(response.status, 200);
    assert.equal(server.hits('/flaky').length, 2);
  });

  it('honours 429 with Retry-After', async () => {
    server.route('/limited', (_request, response, hit) => {
      if (hit === 1) response.writeHead(429, { 'retry-after': '0' }).end();
      else response.writeHead(200).end('ok');
    });
    assert.equal((await fetcher().fetch({ url: server.url('/limited') })).status, 200);
    assert.equal(server.hits('/limited').length, 2);
  });

  it('gives up at once when Retry-After is longer than allowed', async () => {
    server.route('/later', respond(429, '', { 'retry-after': '3600' }));
    await assert.rejects(
      fetcher({ maxRetryAfterMs: 1000 }).fetch({ url: server.url('/later') }),
      /Retry-After 3600000 ms is too long/,
    );
    assert.equal(server.hits('/later').length, 1);
  });

  it('does not retry a 404 and returns it', async () => {
    const response = await fetcher().fetch({ url: server.url('/missing') });
    assert.equal(response.status, 404);
    assert.equal(server.hits('/missing').length, 1);
  });

  it('fails as transient after retries are exhausted', async () => {
    server.route('/down', respond(500, 'error'));
    await assert.rejects(
      fetcher({ retries: 2 }).fetch({ url: server.url('/down') }),
      (e: unknown) => e instanceof OperationalError && /HTTP 500 after 3 attempts/.test(e.message),
    );
    assert.equal(server.hits('/down').length, 3);
  });

  it('retries a dropped connection', async () => {
    server.route('/drop', (request, response, hit) => {
      if (hit === 1) request.socket.destroy();
      else response.writeHead(200).end('second time');
    });
    const response = await fetcher().fetch({ url: server.url('/drop') });
    assert.equal(new TextDecoder().decode(response.bytes), 'second time');
    assert.equal(server.hits('/drop').length, 2);
  });
});

describe('HttpFetcher: cancellation', () => {
  it('stops waiting for a host slot when the signal aborts', async () => {
    server.route('/wait', respond(200, 'ok'));
    const http = fetcher({ perHostDelayMs: 5000 });
    await http.fetch({ url: server.url('/wait') });
    const controller = new AbortController();
    const pending = http.fetch({ url: server.url('/wait'), signal: controller.signal });
    controller.abort();
    await assert.rejects(pending, (e: unknown) => e instanceof OperationalError && /aborted/.test(e.message));
    assert.equal(server.hits('/wait').length, 1);
  });
});

describe('HttpFetcher: politeness', () => {
  it('refuses paths robots.txt disallows and never requests them', async () => {
    server.route(
      '/robots.txt',
      respond(200, 'User-agent: *\nDisallow: /private\n\nUser-agent: OtherBot\nDisallow: /\n'),
    );
    server.route('/public', respond(200, 'ok'));
    const http = fetcher({ respectRobots: true });
    assert.equal((await http.fetch({ url: server.url('/public') })).status, 200);
    await refusedWith(http.fetch({ url: server.url('/private/doc') }), 'robots', /robots\.txt/);
    assert.equal(server.hits('/private/doc').length, 0);
    assert.equal(server.hits('/robots.txt').length, 1, 'robots.txt is cached per origin');
  });

  it('matches rules addressed to our agent token', async () => {
    server.route('/robots.txt', respond(200, 'User-agent: EchotraceBot\nDisallow: /\n'));
    await refusedWith(
      fetcher({ respectRobots: true }).fetch({ url: server.url('/anything') }),
      'robots',
      /robots/,
    );
  });

  it('treats a missing robots.txt as allow-all and an erroring one as disallow-all', async () => {
    server.route('/x', respond(200, 'ok'));
    assert.equal((await fetcher({ respectRobots: true }).fetch({ url: server.url('/x') })).status, 200);
    server.route('/robots.txt', respond(503, 'down'));
    await refusedWith(
      fetcher({ respectRobots: true, retries: 0 }).fetch({ url: server.url('/x') }),
      'robots',
      /robots/,
    );
  });

  it('spaces requests to one host by Crawl-delay', async () => {
    server.route('/robots.txt', respond(200, 'User-agent: *\nCrawl-delay: 0.15\n'));
    server.route('/p', respond(200, 'ok'));
    const http = fetcher({ respectRobots: true });
    await Promise.all([1, 2, 3].map(() => http.fetch({ url: server.url('/p') })));
    const times = server.hits('/p').map((hit) => hit.at);
    assert.equal(times.length, 3);
    for (let i = 1; i < times.length; i++)
      assert.ok(times[i]! - times[i - 1]! >= 130, `gap ${times[i]! - times[i - 1]!} ms`);
  });

  it('keeps at most the configured number of requests in flight per host', async () => {
    server.route('/held', (_request, response) => {
      setTimeout(() => response.end('ok'), 30);
    });
    await Promise.all(
      [1, 2, 3, 4].map(() => fetcher({ perHostConcurrency: 1 }).fetch({ url: server.url('/held') })),
    );
    assert.equal(server.maxInFlight, 4, 'separate fetchers do not share limits');
    server.maxInFlight = 0;
    const shared = fetcher({ perHostConcurrency: 1 });
    await Promise.all([1, 2, 3, 4].map(() => shared.fetch({ url: server.url('/held') })));
    assert.equal(server.maxInFlight, 1);
  });
});

describe('HttpFetcher: robots.txt and the address guard together', () => {
  it('reports the address refusal, not a robots verdict, when the host is forbidden', async () => {
    server.route('/robots.txt', respond(200, 'User-agent: *\nAllow: /\n'));
    await refusedWith(
      fetcher({ respectRobots: true, allowPrivateNetwork: false }).fetch({ url: server.url('/x') }),
      'address',
      /127\.0\.0\.1/,
    );
    assert.equal(server.seen.length, 0);
  });
});
