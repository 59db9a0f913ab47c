// Soak run of the HTTP API while `watch` ingests (issue 16): `echotrace serve` in its own process on
// a SQLite store of generated posts; a loopback site whose RSS feed gains items all the time, polled
// by `echotrace watch --source` every few seconds in another process; autocannon sending searches
// with an API token. First short probes at rising request rates find the highest rate whose p99
// stays under the target, then that rate is held for the soak, one window a minute, reporting each
// window's latency and the server's resident memory (VmRSS) over time.
//   node bench/api.soak.ts [--size 20000] [--minutes 10] [--p99-ms 200] [--json-out FILE]
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ingest } from '@echotrace/core';
import { openSqliteStore } from '@echotrace/storage';
import autocannon from 'autocannon';
import { QUERIES, SECOND_QUERIES, generate, loadPosts } from './foundation.bench.ts';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../packages/cli/bin/echotrace.js');

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '20000' },
    minutes: { type: 'string', default: '10' },
    'p99-ms': { type: 'string', default: '200' },
    'json-out': { type: 'string' },
  },
});
const size = Number(values.size);
const minutes = Number(values.minutes);
const p99Target = Number(values['p99-ms']);
const sharedData = process.env.ECHOTRACE_SHARED_DATA ?? path.resolve('../shared/data');

function cli(
  args: string[],
  db: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args, '--db', db], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout }));
  });
}

/** A feed that lists the newest 40 of ever more items: a new one every `everyMs`. */
async function growingSite(
  everyMs: number,
): Promise<{ url: string; items: () => number; close(): Promise<void> }> {
  const started = Date.now();
  const count = () => 40 + Math.floor((Date.now() - started) / everyMs);
  const server = http.createServer((request, response) => {
    const url = request.url ?? '/';
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (url === '/robots.txt') return response.writeHead(200).end('User-agent: *\nAllow: /\n');
    if (url === '/rss.xml') {
      const n = count();
      const items = [];
      for (let i = n - 1; i >= Math.max(0, n - 40); i--)
        items.push(
          `<item><title>Сводка ${i}</title><link>${base}/news/${i}</link><pubDate>${new Date(started + i * 1000).toUTCString()}</pubDate></item>`,
        );
      return response
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(
          `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Лента</title>${items.join('')}</channel></rss>`,
        );
    }
    const news = /^\/news\/(\d+)$/.exec(url);
    if (news)
      return response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          `<html><head><title>Сводка ${news[1]}</title></head><body><article><p>Министр иностранных дел Сергей Лавров заявил в Москве, что санкции против КНДР потеряли смысл. Сводка номер ${news[1]}.</p><p>Владимир Путин и Ким Чен Ын обсудили сотрудничество.</p></article></body></html>`,
        );
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/rss.xml`,
    items: count,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

interface Window {
  rate: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  non2xx: number;
  serverRssMb: number;
  loadAverage: number;
}

async function window(
  url: string,
  paths: string[],
  token: string,
  rate: number,
  seconds: number,
  pid: number,
): Promise<Window> {
  const result = await autocannon({
    url,
    connections: Math.max(2, Math.ceil(rate / 10)),
    overallRate: rate,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
    requests: paths.map((p) => ({ method: 'GET', path: p })),
  });
  return {
    rate,
    seconds,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    errors: result.errors,
    non2xx: result.non2xx,
    serverRssMb: rssMb(pid),
    loadAverage: Math.round(os.loadavg()[0]! * 10) / 10,
  };
}

const posts = loadPosts(sharedData);
if (!posts)
  throw new Error(`no posts under ${sharedData}/media/telegram_ru_news_2024 (set ECHOTRACE_SHARED_DATA)`);
const dir = mkdtempSync(path.join(tmpdir(), 'echotrace-soak-'));
const db = path.join(dir, 'soak.db');
let serve: ChildProcess | null = null;
let watching = true;
const site = await growingSite(2000);
try {
  const store = openSqliteStore(db);
  await ingest(store, generate(posts, size), { clock: { now: () => new Date() }, batchSize: 1000 });
  await store.close();
  const sources = path.join(dir, 'sources.yaml');
  writeFileSync(
    sources,
    `sources:\n  - name: Лента\n    id: lenta\n    language: ru\n    feeds: [${site.url}]\n`,
  );
  await cli(['sources', 'import', sources], db);
  await cli(['users', 'add', 'soak', '--role', 'viewer'], db);
  const token = /(et_[A-Za-z0-9_-]+)/.exec(
    (await cli(['users', 'token', 'soak', '--name', 'soak'], db)).stdout,
  )?.[1];
  if (!token) throw new Error('no API token was printed');

  serve = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--db', db], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    serve!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /Echotrace API on (http:\/\/[^/\s]+)/.exec(out);
      if (found) resolve(found[1]!);
    });
    serve!.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
  const pid = serve.pid!;
  const watchEnv = { ECHOTRACE_ALLOW_PRIVATE_NETWORK: '1', ECHOTRACE_FETCH_DELAY_MS: '0' };
  let polls = 0;
  const watcher = (async () => {
    while (watching) {
      await cli(['watch', '--source', 'lenta', '--max-items', '10'], db, watchEnv);
      polls++;
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  })();

  const paths = [...QUERIES, ...SECOND_QUERIES].map((q) => `/api/search?q=${encodeURIComponent(q)}&limit=20`);
  const probes: Window[] = [];
  let chosen = 0;
  for (const rate of [5, 10, 20, 40, 80, 160]) {
    const probe = await window(url, paths, token, rate, 20, pid);
    probes.push(probe);
    console.log(
      `probe ${rate} req/s: got ${probe.requestsPerSecond}, p50 ${probe.p50Ms} ms, p99 ${probe.p99Ms} ms, load ${probe.loadAverage}`,
    );
    if (probe.p99Ms >= p99Target || probe.requestsPerSecond < rate * 0.9) break;
    chosen = rate;
  }
  const soak: Window[] = [];
  const soakRate = chosen || 5;
  const documentsBefore = size;
  for (let minute = 0; minute < minutes; minute++) {
    const w = await window(url, paths, token, soakRate, 60, pid);
    soak.push(w);
    console.log(
      `minute ${minute + 1}: ${w.requestsPerSecond} req/s, p50 ${w.p50Ms} ms, p99 ${w.p99Ms} ms, max ${w.maxMs} ms, errors ${w.errors + w.non2xx}, server RSS ${w.serverRssMb} MB, load ${w.loadAverage}`,
    );
  }
  watching = false;
  await watcher;
  const stats = JSON.parse((await cli(['stats', '--json'], db)).stdout) as { documents?: number };
  const result = {
    documentsAtStart: documentsBefore,
    documentsAtEnd: stats.documents ?? null,
    watchPolls: polls,
    feedItemsOffered: site.items(),
    p99TargetMs: p99Target,
    soakRate,
    probes,
    soak,
    rssMb: {
      first: soak[0]?.serverRssMb,
      last: soak.at(-1)?.serverRssMb,
      max: Math.max(...soak.map((w) => w.serverRssMb)),
    },
    cpus: os.availableParallelism(),
  };
  console.log(JSON.stringify({ ...result, probes: undefined, soak: undefined }));
  if (values['json-out']) writeFileSync(values['json-out'], `${JSON.stringify(result, null, 2)}\n`);
} finally {
  watching = false;
  serve?.kill('SIGINT');
  await site.close();
  rmSync(dir, { recursive: true, force: true });
}
