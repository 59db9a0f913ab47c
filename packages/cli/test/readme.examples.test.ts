// The README's examples, run. Every command line of README.md's ```sh blocks is read from the file
// (so a new example is tested without touching this test), run in order against a store that
// scripts/demo.ts (what `npm start` runs) built in a temp folder, and must exit 0 with sensible
// output. Placeholders such as `<id from a hit>` are filled from the previous output; the watching
// examples' https://example.org/ is a fixture outlet served on loopback. Lines that cannot run in a
// test are listed below with the reason, and a README line that is neither runnable nor listed
// fails the test.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, existsSync, copyFileSync, symlinkSync, rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WARCParser } from 'warcio';
import { runCli, tempDir, type CliResult } from './cli.harness.ts';
import { startFixtureSite, type FixtureSite } from './helpers/http.fixture.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** README lines that are not `npx echotrace …`, each with why it is not run here as written. */
const NOT_RUN: Record<string, string> = {
  'npm install && npm start':
    'installing is what the test environment already did; `npm start` runs scripts/demo.ts, which this test runs into a temp store',
  'npm test': 'this test is part of `npm test`: running it from here would recurse',
  'npm install --prefix ~/.cache/node24 node@24':
    'installs Node 24 into the home directory; the test already runs on Node 24',
  'export PATH=~/.cache/node24/node_modules/.bin:$PATH':
    'changes the interactive shell only; nothing to observe in-process',
};

interface Example {
  line: string;
  argv: string[];
}

/** Splits one shell line into words: single and double quotes, backslash escapes, `#` comments. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end === -1) throw new Error(`unclosed ' in ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (ch === '"') {
      let j = i + 1;
      let text = '';
      while (j < line.length && line[j] !== '"') {
        if (line[j] === '\\' && j + 1 < line.length) j++;
        text += line[j];
        j++;
      }
      if (j >= line.length) throw new Error(`unclosed " in ${line}`);
      word = (word ?? '') + text;
      i = j;
    } else if (ch === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[++i];
    } else if (/\s/.test(ch)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (ch === '#' && word === null) {
      break;
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

function examples(markdown: string): { run: Example[]; skipped: string[] } {
  const run: Example[] = [];
  const skipped: string[] = [];
  for (const block of markdown.matchAll(/^```sh\n([\s\S]*?)^```/gm)) {
    for (const raw of block[1]!.split('\n')) {
      // A placeholder is one word whatever it contains: protect its spaces from the splitting.
      const words = shellWords(raw.replace(/<[^>]*>/g, (p) => p.replace(/\s/g, '\ue000'))).map((w) =>
        w.replace(/\ue000/g, ' '),
      );
      if (words.length === 0) continue;
      const line = words.join(' ');
      if (words[0] === 'npx' && words[1] === 'echotrace') run.push({ line, argv: words.slice(2) });
      else if (line in NOT_RUN) skipped.push(line);
      else assert.fail(`README command is neither \`npx echotrace …\` nor listed in NOT_RUN: ${line}`);
    }
  }
  return { run, skipped };
}

const ID = /\bid ([0-9a-f]{16})\b/;

/** Fills `<…>` placeholders from what the previous commands printed. */
function fill(argv: string[], previous: CliResult[]): string[] {
  return argv.map((arg) => {
    const placeholder = /^<(.*)>$/.exec(arg)?.[1];
    if (placeholder === undefined) return arg;
    if (placeholder === 'id from a hit') {
      const hit = [...previous].reverse().find((result) => ID.test(result.stdout));
      assert.ok(hit, `no earlier output shows a hit id for ${arg}`);
      return ID.exec(hit.stdout)![1]!;
    }
    return assert.fail(`no rule fills the README placeholder ${arg}: add one to this test`);
  });
}

/** Per-command expectations beyond "exit 0, something printed", matched on the command's words. */
function expectSensible(argv: string[], result: CliResult, work: string): void {
  const [command, sub] = argv;
  const out = result.stdout;
  if (command === 'search') {
    const count = /^(\d+) documents? match/m.exec(out);
    assert.ok(count && Number(count[1]) >= 1, `search found nothing:\n${out}`);
    assert.match(out, ID);
  } else if (command === 'stats') {
    assert.match(out, /^\d+ documents/m);
  } else if (command === 'show') {
    assert.match(out, new RegExp(argv[1]!));
  } else if (command === 'entities' && sub === 'show') {
    assert.match(out, /Tumanov|Туманов/);
  } else if (command === 'quotes') {
    assert.match(out, /^[1-9]\d* quotes?$/m);
    if (argv.includes('--speaker')) assert.match(out, /→ Gleb Tumanov \(gleb-tumanov\)/);
  } else if (command === 'dedupe') {
    assert.match(out, /^[1-9]\d* groups? of copies/m);
  } else if (command === 'sanctions' && sub === 'import') {
    assert.match(out, /: [1-9]\d* entries/);
  } else if (command === 'sanctions' && sub === 'match') {
    assert.match(out, /^MATCH \d\.\d+/m);
  } else if (command === 'sanctions' && sub === 'hits') {
    assert.match(
      out,
      /^TUMANOV, Gleb Arsenyevich \(ofac-sdn:990101; [^)]*\): [1-9]\d* mentions in [1-9]\d* documents/m,
    );
    assert.match(out, /^ {2}OPEN /m);
  } else if (command === 'analyze' && argv.includes('--json')) {
    const analysis = JSON.parse(out) as unknown;
    assert.equal(typeof analysis, 'object');
  } else if (command === '--help') {
    for (const name of ['ingest', 'search', 'show', 'watch', 'export']) assert.match(out, new RegExp(name));
  } else if (command === 'sources' && sub === 'add') {
    assert.match(out, /\b1 feeds?\b/);
  } else if (command === 'watch') {
    assert.match(out, /^example-outlet: .*\b[1-9]\d* pages fetched; [1-9]\d* added/m);
  } else if (command === 'sources' && sub === 'health') {
    assert.match(out, /^example-outlet\n {2}ok · last poll/m);
  } else if (command === 'export' && sub === 'warc') {
    const file = path.resolve(work, argv[argv.indexOf('--out') + 1]!);
    assert.ok(existsSync(file), `${file} not written`);
  } else if (command === 'users' && sub === 'add') {
    assert.match(out, /^password \(shown once\): \S{12,}$/m);
  } else if (command === 'users' && sub === 'token') {
    assert.match(out, /^et_[A-Za-z0-9_-]{43}$/m);
  } else if (command === 'users' && sub === 'list') {
    assert.match(out, /^ana {2}admin {2}1 API token$/m);
  } else if (command === 'serve') {
    assert.match(out, /^Echotrace API on http:\/\/127\.0\.0\.1:\d+\/api\//m);
  } else if (command === 'audit') {
    assert.match(out, /cli:\S+ {2}tokens\.add ana/);
  } else if (command === 'trend') {
    assert.match(out, /: [1-9]\d* documents/);
    assert.match(out, /│[ ▁-█]+│/);
  } else if (command === 'spread') {
    assert.match(out, /^ {2}fringe → mainstream: reached \d{4}-\d\d-\d\d/m);
  } else if (command === 'alerts' && sub === 'add') {
    assert.match(out, /^slogan: every 1h, new, spike$/m);
  } else if (command === 'alerts' && sub === 'run') {
    assert.match(out, /^evaluated 1, fired 0, delivered 0, failed 0$/m);
  } else if (command === 'alerts' && sub === 'list') {
    assert.match(out, /^slogan {2}every 1h {2}new,spike {2}"санкции против самих себя"$/m);
    assert.match(out, /evaluated \d{4}-\d\d-\d\dT/);
  } else if (command === 'alerts' && sub === 'events') {
    assert.match(out, /^no deliveries$/m);
  } else if (command === 'alerts' && sub === 'feed') {
    const file = path.resolve(work, argv[argv.indexOf('--out') + 1]!);
    assert.match(readFileSync(file, 'utf8'), /<title>Echotrace alert: slogan<\/title>/);
  } else if (command === 'network' || command === 'export') {
    const file = path.resolve(work, argv[argv.indexOf('--out') + 1]!);
    assert.ok(existsSync(file), `${file} not written`);
    assert.match(out, /^[1-9]\d* /);
  }
}

/**
 * `serve` runs until Ctrl-C, so it runs as a real process: on a free port (8080 may be taken on the
 * test machine), asked for its OpenAPI description and, with the token an earlier example printed,
 * for the corpus counts; then interrupted, and it must stop cleanly.
 */
async function runServeExample(
  argv: string[],
  env: NodeJS.ProcessEnv,
  previous: CliResult[],
): Promise<CliResult> {
  const args = argv.map((arg, i) => (argv[i - 1] === '--port' ? '0' : arg));
  const child = spawn(process.execPath, [path.join(ROOT, 'packages/cli/bin/echotrace.js'), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = /Echotrace API on (http:\/\/\S+?)\/api\//.exec(stdout);
      if (found) resolve(found[1]!);
    });
    void exited.then((code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  const token = [...previous]
    .reverse()
    .map((r) => /^(et_\S+)$/m.exec(r.stdout)?.[1])
    .find(Boolean);
  try {
    assert.equal((await fetch(`${url}/api/openapi.json`)).status, 200);
    const stats = await fetch(`${url}/api/stats`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(stats.status, 200, 'the token printed by `users token` works');
    assert.ok(((await stats.json()) as { documents: number }).documents > 0);
  } finally {
    child.kill('SIGINT');
  }
  return { code: (await exited) ?? 1, stdout, stderr };
}

async function warcRecordTypes(file: string): Promise<string[]> {
  const types: string[] = [];
  for await (const record of new WARCParser([readFileSync(file)])) types.push(record.warcType ?? '');
  return types;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1><p>${body}</p></article></body></html>`;
}

describe('README examples', () => {
  let site: FixtureSite;
  let work: string;
  let env: NodeJS.ProcessEnv;
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

  before(async () => {
    site = await startFixtureSite();
    const base = site.url('');
    const fixed = (type: string, body: string) => (_q: unknown, res: ServerResponse) =>
      res.writeHead(200, { 'content-type': type }).end(body);
    site.routes.set('/robots.txt', fixed('text/plain', 'User-agent: *\nDisallow: /private\n'));
    site.routes.set(
      '/',
      fixed(
        'text/html; charset=utf-8',
        `<html><head><title>Example Outlet</title><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body><a href="/news/1">News</a></body></html>`,
      ),
    );
    site.routes.set(
      '/feed.xml',
      fixed(
        'application/rss+xml',
        `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Example Outlet</title>
<item><title>Talks in Pyongyang</title><link>${base}/news/1</link><pubDate>Tue, 05 Mar 2024 09:15:00 +0000</pubDate></item>
<item><title>Sanctions reviewed</title><link>${base}/news/2</link><pubDate>Wed, 06 Mar 2024 10:00:00 +0000</pubDate></item>
</channel></rss>`,
      ),
    );
    site.routes.set(
      '/news/1',
      fixed('text/html', page('Talks in Pyongyang', 'Delegations met in Pyongyang to discuss trade.')),
    );
    site.routes.set(
      '/news/2',
      fixed(
        'text/html',
        page('Sanctions reviewed', 'The committee reviewed the sanctions regime on Monday.'),
      ),
    );

    // The examples' relative paths (demo/corpus/…, some-page.html, cites.warc) resolve against a
    // working folder of the test's own, so nothing is written into the repository.
    work = tempDir('echotrace-readme-');
    symlinkSync(path.join(ROOT, 'demo'), path.join(work, 'demo'));
    copyFileSync(
      path.join(ROOT, 'demo/corpus/html/meridian-today-2024-07-15-far-east-builders.html'),
      path.join(work, 'some-page.html'),
    );
    process.chdir(work);
    env = {
      ECHOTRACE_DB: path.join(work, 'data/echotrace.db'),
      ECHOTRACE_ALLOW_PRIVATE_NETWORK: '1',
      ECHOTRACE_FETCH_DELAY_MS: '0',
      ECHOTRACE_FETCH_TIMEOUT_MS: '5000',
    };
  });

  after(async () => {
    process.chdir(ROOT);
    await site.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('lists every README command line that is not run, with a reason, and nothing more', () => {
    const { run, skipped } = examples(readme);
    assert.ok(run.length >= 10, `only ${run.length} runnable examples found`);
    // A NOT_RUN entry that the README no longer shows is stale: drop it.
    assert.deepEqual([...new Set(skipped)].sort(), Object.keys(NOT_RUN).sort());
  });

  it('`npm start` (scripts/demo.ts) builds the store, then every `npx echotrace` example runs on it', async () => {
    // A real process, as `npm start` runs it: the demo writes to process.stdout and sets exitCode.
    const demo = spawnSync(process.execPath, [path.join(ROOT, 'scripts/demo.ts')], {
      cwd: work,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    assert.equal(demo.status, 0, demo.stderr);
    assert.match(demo.stdout, /documents/);
    // The sample dispatch in every format beside the database, and its bundle verified.
    const output = path.join(work, 'data/dispatch');
    const formats =
      existsSync('/usr/bin/chromium') || process.env.ECHOTRACE_CHROMIUM
        ? ['md', 'html', 'docx', 'pdf']
        : ['md', 'html', 'docx'];
    for (const format of formats)
      assert.ok(existsSync(path.join(output, `dispatch.${format}`)), `npm start wrote no dispatch.${format}`);
    assert.match(readFileSync(path.join(output, 'dispatch.md'), 'utf8'), /> — Gleb Tumanov/);
    assert.match(demo.stdout, /OK: 3 files, 3 captures, 4 excerpts checked/);

    const { run } = examples(readme);
    const previous: CliResult[] = [];
    for (const example of run) {
      const argv = fill(example.argv, previous).map((arg) =>
        arg.replace(/^https:\/\/example\.org\//, site.url('/')),
      );
      const result =
        argv[0] === 'serve' ? await runServeExample(argv, env, previous) : await runCli(argv, env);
      assert.equal(result.code, 0, `${example.line}\n${result.stderr}${result.stdout}`);
      assert.ok(result.stdout.trim().length > 0, `${example.line} printed nothing`);
      expectSensible(argv, result, work);
      previous.push(result);
    }

    const warc = run.find((example) => example.argv[0] === 'export' && example.argv[1] === 'warc');
    if (warc) {
      const types = await warcRecordTypes(path.join(work, warc.argv[warc.argv.indexOf('--out') + 1]!));
      assert.ok(types.includes('response'), `no response record in ${types.join(', ')}`);
    }
  });
});
