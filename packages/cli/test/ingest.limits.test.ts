// Resource bounds per item during ingest: a page nested too deep (or with too many elements) fails
// alone, by name, with its bytes archived as a capture; a text past ECHOTRACE_ENRICH_MAX_CHARS is
// stored whole and annotated only in its beginning.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openSqliteStore } from '@echotrace/storage';
import { runCli, tempDir } from './cli.harness.ts';

interface Summary {
  added: number;
  failed: Array<{ origin: string; reason: string; archived?: string }>;
}

const page = (body: string) =>
  `<!doctype html><html lang="en"><head><title>A page</title></head><body>${body}</body></html>`;

describe('ingest under per-item bounds', () => {
  it('a page nested too deep fails by name, its bytes archived; the other page is stored', async () => {
    const root = tempDir('echotrace-limits-');
    const dir = path.join(root, 'in');
    mkdirSync(dir);
    const deep = page('<div>'.repeat(200_000) + 'buried' + '</div>'.repeat(200_000));
    writeFileSync(path.join(dir, 'deep.html'), deep);
    writeFileSync(
      path.join(dir, 'good.html'),
      page(
        '<article><h1>Headline</h1><p>The minister said the talks would resume on Monday in Geneva.</p></article>',
      ),
    );
    const db = path.join(root, 'x.db');
    const result = await runCli(['ingest', dir, '--no-enrich', '--json', '--db', db]);
    assert.equal(result.code, 1, result.stderr);
    const summary = JSON.parse(result.stdout) as Summary;
    assert.equal(summary.added, 1);
    assert.equal(summary.failed.length, 1);
    const [failure] = summary.failed;
    assert.equal(path.basename(failure!.origin), 'deep.html');
    assert.match(failure!.reason, /nested more than 512 elements deep \(ECHOTRACE_HTML_MAX_DEPTH\)/);
    const sha = createHash('sha256').update(deep).digest('hex');
    assert.equal(failure!.archived, sha);
    assert.match(failure!.reason, new RegExp(`archived as capture ${sha}`));
    const store = openSqliteStore(db);
    try {
      const capture = await store.captures.get(sha);
      assert.equal(capture?.mediaType, 'text/html');
      assert.equal(capture?.byteLength, Buffer.byteLength(deep));
      assert.equal(Buffer.from((await store.captures.bytes(sha))!).toString(), deep);
    } finally {
      await store.close();
    }
  });

  it('ECHOTRACE_HTML_MAX_DEPTH and _MAX_ELEMENTS set the bounds; bad values are refused by name', async () => {
    const root = tempDir('echotrace-limits-');
    const file = path.join(root, 'list.html');
    writeFileSync(file, page('<ul>' + '<li>item'.repeat(300) + '</ul>'));
    const db = path.join(root, 'x.db');
    const refused = await runCli(['ingest', file, '--no-enrich', '--json', '--db', db], {
      ECHOTRACE_HTML_MAX_ELEMENTS: '100',
    });
    assert.equal(refused.code, 1);
    assert.match((JSON.parse(refused.stdout) as Summary).failed[0]!.reason, /more than 100 elements/);
    const shallow = await runCli(['ingest', file, '--no-enrich', '--json', '--db', db], {
      ECHOTRACE_HTML_MAX_DEPTH: '3',
    });
    assert.match((JSON.parse(shallow.stdout) as Summary).failed[0]!.reason, /more than 3 elements deep/);
    const stored = await runCli(['ingest', file, '--no-enrich', '--json', '--db', db]);
    assert.equal((JSON.parse(stored.stdout) as Summary).added, 1);
    const bad = await runCli(['ingest', file, '--db', db], { ECHOTRACE_HTML_MAX_DEPTH: 'deep' });
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /ECHOTRACE_HTML_MAX_DEPTH: must be a whole number/);
  });

  it('enrichers read ECHOTRACE_ENRICH_MAX_CHARS characters; the text is stored whole', async () => {
    const root = tempDir('echotrace-limits-');
    const file = path.join(root, 'long.txt');
    const sentence = 'Vladimir Putin met Emmanuel Macron in Moscow. ';
    const text = `Long file\n\n${`${sentence}\n\n`.repeat(400)}`;
    writeFileSync(file, text);
    const db = path.join(root, 'x.db');
    const maxChars = 10 * (sentence.length + 2);
    const result = await runCli(['ingest', file, '--language', 'en', '--json', '--db', db], {
      ECHOTRACE_ENRICH_MAX_CHARS: String(maxChars),
    });
    assert.equal(result.code, 0, result.stderr);
    const store = openSqliteStore(db);
    try {
      const [document] = await store.documents.list({ limit: 1 });
      // Stored whole: every paragraph, past the bound too (the first line is the title).
      assert.equal(document!.text.split('\n\n').length, 400);
      assert.ok(document!.text.length > 4 * maxChars);
      const entities = await store.annotations.find({ documentId: document!.id, kind: 'entity' });
      assert.ok(entities.length > 0, 'the beginning is annotated');
      assert.ok(
        entities.every((a) => a.end <= maxChars),
        `a span ends at ${Math.max(...entities.map((a) => a.end))}`,
      );
    } finally {
      await store.close();
    }
  });
});
