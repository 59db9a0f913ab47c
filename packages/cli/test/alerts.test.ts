// `echotrace alerts` end to end on a real SQLite file, and on PostgreSQL when ECHOTRACE_TEST_PG_URL
// names a server, with a webhook receiver and an SMTP server on loopback: bad options are usage
// errors naming the option; an evaluator SIGKILLed between firing and delivering loses nothing and,
// restarted, delivers each event exactly once; one killed after sending and before marking resends
// with the same event id (the receiver's idempotency key).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  startSmtpReceiver,
  startWebhookReceiver,
  type SmtpReceiver,
  type WebhookReceiver,
} from '@echotrace/fetch/test-alert-receivers';
import pg from 'pg';
import { runCli, tempDir } from './cli.harness.ts';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/echotrace.js');
const SECRET = 'our-own-test-secret';

function posts(batch: string, count: number): string {
  return (
    Array.from({ length: count }, (_, i) =>
      JSON.stringify({
        url: `https://fringe.test/${batch}-${i}`,
        title: `Выпуск ${batch}-${i}`,
        published: `2024-03-0${1 + (i % 5)}T08:00:00Z`,
        source: 'Fringe Daily',
        language: 'ru',
        text: `Санкции и Пхеньян, выпуск ${batch}-${i}. Погода в Москве.`,
      }),
    ).join('\n') + '\n'
  );
}

/** Runs the CLI as a child process (so it can be SIGKILLed); resolves with its exit code or signal. */
function child(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
}

const serverUrl = process.env.ECHOTRACE_TEST_PG_URL || process.env.DATABASE_URL || null;

async function freshSchema(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `et_alerts_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string): Promise<void> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  await admin(`CREATE SCHEMA ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return { url: scoped.toString(), drop: () => admin(`DROP SCHEMA ${schema} CASCADE`) };
}

function suite(backend: 'SQLite' | 'PostgreSQL'): void {
  describe(`echotrace alerts: ${backend}`, () => {
    let schema: { url: string; drop: () => Promise<void> } | null = null;
    let webhook: WebhookReceiver;
    let smtp: SmtpReceiver;
    let dir: string;
    let db: string;
    let env: NodeJS.ProcessEnv;
    const cli = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
      runCli([...args, '--db', db], { ...env, ...extra });

    before(async () => {
      webhook = await startWebhookReceiver(SECRET);
      smtp = await startSmtpReceiver();
      dir = tempDir('echotrace-alerts-');
      db = path.join(dir, 'a.db');
      schema = backend === 'PostgreSQL' ? await freshSchema(serverUrl!) : null;
      env = {
        DATABASE_URL: schema?.url ?? '',
        ECHOTRACE_ALLOW_PRIVATE_NETWORK: '1',
        HOOK_SECRET: SECRET,
        ECHOTRACE_SMTP_HOST: '127.0.0.1',
        ECHOTRACE_SMTP_PORT: String(smtp.port),
        ECHOTRACE_SMTP_FROM: 'alerts@echotrace.test',
      };
      assert.equal(
        (await cli(['sources', 'add', 'Fringe Daily', '--homepage', 'https://fringe.test/'])).code,
        0,
      );
      writeFileSync(path.join(dir, 'first.ndjson'), posts('a', 3));
      const ingest = await cli(['ingest', path.join(dir, 'first.ndjson')]);
      assert.equal(ingest.code, 0, ingest.stderr);
    });
    after(async () => {
      await webhook.close();
      await smtp.close();
      await schema?.drop();
    });

    it('refuses bad intervals, URLs, addresses and settings, naming what was wrong', async () => {
      const add = (extra: string[], more: NodeJS.ProcessEnv = {}) =>
        cli(['alerts', 'add', 'bad', '--query', 'санкции', ...extra], more);
      const cases: Array<[string[], RegExp, NodeJS.ProcessEnv?]> = [
        [['--every', '5x'], /--every: takes a number and a unit/],
        [['--every', '0m'], /--every: must be between 1m and 31d/],
        [
          ['--webhook', 'ftp://example.org/', '--secret-env', 'HOOK_SECRET'],
          /--webhook: must be an http or https URL/,
        ],
        [
          ['--webhook', 'http://127.0.0.1:1/', '--secret-env', 'HOOK_SECRET'],
          /--webhook: refused: a private, loopback/,
          { ECHOTRACE_ALLOW_PRIVATE_NETWORK: '' },
        ],
        [['--webhook', 'https://example.org/'], /--secret-env: is required with --webhook/],
        [
          ['--webhook', 'https://example.org/', '--secret-env', 'not-a-var'],
          /--secret-env: must name an environment variable/,
        ],
        [['--email', 'desk@@example'], /--email: is not one email address/],
        [['--trigger', 'loud'], /--trigger: takes new, spike, first-seen, silent/],
      ];
      for (const [extra, message, more] of cases) {
        const result = await add(extra, more);
        assert.equal(result.code, 2, `${extra.join(' ')}: ${result.stderr}`);
        assert.match(result.stderr, message);
      }
      const noHost = await cli(['alerts', 'list'], { ECHOTRACE_SMTP_HOST: '', ECHOTRACE_SMTP_PORT: '25' });
      assert.equal(noHost.code, 2);
      assert.match(noHost.stderr, /ECHOTRACE_SMTP_HOST: must be set when ECHOTRACE_SMTP_PORT is/);
      const badPort = await cli(['alerts', 'list'], { ECHOTRACE_SMTP_PORT: '70000' });
      assert.match(badPort.stderr, /ECHOTRACE_SMTP_PORT: must be at most 65535/);
      const badQuery = await cli(['alerts', 'add', 'bad', '--query', '"unclosed']);
      assert.equal(badQuery.code, 2, badQuery.stderr);
      assert.match((await cli(['alerts', 'list'])).stdout, /no saved searches/);
    });

    it('delivers each event exactly once after the evaluator is killed between firing and delivery', async () => {
      for (const name of ['sanctions', 'pyongyang', 'moscow']) {
        const query = { sanctions: 'санкции', pyongyang: 'Пхеньян', moscow: 'Москве' }[name]!;
        const added = await cli([
          'alerts',
          'add',
          name,
          '--query',
          query,
          '--every',
          '1h',
          '--webhook',
          webhook.url,
          '--secret-env',
          'HOOK_SECRET',
          '--email',
          `${name}@example.org`,
        ]);
        assert.equal(added.code, 0, added.stderr);
      }
      const baseline = await cli(['alerts', 'run', '--once', '--json']);
      assert.equal(baseline.code, 0, baseline.stderr);
      assert.deepEqual((JSON.parse(baseline.stdout) as { evaluation: unknown }).evaluation, {
        evaluated: 3,
        fired: 0,
        failed: [],
      });

      writeFileSync(path.join(dir, 'second.ndjson'), posts('b', 4));
      assert.equal((await cli(['ingest', path.join(dir, 'second.ndjson')])).code, 0);
      const childEnv = { ...process.env, ...env, ECHOTRACE_DB: db };
      // Killed right after the first evaluation that fired committed: nothing is sent yet.
      const killed = await child(['alerts', 'run', '--once', '--all'], {
        ...childEnv,
        ECHOTRACE_CRASH_AT: 'alert-fired:1',
      });
      assert.equal(killed.signal, 'SIGKILL', killed.stderr);
      assert.equal(webhook.calls.length, 0);
      const pending = JSON.parse(
        (await cli(['alerts', 'events', '--status', 'pending', '--json'])).stdout,
      ) as unknown[];
      assert.equal(pending.length, 2, 'one event (webhook + email) committed before the kill');

      const rerun = await child(['alerts', 'run', '--once', '--all'], childEnv);
      assert.equal(rerun.code, 0, rerun.stderr);
      const ids = webhook.calls.map((c) => c.id);
      assert.equal(ids.length, 3, 'each search fired once, the killed one included');
      assert.equal(new Set(ids).size, 3, 'no event twice');
      assert.ok(webhook.calls.every((c) => c.signatureValid));
      assert.deepEqual(webhook.calls.map((c) => c.body.alert).sort(), ['moscow', 'pyongyang', 'sanctions']);
      assert.deepEqual(smtp.messages.map((m) => m.to[0]).sort(), [
        'moscow@example.org',
        'pyongyang@example.org',
        'sanctions@example.org',
      ]);
      const delivered = await cli(['alerts', 'events', '--status', 'delivered']);
      assert.equal(delivered.stdout.match(/^ev-\S+ {2}delivered /gm)?.length, 6, delivered.stdout);

      const again = await child(['alerts', 'run', '--once', '--all'], childEnv);
      assert.equal(again.code, 0, again.stderr);
      assert.equal(webhook.calls.length, 3, 'a later run sends nothing again');
    });

    it('resends with the same event id when killed after sending and before marking', async () => {
      writeFileSync(path.join(dir, 'third.ndjson'), posts('c', 2));
      assert.equal((await cli(['ingest', path.join(dir, 'third.ndjson')])).code, 0);
      const before = webhook.calls.length;
      const mailsBefore = smtp.messages.length;
      const childEnv = { ...process.env, ...env, ECHOTRACE_DB: db };
      const killed = await child(['alerts', 'run', '--once', '--all', '--lease-ms', '500'], {
        ...childEnv,
        ECHOTRACE_CRASH_AT: 'alert-sent:1',
      });
      assert.equal(killed.signal, 'SIGKILL', killed.stderr);
      // The delivery it was sending stays claimed until its lease runs out; then it is sent again.
      await new Promise((resolve) => setTimeout(resolve, 600));
      const rerun = await child(['alerts', 'run', '--once'], childEnv);
      assert.equal(rerun.code, 0, rerun.stderr);
      const calls = webhook.calls.slice(before);
      const ids = calls.map((c) => c.id);
      assert.equal(new Set(ids).size, 3, 'three events');
      // The one sent before the kill was not marked: it arrives twice, with one event id.
      const mails = smtp.messages.slice(mailsBefore);
      assert.equal(calls.length + mails.length, 3 * 2 + 1, 'six deliveries, one of them twice');
      const mailIds = mails.map((m) => /X-Echotrace-Event: (\S+)/.exec(m.raw)?.[1]);
      assert.equal(new Set(mailIds).size, 3);
      assert.ok(calls.every((c) => c.headers['idempotency-key'] === c.id));
      const pending = JSON.parse(
        (await cli(['alerts', 'events', '--status', 'pending', '--json'])).stdout,
      ) as unknown[];
      assert.equal(pending.length, 0);
    });

    it('lists, serves the Atom feed as a file, and removes', async () => {
      const listed = await cli(['alerts', 'list']);
      assert.match(listed.stdout, /^moscow {2}every 1h {2}new {2}Москве/m);
      const out = path.join(dir, 'sanctions.atom');
      const feed = await cli(['alerts', 'feed', 'sanctions', '--out', out]);
      assert.equal(feed.code, 0, feed.stderr);
      const xml = readFileSync(out, 'utf8');
      assert.match(xml, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
      assert.equal(xml.match(/<entry>/g)?.length, 2);
      assert.equal((await cli(['alerts', 'feed', 'nope'])).code, 1);
      assert.equal((await cli(['alerts', 'remove', 'moscow'])).code, 0);
      assert.equal((await cli(['alerts', 'remove', 'moscow'])).code, 1);
      assert.doesNotMatch((await cli(['alerts', 'list'])).stdout, /moscow/);
      assert.equal(existsSync(db), backend === 'SQLite', 'the store is the backend under test');
    });
  });
}

suite('SQLite');
if (serverUrl) suite('PostgreSQL');
