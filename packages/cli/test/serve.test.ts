// `echotrace users …`, `echotrace audit` and `echotrace serve`: accounts made on the command line,
// then a real server process on loopback that a client logs in to and searches, stopped by Ctrl-C.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, tempDir } from './cli.harness.ts';

const BIN = path.resolve(import.meta.dirname, '../bin/echotrace.js');

describe('users, audit and serve', () => {
  let work: string;
  let env: NodeJS.ProcessEnv;
  let adminPassword = '';
  before(async () => {
    work = tempDir('echotrace-serve-');
    env = { ECHOTRACE_DB: path.join(work, 'test.db') };
    writeFileSync(path.join(work, 'post.txt'), 'Санкции против Пхеньяна обсуждают снова.\n');
    const ingested = await runCli(
      ['ingest', path.join(work, 'post.txt'), '--source', 'Fringe Daily', '--no-enrich'],
      env,
    );
    assert.equal(ingested.code, 0, ingested.stderr);
  });
  after(() => undefined);

  it('adds users with a generated password shown once, lists them, makes a token, and audits it all', async () => {
    const added = await runCli(['users', 'add', 'ana', '--role', 'admin'], env);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /^added ana \(admin\)$/m);
    adminPassword = /^password \(shown once\): (\S+)$/m.exec(added.stdout)![1]!;
    assert.ok(adminPassword.length >= 12);
    assert.equal((await runCli(['users', 'add', 'ben', '--role', 'analyst'], env)).code, 0);
    const token = await runCli(['users', 'token', 'ben', '--name', 'nightly script'], env);
    assert.equal(token.code, 0, token.stderr);
    assert.match(token.stdout, /^et_[A-Za-z0-9_-]{43}$/m);
    const list = await runCli(['users', 'list'], env);
    assert.match(list.stdout, /^ana {2}admin {2}0 API tokens$/m);
    assert.match(list.stdout, /^ben {2}analyst {2}1 API token$/m);
    const json = JSON.parse((await runCli(['users', 'list', '--json'], env)).stdout) as Array<
      Record<string, unknown>
    >;
    assert.ok(json.every((u) => !('passwordHash' in u)));
    assert.equal((await runCli(['users', 'disable', 'ben'], env)).code, 0);
    assert.match((await runCli(['users', 'list'], env)).stdout, /^ben {2}analyst {2}disabled /m);
    assert.equal((await runCli(['users', 'enable', 'ben'], env)).code, 0);
    const audit = await runCli(['audit'], env);
    assert.equal(audit.code, 0);
    for (const action of [
      'users.add ana',
      'users.add ben',
      'tokens.add ben',
      'users.disable ben',
      'users.enable ben',
    ])
      assert.match(audit.stdout, new RegExp(`cli:\\S+ {2}${action.replace('.', '\\.')}`), action);
    const only = JSON.parse(
      (await runCli(['audit', '--action', 'tokens.add', '--json'], env)).stdout,
    ) as Array<{
      details: Record<string, unknown>;
    }>;
    assert.equal(only.length, 1);
    assert.equal(only[0]!.details.name, 'nightly script');
  });

  it('refuses a bad role, a bad name, a taken name and an unknown user, naming the problem', async () => {
    const role = await runCli(['users', 'add', 'cy', '--role', 'root'], env);
    assert.notEqual(role.code, 0);
    assert.match(role.stderr, /--role: must be one of viewer, analyst, admin/);
    const name = await runCli(['users', 'add', 'Bad Name'], env);
    assert.notEqual(name.code, 0);
    assert.match(name.stderr, /a username is 1–64 lowercase letters/);
    const taken = await runCli(['users', 'add', 'ana'], env);
    assert.notEqual(taken.code, 0);
    const unknown = await runCli(['users', 'disable', 'nobody'], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /user "nobody" not found/);
  });

  it('serves the API on loopback: log in, search, and stop on Ctrl-C', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found = /Echotrace API on (http:\/\/127\.0\.0\.1:\d+)\/api\//.exec(out);
        if (found) resolve(found[1]!);
      });
      child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
    });
    try {
      assert.equal((await fetch(`${url}/api/openapi.json`)).status, 200);
      assert.equal((await fetch(`${url}/api/search?q=санкции`)).status, 401);
      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'ana', password: adminPassword }),
      });
      assert.equal(login.status, 200);
      const cookie = login.headers.get('set-cookie')!;
      assert.doesNotMatch(cookie, /Secure/, 'loopback: a plain-HTTP browser must keep the cookie');
      const search = await fetch(`${url}/api/search?q=санкции`, {
        headers: { cookie: cookie.split(';')[0]! },
      });
      assert.equal(search.status, 200);
      assert.equal(((await search.json()) as { total: number }).total, 1);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      assert.equal(await exited, 0, err);
    }
    assert.match(out, /stopped/);
  });
});
