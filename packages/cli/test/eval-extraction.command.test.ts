import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { main } from '../src/main.ts';

const PAGE = `<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><p>The committee met on Monday and agreed, after a long debate, to publish the report in full.</p>
<p>Members said the findings would be discussed again at the next session of the committee in spring.</p></article>
<footer>Copyright notice for the example site.</footer></body></html>`;
const TRUTH =
  'The committee met on Monday and agreed, after a long debate, to publish the report in full.\n' +
  'Members said the findings would be discussed again at the next session of the committee in spring.';

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('eval extraction', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'echotrace-eval-'));
    mkdirSync(path.join(dir, 'html'));
    mkdirSync(path.join(dir, 'output'));
    writeFileSync(path.join(dir, 'html', 'p1.html.gz'), gzipSync(PAGE));
    writeFileSync(
      path.join(dir, 'ground-truth.json'),
      JSON.stringify({ p1: { articleBody: TRUTH, url: 'https://example.org/a' } }),
    );
    // A "published" system that returned only the first sentence: precision 1, recall below 1.
    const half = { output: { p1: { articleBody: TRUTH.split('\n')[0] } }, version: 'test' };
    writeFileSync(path.join(dir, 'output', 'halfway.json'), JSON.stringify(half));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('scores ours, Readability.js and published outputs with the benchmark metric', async () => {
    const out = capture();
    const err = capture();
    const saved = path.join(dir, 'saved');
    const code = await main(['eval', 'extraction', '--data', dir, '--json', '--save', saved], {
      stdout: out.stream,
      stderr: err.stream,
    });
    assert.equal(code, 0, err.text());
    const results = JSON.parse(out.text()) as Array<{
      system: string;
      precision: number;
      recall: number;
      f1: number;
      pages: number;
      msPerPage: number | null;
    }>;
    assert.deepEqual(
      results.map((r) => r.system),
      ['echotrace', 'readability.js', 'halfway (published output)'],
    );
    const ours = results[0]!;
    assert.equal(ours.pages, 1);
    assert.equal(ours.f1, 1);
    assert.equal(typeof ours.msPerPage, 'number');
    const halfway = results[2]!;
    assert.equal(halfway.precision, 1);
    assert.ok(halfway.recall > 0.3 && halfway.recall < 0.6, String(halfway.recall));
    assert.equal(halfway.msPerPage, null);
    // Saved in the benchmark's own output format.
    const savedTexts = JSON.parse(readFileSync(path.join(saved, 'echotrace.json'), 'utf8')) as Record<
      string,
      { articleBody: string }
    >;
    assert.deepEqual(Object.keys(savedTexts), ['p1']);
    assert.match(savedTexts.p1!.articleBody, /^The committee met on Monday/);
  });

  it('names the directory when it is not a benchmark, and rejects an unknown system as usage', async () => {
    const err = capture();
    const code = await main(['eval', 'extraction', '--data', path.join(dir, 'html')], {
      stdout: capture().stream,
      stderr: err.stream,
    });
    assert.equal(code, 1);
    assert.match(err.text(), /ground-truth\.json/);
    const usage = await main(['eval', 'extraction', '--data', dir, '--system', 'nope'], {
      stdout: capture().stream,
      stderr: capture().stream,
    });
    assert.equal(usage, 2);
  });
});
