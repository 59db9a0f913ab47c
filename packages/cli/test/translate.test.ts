// `echotrace translate` end to end: a real SQLite file, the configured service a loopback server
// speaking DeepL's protocol, then `translate show`, `edit` and `approve`, and the settings'
// errors named.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli, tempDir } from './cli.harness.ts';

const requests: Array<{ auth: string | undefined; body: { text: string[]; target_lang: string } }> = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  req.on('end', () => {
    const parsed = JSON.parse(body) as { text: string[]; target_lang: string };
    requests.push({ auth: req.headers.authorization, body: parsed });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        translations: parsed.text.map((t) => ({ detected_source_language: 'RU', text: `EN: ${t}` })),
      }),
    );
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
after(() => new Promise<void>((resolve) => server.close(() => resolve())));
const env = {
  ECHOTRACE_TRANSLATE_PROVIDER: 'deepl',
  ECHOTRACE_TRANSLATE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  ECHOTRACE_TRANSLATE_KEY: 'test-key:fx',
};

interface Translated {
  id: string;
  start: number;
  end: number;
  text: string;
  origin: string;
  provider: string;
  approvedAt: string | null;
}

describe('echotrace translate', () => {
  it('translates a stored document by paragraph, shows provenance, and keeps an edit', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'tr.db');
    const file = path.join(dir, 'post.md');
    writeFileSync(
      file,
      '# Союз\n\nМосква и Пхеньян сближаются.\n\n«Санкции бессмысленны», — заявил эксперт.\n',
    );
    assert.equal((await runCli(['ingest', file, '--db', db, '--no-enrich'])).code, 0);
    const listed = await runCli(['search', 'Пхеньян', '--db', db, '--json']);
    const documentId = (JSON.parse(listed.stdout) as { hits: Array<{ documentId: string }> }).hits[0]!
      .documentId;

    const run = await runCli(['translate', documentId, '--to', 'en', '--db', db, '--json'], env);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout) as { translated: number; translations: Translated[] };
    assert.equal(result.translated, 2);
    assert.deepEqual(
      result.translations.map((t) => [t.text, t.origin, t.provider]),
      [
        ['EN: Москва и Пхеньян сближаются.', 'machine', 'deepl'],
        ['EN: «Санкции бессмысленны», — заявил эксперт.', 'machine', 'deepl'],
      ],
    );
    assert.equal(requests[0]!.auth, 'DeepL-Auth-Key test-key:fx');
    assert.equal(requests[0]!.body.target_lang, 'EN-US');

    const second = result.translations[1]!;
    const edited = await runCli(
      ['translate', 'edit', second.id, '--text', '"Sanctions are pointless," the expert said.', '--db', db],
      env,
    );
    assert.equal(edited.code, 0, edited.stderr);
    assert.match(edited.stdout, /edited by an analyst \(from deepl\)/);
    assert.equal((await runCli(['translate', 'approve', result.translations[0]!.id, '--db', db])).code, 0);

    const again = await runCli(['translate', documentId, '--to', 'en', '--force', '--db', db, '--json'], env);
    assert.equal((JSON.parse(again.stdout) as { translated: number }).translated, 0);

    const shown = await runCli(['translate', 'show', documentId, '--db', db]);
    assert.equal(shown.code, 0);
    assert.match(shown.stdout, /machine translation \(deepl\), approved /);
    assert.match(shown.stdout, /"Sanctions are pointless," the expert said\./);
  });

  it('names what is missing or wrong in the settings and the arguments', async () => {
    const db = path.join(tempDir(), 'empty.db');
    const none = await runCli(['translate', 'doc', '--to', 'en', '--db', db]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no translation service is configured/);
    const bogus = await runCli(['translate', 'doc', '--to', 'en', '--db', db], {
      ECHOTRACE_TRANSLATE_PROVIDER: 'babelfish',
    });
    assert.notEqual(bogus.code, 0);
    assert.match(bogus.stderr, /ECHOTRACE_TRANSLATE_PROVIDER: must be libretranslate, openai or deepl/);
    const noModel = await runCli(['translate', 'doc', '--to', 'en', '--db', db], {
      ECHOTRACE_TRANSLATE_PROVIDER: 'openai',
      ECHOTRACE_TRANSLATE_URL: 'http://127.0.0.1:9/v1',
    });
    assert.equal(noModel.code, 2);
    assert.match(noModel.stderr, /needs a model \(ECHOTRACE_TRANSLATE_MODEL\)/);
    const noTarget = await runCli(['translate', 'doc', '--db', db], env);
    assert.equal(noTarget.code, 2);
    assert.match(noTarget.stderr, /--to LANG is required/);
    const missing = await runCli(['translate', 'nope', '--to', 'en', '--db', db], env);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /document "nope" not found/);
  });
});
