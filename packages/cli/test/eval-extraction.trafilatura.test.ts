import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { halfOfSite, siteOf } from '@echotrace/app';
import type { SnippetEvaluation } from '@echotrace/app';
import { main } from '../src/main.ts';

// windows-1251 bytes for a string (the test writes a page as a Russian site would serve it).
function encode1251(text: string): Buffer {
  const decoder = new TextDecoder('windows-1251');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  return Buffer.from([...text].map((ch) => table.get(ch) ?? 0x3f));
}

const ENGLISH = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour plan | Example News</title>
<meta property="og:title" content="Harbour plan approved">
<meta property="article:published_time" content="2021-03-04T08:00:00Z"><meta name="author" content="Ann Lee"></head>
<body><nav><a href="/">Home</a> <a href="/world">World news and more stories</a></nav>
<article><h1>Harbour plan approved</h1>
<p>The city council approved the harbour plan on Thursday, after three years of public hearings and objections.</p>
<p>Work on the new quay, which will cost about forty million euros, is due to begin in the autumn, officials said.</p>
<p>Fishermen, who had opposed an earlier version, said the final plan kept their moorings near the old market.</p></article>
<footer>Copyright Example News. All rights reserved, everywhere and always.</footer></body></html>`;

const RUSSIAN = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">
<title>Мост открыли</title><meta property="og:title" content="Мост через реку открыли после ремонта">
<meta name="author" content="Иван Петров"><meta property="article:published_time" content="2020-06-01T10:00:00+03:00"></head>
<body><div class="menu"><a href="/">Главная</a> <a href="/news">Новости региона и другие материалы</a></div>
<div class="article-body"><p>Мост через реку открыли в понедельник после двух лет ремонта, сообщили в администрации города.</p>
<p>Движение по мосту будет открыто для легковых машин, а грузовики смогут ездить по нему только ночью.</p>
<p>Жители, которые всё это время ездили в объезд, говорят, что дорога до центра теперь займёт вдвое меньше.</p></div>
<div class="footer">Все права защищены, перепечатка запрещена без согласия редакции.</div></body></html>`;

const BLOG = `<html><head><meta charset="utf-8"><title>Garden notes</title></head><body>
<div id="sidebar"><a href="/a">Archive of all posts from every year</a></div>
<div class="post"><p>This spring the tomatoes came up early, so I moved them to the greenhouse in the first week of April.</p>
<p>By June the plants were taller than the fence, and the first fruit was ripe two weeks before the neighbours'.</p></div>
</body></html>`;

const SET = {
  'https://news.example.org/2021/03/harbour': {
    file: 'a1.html',
    title: 'Harbour plan approved',
    author: 'Ann Lee',
    date: '2021-03-04',
    with: ['approved the harbour plan on Thursday', 'kept their moorings near the old market'],
    without: ['World news and more stories', 'All rights reserved'],
  },
  'https://ru.example.net/most': {
    file: 'b2.html',
    title: 'Мост через реку открыли после ремонта',
    author: 'Иван Петров',
    date: '2020-06-01',
    with: ['Мост через реку открыли в понедельник', 'займёт вдвое меньше'],
    without: ['Новости региона и другие материалы', 'перепечатка запрещена'],
  },
  'hard::garden.example.com-tomatoes.html': {
    file: 'garden.example.com-tomatoes.html',
    with: ['the tomatoes came up early', 'taller than the fence'],
    without: ['Archive of all posts'],
  },
};

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('eval extraction --format trafilatura', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'echotrace-snippets-'));
    mkdirSync(path.join(dir, 'eval'));
    writeFileSync(path.join(dir, 'eval', 'a1.html'), ENGLISH);
    writeFileSync(path.join(dir, 'eval', 'b2.html'), encode1251(RUSSIAN));
    writeFileSync(path.join(dir, 'eval', 'garden.example.com-tomatoes.html'), BLOG);
    writeFileSync(path.join(dir, 'evaldata.json'), JSON.stringify(SET));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('scores both systems on snippets, halves, charsets and metadata in one run', async () => {
    const out = capture();
    const err = capture();
    const saved = path.join(dir, 'saved');
    const code = await main(
      ['eval', 'extraction', '--format', 'trafilatura', '--data', dir, '--json', '--save', saved],
      { stdout: out.stream, stderr: err.stream },
    );
    assert.equal(code, 0, err.text());
    const result = JSON.parse(out.text()) as SnippetEvaluation;
    assert.equal(result.pages, 3);
    assert.equal(result.tunePages + result.heldOutPages, 3);
    assert.deepEqual(
      result.results.map((r) => r.system),
      ['echotrace', 'readability.js'],
    );
    const ours = result.results[0]!;
    // Every wanted snippet found, no unwanted one: the pages are plain articles.
    assert.deepEqual([ours.all.tp, ours.all.fn, ours.all.fp, ours.all.tn], [6, 0, 0, 5]);
    assert.equal(ours.all.f, 1);
    // The windows-1251 page was decoded as such and is the one Cyrillic page.
    assert.equal(ours.byCharset['windows-1251']?.pages, 1);
    assert.equal(ours.byCharset['windows-1251']?.f, 1);
    assert.equal(ours.cyrillic.pages, 1);
    assert.deepEqual([ours.title.correct, ours.title.total], [2, 2]);
    assert.deepEqual([ours.author.correct, ours.author.total], [2, 2]);
    assert.deepEqual([ours.date.correct, ours.date.total], [2, 2]);
    const heldOutTitled = [
      siteOf('https://news.example.org/2021/03/harbour', 'a1.html'),
      siteOf('https://ru.example.net/most', 'b2.html'),
    ].filter((site) => halfOfSite(site) === 'held-out').length;
    assert.equal(ours.heldOutMetadata.title.total, heldOutTitled);
    assert.equal(ours.heldOutMetadata.title.correct, heldOutTitled);
    assert.equal(typeof ours.msPerPage, 'number');
    const saved1 = JSON.parse(readFileSync(path.join(saved, 'echotrace.json'), 'utf8')) as Record<
      string,
      { text: string; half: string }
    >;
    assert.match(saved1['https://ru.example.net/most']!.text, /^Мост через реку открыли/);

    const table = capture();
    assert.equal(
      await main(['eval', 'extraction', '--format', 'trafilatura', '--data', dir], {
        stdout: table.stream,
        stderr: capture().stream,
      }),
      0,
    );
    assert.match(table.text(), /held F/);
    assert.match(table.text(), /windows-1251 1\.000 \(1\)/);
  });

  it('runs one half alone', async () => {
    const out = capture();
    const code = await main(
      ['eval', 'extraction', '--format', 'trafilatura', '--data', dir, '--half', 'tune', '--json'],
      { stdout: out.stream, stderr: capture().stream },
    );
    assert.equal(code, 0);
    const result = JSON.parse(out.text()) as SnippetEvaluation;
    assert.equal(result.heldOutPages, 0);
    const tuneSites = [
      siteOf('https://news.example.org/2021/03/harbour', 'a1.html'),
      siteOf('https://ru.example.net/most', 'b2.html'),
      siteOf('', 'garden.example.com-tomatoes.html'),
    ].filter((s) => halfOfSite(s) === 'tune');
    assert.equal(result.pages, tuneSites.length);
  });

  it('splits by site: hosts of one site and file-named pages land together', () => {
    assert.equal(siteOf('https://wien.orf.at/stories/1/', 'x.html'), 'orf.at');
    assert.equal(siteOf('https://www.laestrella.com.pa/a', 'x.html'), 'laestrella.com.pa');
    assert.equal(siteOf('', 'nationnews.com-schools.html'), 'nationnews.com');
    assert.equal(siteOf('', 'heavenlynnhealthy.de.areenburk.html'), 'heavenlynnhealthy.de');
    assert.equal(siteOf('', 'diaadia.com.pa-ulpiano.html'), 'diaadia.com.pa');
    assert.equal(halfOfSite('orf.at'), halfOfSite(siteOf('https://orf.at/x', 'y.html')));
  });

  it('names the directory when it is not the layout, and rejects a bad --half or --format', async () => {
    const err = capture();
    const code = await main(
      ['eval', 'extraction', '--format', 'trafilatura', '--data', path.join(dir, 'eval')],
      {
        stdout: capture().stream,
        stderr: err.stream,
      },
    );
    assert.equal(code, 1);
    assert.match(err.text(), /evaldata\.json/);
    for (const args of [
      ['--format', 'trafilatura', '--half', 'middle'],
      ['--format', 'boilerpipe'],
      ['--half', 'tune'],
    ]) {
      const usage = await main(['eval', 'extraction', '--data', dir, ...args], {
        stdout: capture().stream,
        stderr: capture().stream,
      });
      assert.equal(usage, 2, args.join(' '));
    }
  });
});
