// Crash harness (run by bench/crash.harness.ts, `npm run crash`): `echotrace ingest` of a fixture
// corpus, `echotrace worker` draining ingest-file jobs of it, or `entities relink` + `sanctions
// screen` over it (Driver), in a child process, SIGKILLed at seeded
// random points (a random delay, or a named crash point inside a committed batch, before grouping
// or part-way through grouping), restarted until it finishes; the final store is then compared
// with a clean run's: documents, versions, captures, annotations, copy groups, forwards, sources,
// and no duplicates. SQLite always, PostgreSQL too when ECHOTRACE_TEST_PG_URL names a server.
// The test packages/cli/test/crash.harness.test.ts runs a few of these inside `npm test`.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore, type OpenStoreOptions } from '@echotrace/storage';
import pg from 'pg';
import { startFixtureSite, type FixtureSite } from './http.fixture.ts';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/echotrace.js');

export type StoreName = 'sqlite' | 'postgres';

/** Deterministic PRNG (mulberry32): the same seed kills at the same points. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'sanctions embassy ministry minister statement pipeline grain export harbour delegation council summit treaty border drill missile satellite refinery tanker convoy'.split(
    ' ',
  );

function story(n: number): string {
  const random = seeded(1000 + n);
  const words: string[] = [];
  for (let i = 0; i < 70; i++) words.push(WORDS[Math.floor(random() * WORDS.length)]!);
  return `Report ${n}: the ${words.join(' ')}. Moscow and Minsk said ${n} times.`;
}

/**
 * A corpus with copies: NDJSON from three outlets reprinting the same stories (some edited), a
 * Telegram Desktop export with forwards, plain text notes. Every item has its own publication time,
 * so each group's original is the same whatever order runs store them in.
 */
export function writeCorpus(dir: string, { stories = 40 } = {}): void {
  mkdirSync(dir, { recursive: true });
  const outlets = ['Wire One', 'Wire Two', 'Wire Three'];
  outlets.forEach((outlet, o) => {
    const lines: string[] = [];
    for (let n = 0; n < stories; n++) {
      // Each outlet reprints two stories in three; the third outlet edits the ending.
      if ((n + o) % 3 === 0) continue;
      const text = o === 2 ? `${story(n)} Edited by the desk.` : story(n);
      const minute = String((n * 3 + o) % 60).padStart(2, '0');
      const hour = String(8 + Math.floor((n * 3 + o) / 60)).padStart(2, '0');
      lines.push(
        JSON.stringify({
          url: `https://outlet${o}.test/${n}`,
          title: `Story ${n} (${outlet})`,
          text,
          published: `2024-03-01T${hour}:${minute}:00Z`,
          source: outlet,
          language: 'en',
        }),
      );
    }
    writeFileSync(path.join(dir, `outlet-${o}.ndjson`), lines.join('\n') + '\n');
  });
  const messages = Array.from({ length: 30 }, (_, i) => ({
    id: i + 1,
    type: 'message',
    date: '2024-03-02T10:00:00',
    date_unixtime: String(1709373600 + i * 60),
    text: i % 3 === 0 ? story(i) : `Channel post ${i} about the ${WORDS[i % WORDS.length]} today.`,
    ...(i % 5 === 0 ? { forwarded_from: 'Origin channel' } : {}),
  }));
  writeFileSync(
    path.join(dir, 'channel.json'),
    JSON.stringify({ name: 'Harness channel', type: 'public_channel', id: 4242, messages }),
  );
  for (let i = 0; i < 5; i++)
    writeFileSync(path.join(dir, `note-${i}.txt`), `Note ${i}\n\nA field note number ${i} on the summit.\n`);
}

/** Everything a run leaves that must not depend on kills: times of ingestion left out. */
export interface Snapshot {
  state: string;
  problems: string[];
  counts: { documents: number; annotations: number; grouped: number; forwards: number; sanctions: number };
}

export async function snapshot(options: OpenStoreOptions): Promise<Snapshot> {
  const store = await openStore(options);
  const problems: string[] = [];
  try {
    const documents = [];
    const keys = new Set<string>();
    for (let afterId = ''; ;) {
      const page = await store.documents.list({ afterId, limit: 500 });
      for (const d of page) {
        if (keys.has(d.key)) problems.push(`duplicate document key ${d.key}`);
        keys.add(d.key);
        const versions = await store.documents.versions(d.id);
        if (versions.length !== 1) problems.push(`${d.key}: ${versions.length} versions`);
        const capture = await store.captures.get(d.captureSha256);
        if (!capture) problems.push(`${d.key}: capture ${d.captureSha256} missing`);
        const annotations = (await store.annotations.forDocument(d.id))
          .map((a) => JSON.stringify([a.id, a.kind, a.label, a.start, a.end, a.producer, a.attributes]))
          .sort();
        if (new Set(annotations).size !== annotations.length)
          problems.push(`${d.key}: duplicate annotations`);
        documents.push({
          id: d.id,
          key: d.key,
          source: d.sourceId,
          title: d.title,
          text: d.text,
          publishedAt: d.publishedAt,
          language: d.language,
          url: d.canonicalUrl,
          capture: capture ? [capture.sha256, capture.byteLength, capture.mediaType] : null,
          annotations,
          group: await store.duplicates.groupOf(d.id),
          forwards: (await store.duplicates.forwardsOf(d.id)).map((f) => [
            f.fromChannel,
            f.fromMessageId ?? '',
          ]),
        });
      }
      if (page.length < 500) break;
      afterId = page[page.length - 1]!.id;
    }
    const sources = (await store.sources.list()).map((s) => [s.id, s.name, s.kind, s.homepage]).sort();
    const counts = {
      documents: documents.length,
      annotations: documents.reduce((n, d) => n + d.annotations.length, 0),
      grouped: documents.filter((d) => d.group !== null).length,
      forwards: documents.reduce((n, d) => n + d.forwards.length, 0),
      sanctions: documents.reduce(
        (n, d) => n + d.annotations.filter((a) => a.includes('"sanction"')).length,
        0,
      ),
    };
    return { state: JSON.stringify({ documents, sources }), problems, counts };
  } finally {
    await store.close();
  }
}

export interface Target {
  name: StoreName;
  /** A fresh empty store for one run, and how to remove it. */
  fresh(
    dir: string,
  ): Promise<{ options: OpenStoreOptions; env: NodeJS.ProcessEnv; drop: () => Promise<void> }>;
}

export const sqliteTarget: Target = {
  name: 'sqlite',
  async fresh(dir) {
    const dbPath = path.join(dir, `store-${randomBytes(4).toString('hex')}.db`);
    return {
      options: { dbPath },
      env: { DATABASE_URL: '' },
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
      },
    };
  },
};

export function postgresTarget(url: string): Target {
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'postgres',
    async fresh(dir) {
      const schema = `et_crash_${randomBytes(6).toString('hex')}`;
      await admin(`CREATE SCHEMA ${schema}`);
      const scoped = new URL(url);
      scoped.searchParams.set('options', `-c search_path=${schema}`);
      return {
        options: { dbPath: path.join(dir, 'unused.db'), databaseUrl: scoped.toString() },
        env: { DATABASE_URL: scoped.toString() },
        drop: () => admin(`DROP SCHEMA ${schema} CASCADE`),
      };
    },
  };
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
  /** The end of what the child wrote to stderr, to say why a run failed. */
  stderr: string;
}

/** One `echotrace ingest` child; killed after `killAfterMs` when given. */
export function runIngest(
  corpus: string,
  options: OpenStoreOptions,
  env: NodeJS.ProcessEnv,
  kill: { afterMs?: number; crashAt?: string } = {},
): Promise<Exit> {
  return runCommand(['ingest', corpus, '--json'], options, env, kill);
}

/** One `echotrace ARGS…` child on the store; killed after `kill.afterMs`, or at `kill.crashAt`. */
export function runCommand(
  args: string[],
  options: OpenStoreOptions,
  env: NodeJS.ProcessEnv,
  kill: { afterMs?: number; crashAt?: string } = {},
): Promise<Exit> {
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, ...args, '--db', options.dbPath], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      ...env,
      ECHOTRACE_ENRICH_THREADS: '1',
      ECHOTRACE_CRASH_AT: kill.crashAt ?? '',
    },
  });
  const timer = kill.afterMs === undefined ? null : setTimeout(() => child.kill('SIGKILL'), kill.afterMs);
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, ms: Date.now() - started, stderr });
    });
  });
}

// Named points, each a moment a kill used to (or could) leave work half done.
const CRASH_POINTS = ['ingest-batch:1', 'before-grouping', 'grouping:1', 'grouping:20', 'grouping:60'];

/**
 * What the harness kills: `ingest` of the corpus, or `worker` draining one ingest-file job per
 * file of it (queued once per store, before the kills). A worker's job is also killed between its
 * handler's commit and its completion (`job-handled`), so the restarted worker runs it again.
 */
export interface Driver {
  name: 'ingest' | 'worker' | 'enrich' | 'watch';
  crashPoints: readonly string[];
  prepare(corpus: string, options: OpenStoreOptions, env: NodeJS.ProcessEnv): Promise<void>;
  run(
    corpus: string,
    options: OpenStoreOptions,
    env: NodeJS.ProcessEnv,
    kill?: { afterMs?: number; crashAt?: string },
  ): Promise<Exit>;
  /** What must hold of the store besides the snapshot (the queue drained, nothing dead). */
  check(options: OpenStoreOptions): Promise<string[]>;
  /** Releases what `prepare` started (a fixture site), once all runs are done. */
  close?(): Promise<void>;
}

export const ingestDriver: Driver = {
  name: 'ingest',
  crashPoints: CRASH_POINTS,
  async prepare() {},
  run: (corpus, options, env, kill) => runIngest(corpus, options, env, kill),
  check: async () => [],
};

// Short leases, so a killed worker's claimed jobs come back quickly to the next one; attempts
// past any number of kills, so no job is declared dead by the harness itself.
const WORKER_ARGS = ['worker', '--until-empty', '--batch', '2', '--lease-ms', '800', '--poll-ms', '50'];

export const workerDriver: Driver = {
  name: 'worker',
  crashPoints: [...CRASH_POINTS, 'job-handled:0', 'job-handled:2', 'job-handled:4'],
  async prepare(corpus, options, env) {
    const exit = await runCommand(['jobs', 'add', 'ingest-file', corpus, '--json'], options, env);
    if (exit.code !== 0) throw new Error(`jobs add exited ${exit.code}`);
  },
  run: (_corpus, options, env, kill) =>
    runCommand([...WORKER_ARGS, '--max-attempts', '100'], options, env, kill),
  async check(options) {
    const store = await openStore(options);
    try {
      return (await store.jobs.stats())
        .filter((s) => s.queued + s.running + s.dead > 0)
        .map((s) => `queue ${s.queue}: ${s.queued} queued, ${s.running} running, ${s.dead} dead`);
    } finally {
      await store.close();
    }
  },
};

const DEMO_CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../demo/corpus');

/**
 * The re-processing phases: the corpus and the demo corpus (which names listed people) are stored
 * without enrichment and the demo sanctions list imported, once per store; then `entities relink`
 * (which re-screens what it relinks) and `sanctions screen` are the runs killed. Their named
 * points sit between committed pages.
 */
export const enrichDriver: Driver = {
  name: 'enrich',
  crashPoints: ['relink-page:0', 'relink-page:100', 'screening-page:0'],
  async prepare(corpus, options, env) {
    const list = await runCommand(
      ['sanctions', 'import', path.join(DEMO_CORPUS, 'sanctions_demo.csv')],
      options,
      env,
    );
    if (list.code !== 0) throw new Error(`sanctions import exited ${list.code}`);
    const bare = await runCommand(['ingest', corpus, DEMO_CORPUS, '--no-enrich'], options, env);
    if (bare.code !== 0) throw new Error(`ingest --no-enrich exited ${bare.code}`);
  },
  async run(_corpus, options, env, kill = {}) {
    const relink = await runCommand(['entities', 'relink', '--json'], options, env, kill);
    if (relink.signal !== null || relink.code !== 0) return relink;
    // A timed kill counts from the start of the pair, so it may land in either command.
    const afterMs = kill.afterMs === undefined ? undefined : Math.max(0, kill.afterMs - relink.ms);
    const screen = await runCommand(['sanctions', 'screen', '--json'], options, env, { ...kill, afterMs });
    return { ...screen, ms: relink.ms + screen.ms };
  },
  check: async () => [],
};

const WATCH_ENV = {
  ECHOTRACE_ALLOW_PRIVATE_NETWORK: '1',
  ECHOTRACE_FETCH_DELAY_MS: '0',
  ECHOTRACE_FETCH_TIMEOUT_MS: '5000',
};

/**
 * A fixture site on loopback: an RSS feed (with an ETag, so later polls are conditional) listing
 * the corpus's stories as pages, several outlets' copies among them. Started by the first
 * `prepare`, closed by `close`.
 */
function watchSite(): { start(): Promise<FixtureSite>; close(): Promise<void> } {
  let site: FixtureSite | null = null;
  return {
    async start() {
      if (site) return site;
      site = await startFixtureSite();
      const base = site.url('');
      const items: string[] = [];
      for (let n = 0; n < 30; n++) {
        // Stories 0–9 appear twice (a reprint under another path), so copies are grouped.
        const text = story(n % 20);
        const html = `<html><head><meta charset="utf-8"><title>Wire story ${n}</title></head><body><article><p>${text}</p><p>Filed by the wire desk, item ${n}.</p></article></body></html>`;
        site.routes.set(`/news/${n}`, (_q, res) =>
          res.writeHead(200, { 'content-type': 'text/html' }).end(html),
        );
        const day = String(1 + (n % 28)).padStart(2, '0');
        items.push(
          `<item><title>Wire story ${n}</title><link>${base}/news/${n}</link><pubDate>${new Date(`2024-04-${day}T${String(n % 24).padStart(2, '0')}:00:00Z`).toUTCString()}</pubDate></item>`,
        );
      }
      const rss = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>${items.join('')}</channel></rss>`;
      site.routes.set('/robots.txt', (_q, res) => res.writeHead(200).end('User-agent: *\nAllow: /\n'));
      site.routes.set('/rss.xml', (request, response) => {
        if (request.headers['if-none-match'] === '"wire-1"')
          response.writeHead(304, { etag: '"wire-1"' }).end();
        else response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"wire-1"' }).end(rss);
      });
      return site;
    },
    async close() {
      await site?.close();
      site = null;
    },
  };
}

/**
 * `watch` of a feed source on a loopback site, killed while it fetches, archives and ingests
 * pages; each run polls the source now (`--source`) and may take every page it lists.
 */
export function watchDriver(): Driver {
  const site = watchSite();
  return {
    name: 'watch',
    crashPoints: [],
    async prepare(corpus, options, env) {
      const feed = (await site.start()).url('/rss.xml');
      const file = path.join(path.dirname(corpus), `sources-${randomBytes(4).toString('hex')}.yaml`);
      writeFileSync(file, `sources:\n  - name: Wire\n    id: wire\n    language: en\n    feeds: [${feed}]\n`);
      const added = await runCommand(['sources', 'import', file], options, env);
      if (added.code !== 0) throw new Error(`sources import exited ${added.code}`);
    },
    async run(_corpus, options, env, kill) {
      const args = ['watch', '--source', 'wire', '--max-items', '100'];
      // Grouping is `dedupe`'s (watch stores pages; grouping copies is a separate step here).
      const watched = await runCommand(args, options, { ...env, ...WATCH_ENV }, kill);
      if (watched.signal !== null || watched.code !== 0) return watched;
      const afterMs = kill?.afterMs === undefined ? undefined : Math.max(0, kill.afterMs - watched.ms);
      const grouped = await runCommand(['dedupe'], options, env, { ...kill, afterMs });
      return { ...grouped, ms: watched.ms + grouped.ms };
    },
    check: async () => [],
    close: () => site.close(),
  };
}

export interface HarnessResult {
  store: StoreName;
  driver: Driver['name'];
  runs: number;
  kills: number;
  /** Kills that landed before the child finished by itself. */
  effectiveKills: number;
  mismatches: Array<{ run: number; problem: string }>;
  cleanMs: number;
  clean: Snapshot['counts'];
}

/** `runs` runs on one store: 1–3 kills each (random delay or a named point), then a run to the end. */
export async function crashRuns(
  target: Target,
  {
    runs,
    seed,
    log = () => {},
    driver = ingestDriver,
    firstKill,
  }: {
    runs: number;
    seed: number;
    log?: (line: string) => void;
    driver?: Driver;
    /** The first kill of run 0, before the seeded ones (a test makes sure a point is hit). */
    firstKill?: string;
  },
): Promise<HarnessResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'echotrace-crash-'));
  const corpus = path.join(dir, 'corpus');
  writeCorpus(corpus);
  const random = seeded(seed);
  const result: HarnessResult = {
    store: target.name,
    driver: driver.name,
    runs,
    kills: 0,
    effectiveKills: 0,
    mismatches: [],
    cleanMs: 0,
    clean: { documents: 0, annotations: 0, grouped: 0, forwards: 0, sanctions: 0 },
  };
  try {
    const clean = await target.fresh(dir);
    await driver.prepare(corpus, clean.options, clean.env);
    const cleanExit = await driver.run(corpus, clean.options, clean.env);
    if (cleanExit.code !== 0) throw new Error(`clean run exited ${cleanExit.code}`);
    result.cleanMs = cleanExit.ms;
    const expected = await snapshot(clean.options);
    result.clean = expected.counts;
    log(`${target.name} ${driver.name} clean run: ${cleanExit.ms} ms, ${JSON.stringify(expected.counts)}`);
    await clean.drop();
    if (expected.problems.length > 0) throw new Error(`clean run: ${expected.problems.join('; ')}`);
    for (let run = 0; run < runs; run++) {
      const store = await target.fresh(dir);
      try {
        await driver.prepare(corpus, store.options, store.env);
        const kills = 1 + Math.floor(random() * 3);
        const plan: string[] = [];
        if (run === 0 && firstKill) {
          const exit = await driver.run(corpus, store.options, store.env, { crashAt: firstKill });
          result.kills++;
          if (exit.signal === 'SIGKILL') result.effectiveKills++;
          plan.push(firstKill);
        }
        for (let k = 0; k < kills; k++) {
          // A driver with no named points (watch) is killed at seeded times only.
          const named = driver.crashPoints.length > 0 && random() < 0.4;
          const kill = named
            ? { crashAt: driver.crashPoints[Math.floor(random() * driver.crashPoints.length)]! }
            : { afterMs: Math.floor(random() * result.cleanMs * 1.1) };
          const exit = await driver.run(corpus, store.options, store.env, kill);
          result.kills++;
          if (exit.signal === 'SIGKILL') result.effectiveKills++;
          plan.push(kill.crashAt ?? `${kill.afterMs}ms`);
        }
        const final = await driver.run(corpus, store.options, store.env);
        const got = await snapshot(store.options);
        const problems = [...got.problems, ...(await driver.check(store.options))];
        if (final.code !== 0)
          problems.push(
            `final run exited ${final.code ?? final.signal}: ${final.stderr.trim().split('\n').slice(-3).join(' | ')}`,
          );
        if (got.state !== expected.state)
          problems.push(`store differs from the clean run's: ${firstDifference(expected.state, got.state)}`);
        for (const problem of problems) result.mismatches.push({ run, problem });
        log(
          `${target.name} ${driver.name} run ${run}: kills at ${plan.join(', ')}: ${problems.length === 0 ? 'same as clean' : problems.join('; ')}`,
        );
      } finally {
        await store.drop();
      }
    }
  } finally {
    await driver.close?.();
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: expected …${a.slice(Math.max(0, i - 60), i + 60)}… got …${b.slice(Math.max(0, i - 60), i + 60)}…`;
}
