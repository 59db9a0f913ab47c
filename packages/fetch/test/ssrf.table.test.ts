// SSRF as a table: every address form an attacker can put in a URL, a DNS answer or a redirect,
// each expected to be refused before a byte is sent. The counts (refused / attempted) are printed
// for docs/reliability.md; a row that gets through fails the test and is named.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { FetchRefusedError } from '@echotrace/core';
import { HttpFetcher, type HttpFetcherOptions, type Resolver } from '@echotrace/fetch';
import { FixtureServer, respond } from './helpers/fixture.server.ts';
import { LITERAL_HOSTS } from './helpers/ssrf.targets.ts';

let server: FixtureServer;
before(async () => {
  server = await FixtureServer.start();
});
after(() => server.close());
beforeEach(() => server.reset());

function fetcher(options: HttpFetcherOptions = {}): HttpFetcher {
  return new HttpFetcher({
    allowPrivateNetwork: false,
    respectRobots: false,
    timeoutMs: 1000,
    retries: 0,
    perHostDelayMs: 0,
    ...options,
  });
}

/** What a hostile DNS server can answer for an innocent-looking name. */
const DNS_ANSWERS: Array<{ name: string; answers: Array<{ address: string; family: number }> }> = [
  { name: 'loopback.test', answers: [{ address: '127.0.0.1', family: 4 }] },
  { name: 'trailing-dot.test.', answers: [{ address: '127.0.0.1', family: 4 }] },
  { name: 'private.test', answers: [{ address: '10.1.2.3', family: 4 }] },
  { name: 'cgnat.test', answers: [{ address: '100.64.9.9', family: 4 }] },
  { name: 'linklocal.test', answers: [{ address: '169.254.3.3', family: 4 }] },
  { name: 'metadata.test', answers: [{ address: '169.254.169.254', family: 4 }] },
  { name: 'multicast.test', answers: [{ address: '224.0.0.251', family: 4 }] },
  { name: 'v6-loopback.test', answers: [{ address: '::1', family: 6 }] },
  { name: 'v6-ula.test', answers: [{ address: 'fd00::5', family: 6 }] },
  { name: 'v6-linklocal-zone.test', answers: [{ address: 'fe80::1%lo', family: 6 }] },
  { name: 'v6-mapped.test', answers: [{ address: '::ffff:127.0.0.1', family: 6 }] },
  { name: 'v6-translated.test', answers: [{ address: '::ffff:0:7f00:1', family: 6 }] },
  { name: 'v6-6to4.test', answers: [{ address: '2002:a00:1::1', family: 6 }] },
  {
    name: 'mixed.test',
    answers: [
      { address: '93.184.216.34', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ],
  },
  { name: 'garbage.test', answers: [{ address: 'not-an-address', family: 4 }] },
];

const resolverFor =
  (answers: Array<{ address: string; family: number }>): Resolver =>
  () =>
    Promise.resolve(answers);

async function refused(attempt: Promise<unknown>): Promise<string | null> {
  try {
    await attempt;
    return 'fetched';
  } catch (error) {
    if (error instanceof FetchRefusedError && error.reason === 'address') return null;
    return `not refused as an address: ${String(error)}`;
  }
}

function report(path: string, failures: string[], attempted: number): void {
  console.log(`ssrf ${path}: refused ${attempted - failures.length}/${attempted}`);
  assert.deepEqual(failures, [], `${path}: these got through the address guard`);
}

describe('SSRF table: HttpFetcher', () => {
  it('refuses every literal private, loopback, link-local, CGNAT, multicast and metadata form', async () => {
    const failures: string[] = [];
    for (const host of LITERAL_HOSTS) {
      const outcome = await refused(fetcher().fetch({ url: `http://${host}:${server.port}/secret` }));
      if (outcome) failures.push(`${host}: ${outcome}`);
    }
    report('literal URLs', failures, LITERAL_HOSTS.length);
    assert.equal(server.seen.length, 0);
  });

  it('refuses every name whose DNS answer is forbidden (a resolver the test controls)', async () => {
    const failures: string[] = [];
    for (const { name, answers } of DNS_ANSWERS) {
      const http = fetcher({ resolver: resolverFor(answers), timeoutMs: 2000 });
      const outcome = await refused(http.fetch({ url: `http://${name}:${server.port}/secret` }));
      if (outcome) failures.push(`${name}: ${outcome}`);
    }
    report('DNS names', failures, DNS_ANSWERS.length);
    assert.equal(server.seen.length, 0);
  });

  it('refuses a redirect to every metadata form, even with private networks allowed', async () => {
    // The origin is this loopback fixture, so private networks must be allowed to reach it; the
    // metadata class stays refused regardless, which is what a redirect must not escape.
    const targets = [
      'http://169.254.169.254/latest/meta-data/',
      'http://2852039166/',
      'http://0xa9fea9fe/',
      'http://0251.0376.0251.0376/',
      'http://169.254.169.254./',
      'http://[::ffff:169.254.169.254]/',
      'http://[::ffff:a9fe:a9fe]/',
      'http://[::ffff:0:a9fe:a9fe]/',
      'http://[2002:a9fe:a9fe::]/',
      'http://[fd00:ec2::254]/',
      'http://100.100.100.200/',
      'http://metadata.test/',
    ];
    const resolver: Resolver = (name) =>
      Promise.resolve([{ address: name === 'metadata.test' ? '169.254.169.254' : '127.0.0.1', family: 4 }]);
    const failures: string[] = [];
    for (const [i, target] of targets.entries()) {
      server.route(`/r${i}`, respond(302, '', { location: target }));
      const http = fetcher({ allowPrivateNetwork: true, resolver });
      const outcome = await refused(http.fetch({ url: server.url(`/r${i}`) }));
      if (outcome) failures.push(`${target}: ${outcome}`);
    }
    report('redirects', failures, targets.length);
  });

  it('connects to the address it checked: a second DNS answer is never asked for (rebinding)', async () => {
    server.route('/page', respond(200, 'checked address'));
    let calls = 0;
    // First answer the loopback fixture (allowed here), then the metadata address: if the socket
    // resolved the name again, it would get the second answer or, through the system resolver,
    // no answer at all for a .test name.
    const resolver: Resolver = () => {
      calls++;
      return Promise.resolve([{ address: calls === 1 ? '127.0.0.1' : '169.254.169.254', family: 4 }]);
    };
    const http = fetcher({ allowPrivateNetwork: true, resolver });
    const response = await http.fetch({ url: `http://rebind.test:${server.port}/page` });
    assert.equal(new TextDecoder().decode(response.bytes), 'checked address');
    assert.equal(calls, 1);
    assert.equal(server.hits('/page').length, 1);
  });

  it('checks each connection anew: robots.txt then a rebound answer for the page is refused', async () => {
    server.route('/robots.txt', respond(200, 'User-agent: *\nAllow: /\n'));
    server.route('/page', respond(200, 'must not be fetched'));
    let calls = 0;
    const resolver: Resolver = () => {
      calls++;
      return Promise.resolve([{ address: calls === 1 ? '127.0.0.1' : '169.254.169.254', family: 4 }]);
    };
    const http = fetcher({ allowPrivateNetwork: true, respectRobots: true, resolver });
    const outcome = await refused(http.fetch({ url: `http://rebind.test:${server.port}/page` }));
    assert.equal(outcome, null);
    assert.equal(server.hits('/robots.txt').length, 1);
    assert.equal(server.hits('/page').length, 0);
  });
});

describe('robots.txt failures are reported as what they are', () => {
  it('a host that does not resolve is "host not found" for the URL asked for, not a robots refusal', async () => {
    const http = fetcher({
      respectRobots: true,
      resolver: () =>
        Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' })),
    });
    await assert.rejects(http.fetch({ url: 'http://nowhere.test/page' }), (error: unknown) => {
      assert.ok(!(error instanceof FetchRefusedError), String(error));
      assert.match(String(error), /^InputError: http:\/\/nowhere\.test\/page: host not found/);
      return true;
    });
  });

  it('an address refusal names the page asked for, not its robots.txt', async () => {
    await assert.rejects(
      fetcher({ respectRobots: true }).fetch({ url: server.url('/asked') }),
      (error: unknown) => {
        assert.ok(error instanceof FetchRefusedError);
        assert.equal(error.input, server.url('/asked'));
        assert.doesNotMatch(error.message, /robots\.txt/);
        return true;
      },
    );
  });

  it('an unreachable robots.txt says so, naming robots.txt and the page', async () => {
    server.route('/robots.txt', (_request, response) => response.socket?.destroy());
    const http = fetcher({ respectRobots: true, allowPrivateNetwork: true });
    await assert.rejects(http.fetch({ url: server.url('/page') }), (error: unknown) => {
      assert.ok(error instanceof FetchRefusedError);
      assert.equal(error.input, server.url('/page'));
      assert.match(error.problem, /robots\.txt could not be fetched .*treated as disallowed/);
      return true;
    });
  });

  it('a disallow rule names the robots.txt it came from', async () => {
    server.route('/robots.txt', respond(200, 'User-agent: *\nDisallow: /\n'));
    const http = fetcher({ respectRobots: true, allowPrivateNetwork: true });
    await assert.rejects(http.fetch({ url: server.url('/page') }), (error: unknown) => {
      assert.ok(error instanceof FetchRefusedError && error.reason === 'robots');
      assert.match(
        error.problem,
        new RegExp(`disallowed by robots\\.txt \\(${server.url('/robots.txt')}\\)`),
      );
      return true;
    });
  });
});
