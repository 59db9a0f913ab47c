// `echotrace dispatch …` and `echotrace verify` end to end on a real SQLite file: compose, reorder,
// render twice to the same bytes, bundle, verify, then tamper with the bundle and see it fail.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { runCli, tempDir } from './cli.harness.ts';

const PAGE = `<!doctype html><html><head><title>Россия отталкивает союзника</title>
<link rel="canonical" href="https://tsargrad.example/news/ally"></head><body><article>
<h1>Россия отталкивает союзника</h1>
<p>Россия удивительным образом продолжает отталкивать геополитического союзника.</p>
<p>Пора исправлять ошибки и отменить санкции против КНДР.</p></article></body></html>`;

/** Share of dark pixels in a binary PGM (P5) image: text on a page gives some, a blank page none. */
function inkOf(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  assert.ok(header, 'not a PGM image');
  const pixels = pgm.subarray(header[0].length);
  let dark = 0;
  for (const value of pixels) if (value < 128) dark++;
  return dark / pixels.length;
}

describe('echotrace dispatch and verify', () => {
  it('composes a dispatch, renders it deterministically, and bundles evidence that verifies', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'd.db');
    const page = path.join(dir, 'ally.html');
    writeFileSync(page, PAGE);
    assert.equal((await runCli(['ingest', page, '--db', db, '--no-enrich'])).code, 0);
    const found = await runCli(['search', 'санкции', '--db', db, '--json']);
    const documentId = (JSON.parse(found.stdout) as { hits: Array<{ documentId: string }> }).hits[0]!
      .documentId;

    const created = await runCli([
      'dispatch',
      'new',
      'Pro-Kremlin media: closer ties with North Korea',
      '--date',
      '2022-10-09',
      '--db',
      db,
    ]);
    assert.equal(created.code, 0, created.stderr);
    const id = created.stdout.trim();
    assert.equal(id, 'pro-kremlin-media-closer-ties-with-north-korea');

    const add = (args: string[]) => runCli(['dispatch', 'add', id, ...args, '--db', db]);
    assert.equal((await add(['--text', 'The outlet writes:'])).code, 0);
    const excerpt = await add([
      '--document',
      documentId,
      '--passage',
      'отменить санкции против КНДР',
      '--translation',
      'lift the sanctions on the DPRK',
      '--json',
    ]);
    assert.equal(excerpt.code, 0, excerpt.stderr);
    assert.equal((JSON.parse(excerpt.stdout) as { text: string }).text, 'отменить санкции против КНДР');
    assert.equal((await add(['--heading', 'Pushing away an ally', '--at', '1'])).code, 0);
    assert.equal((await runCli(['dispatch', 'move', id, '1', '2', '--db', db])).code, 0);

    const shown = await runCli(['dispatch', 'show', id, '--db', db]);
    assert.match(
      shown.stdout,
      /1\. text: The outlet writes:\n\s+2\. heading: Pushing away an ally\n\s+3\. excerpt \[1\]/,
    );

    const md = path.join(dir, 'd.md');
    assert.equal(
      (await runCli(['dispatch', 'render', id, '--format', 'md', '--out', md, '--db', db])).code,
      0,
    );
    const again = await runCli(['dispatch', 'render', id, '--format', 'md', '--db', db]);
    assert.equal(again.stdout, readFileSync(md, 'utf8'));
    assert.match(again.stdout, /^October 9, 2022\n\n# Pro-Kremlin media: closer ties with North Korea/);
    assert.match(again.stdout, /> lift the sanctions on the DPRK\[\^1\]/);
    assert.match(
      again.stdout,
      /\[\^1\]: .*“Россия отталкивает союзника”, <https:\/\/tsargrad\.example\/news\/ally>/,
    );
    const html = await runCli(['dispatch', 'render', id, '--format', 'html', '--db', db]);
    assert.match(html.stdout, /<blockquote id="excerpt-3">/);
    const bad = await runCli(['dispatch', 'render', id, '--format', 'rtf', '--db', db]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--format must be md, html, pdf or docx, not "rtf"/);

    // DOCX read back by an independent reader (mammoth): the excerpt and its Word footnote survive.
    const docx = path.join(dir, 'd.docx');
    const wrote = await runCli(['dispatch', 'render', id, '--format', 'docx', '--out', docx, '--db', db]);
    assert.equal(wrote.code, 0, wrote.stderr);
    const { value: docxHtml, messages } = await mammoth.convertToHtml({ path: docx });
    assert.deepEqual(messages, []);
    assert.match(docxHtml, /<h1>Pro-Kremlin media: closer ties with North Korea<\/h1>/);
    assert.match(docxHtml, /<h3>Pushing away an ally<\/h3>/);
    assert.match(docxHtml, /lift the sanctions on the DPRK<sup><a href="#footnote-1"/);
    assert.match(docxHtml, /Original: отменить санкции против КНДР/);
    assert.match(
      docxHtml,
      /<li id="footnote-1"><p>[^<]*“Россия отталкивает союзника”, https:\/\/tsargrad\.example\/news\/ally\. Archived [^<]*capture SHA-256 [0-9a-f]{64}\./,
    );

    // PDF from Debian's Chromium (CI installs it with apt), rendered back to an image by pdftoppm.
    const pdf = path.join(dir, 'd.pdf');
    const printed = await runCli(['dispatch', 'render', id, '--format', 'pdf', '--out', pdf, '--db', db]);
    assert.equal(printed.code, 0, printed.stderr);
    assert.equal(readFileSync(pdf).subarray(0, 5).toString('latin1'), '%PDF-');
    const raster = spawnSync('pdftoppm', ['-r', '40', '-gray', pdf, path.join(dir, 'page')], {
      encoding: 'utf8',
    });
    assert.equal(
      raster.status,
      0,
      `pdftoppm (Debian poppler-utils) failed: ${raster.error?.message ?? raster.stderr}`,
    );
    const pages = readdirSync(dir).filter((f) => /^page-\d+\.pgm$/.test(f));
    assert.ok(pages.length >= 1);
    assert.ok(inkOf(readFileSync(path.join(dir, pages[0]!))) > 0.005, 'the first page is blank');

    const bundle = path.join(dir, 'bundle');
    assert.equal((await runCli(['dispatch', 'bundle', id, '--out', bundle, '--db', db])).code, 0);
    const verified = await runCli(['verify', bundle]);
    assert.equal(verified.code, 0, verified.stdout);
    assert.match(verified.stdout, /^OK: 3 files, 1 captures, 1 excerpts checked/);
    assert.match(
      readFileSync(path.join(bundle, 'captures.warc'), 'latin1'),
      /^WARC\/1\.1\r\nWARC-Type: warcinfo/,
    );

    const rendered = path.join(bundle, 'dispatch.md');
    writeFileSync(
      rendered,
      readFileSync(rendered, 'utf8').replace('lift the sanctions', 'keep the sanctions'),
    );
    const tampered = await runCli(['verify', bundle, '--json']);
    assert.equal(tampered.code, 1);
    const report = JSON.parse(tampered.stdout) as { ok: boolean; problems: string[] };
    assert.equal(report.ok, false);
    assert.match(report.problems[0]!, /^dispatch\.md: SHA-256 is [0-9a-f]{64}, the manifest says/);
  });

  it('builds a dispatch from a file, with an attributed quote, and rebuilds it in place', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'd.db');
    const page = path.join(dir, 'letter.html');
    writeFileSync(
      page,
      `<!doctype html><html><head><title>Письмо</title><link rel="canonical" href="https://vestnik.example/letter"></head>
<body><article><h1>Письмо</h1><p>Издатель ответил на санкции открытым письмом.</p>
<p>«Я не буду оспаривать эти санкции, я ими горжусь», — сказал Глеб Туманов.</p></article></body></html>`,
    );
    assert.equal((await runCli(['ingest', page, '--db', db])).code, 0);
    const spec = path.join(dir, 'dispatch.yaml');
    const write = (passage: string) =>
      writeFileSync(
        spec,
        `headline: A publisher's letter
date: 2024-02-22
summary: He will not contest the sanctions.
blocks:
  - heading: The letter
  - excerpt:
      document: https://vestnik.example/letter
      quote: не буду оспаривать
      translation: I will not contest these sanctions, I am proud of them
  - excerpt:
      document: https://vestnik.example/letter
      passage: ${passage}
`,
      );
    write('открытым письмом');
    const made = await runCli(['dispatch', 'import', spec, '--db', db]);
    assert.equal(made.code, 0, made.stderr);
    assert.equal(made.stdout, 'a-publishers-letter: created with 2 excerpts\n');
    const md = await runCli(['dispatch', 'render', 'a-publishers-letter', '--format', 'md', '--db', db]);
    assert.match(md.stdout, /> I will not contest these sanctions, I am proud of them\[\^1\]/);
    assert.match(md.stdout, /> — Глеб Туманов\n/);
    assert.match(md.stdout, /> открытым письмом\[\^1\]/);

    // A passage that is not in the document: the file is refused as a whole, nothing is written.
    write('закрытым письмом');
    const refused = await runCli(['dispatch', 'import', spec, '--replace', '--db', db]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /not found in document [0-9a-f]+: "закрытым письмом"/);
    const shown = await runCli(['dispatch', 'show', 'a-publishers-letter', '--db', db]);
    assert.match(shown.stdout, /3\. excerpt \[1\]/);

    write('Издатель ответил');
    const rebuilt = await runCli(['dispatch', 'import', spec, '--replace', '--db', db]);
    assert.equal(rebuilt.stdout, 'a-publishers-letter: rebuilt with 2 excerpts\n');
    const list = await runCli(['dispatch', 'list', '--db', db]);
    assert.equal(list.stdout.trim().split('\n').length, 1);
    const again = await runCli(['dispatch', 'render', 'a-publishers-letter', '--format', 'md', '--db', db]);
    assert.match(again.stdout, /> Издатель ответил\[\^1\]/);

    writeFileSync(spec, 'headline: x\nblocks: []\n');
    const empty = await runCli(['dispatch', 'import', spec, '--db', db]);
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /dispatch\.yaml: blocks: /);
  });
});
