import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '@echotrace/core';
import { discoverFeedLinks, feedCandidates, parseFeed } from '@echotrace/extract';

const RSS2 = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Вестник</title><link>https://vestnik.example/</link>
<item>
  <title>Заседание совета</title>
  <link>/news/1</link>
  <description><![CDATA[<p>Краткое <b>описание</b></p>]]></description>
  <content:encoded><![CDATA[<p>Полный текст</p>]]></content:encoded>
  <pubDate>Tue, 26 Nov 2024 09:15:00 +0300</pubDate>
  <dc:creator>Иван Петров</dc:creator>
  <guid isPermaLink="false">vestnik-1</guid>
</item>
<item><title>Без ссылки</title><guid>https://vestnik.example/news/2</guid><pubDate>not a date</pubDate></item>
</channel></rss>`;

const RDF = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example/"><title>RDF feed</title><link>https://rdf.example/</link></channel>
<item rdf:about="https://rdf.example/a"><title>A</title><link>https://rdf.example/a</link><dc:date>2024-11-26T10:00:00+03:00</dc:date><dc:creator>Анна</dc:creator></item>
<item rdf:about="https://rdf.example/b"><title>B</title></item>
</rdf:RDF>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example/blog/">
<title>Atom feed</title><link rel="self" href="https://atom.example/feed.atom"/><link href="https://atom.example/"/>
<entry>
  <title>Entry one</title>
  <link rel="edit" href="https://atom.example/edit/1"/>
  <link rel="alternate" type="text/html" href="posts/1"/>
  <id>tag:atom.example,2024:1</id>
  <published>2024-11-25T08:00:00Z</published><updated>2024-11-26T08:00:00Z</updated>
  <summary>Short</summary>
  <content type="html">&lt;p&gt;Long&lt;/p&gt;</content>
  <author><name>Jane Doe</name></author>
</entry></feed>`;

const JSON_FEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'JSON feed',
  home_page_url: 'https://json.example/',
  items: [
    {
      id: '1',
      url: 'https://json.example/1',
      title: 'Первая',
      content_html: '<p>Текст</p>',
      summary: 'Кратко',
      date_published: '2024-11-26T09:15:00+03:00',
      authors: [{ name: 'Мария' }],
    },
    { id: 2, external_url: '/2', content_text: 'plain', author: { name: 'Old Style' } },
  ],
});

describe('parseFeed', () => {
  it('reads RSS 2.0 items with content, author, guid and relative links', () => {
    const feed = parseFeed(RSS2, { origin: 'https://vestnik.example/rss.xml' });
    assert.equal(feed.format, 'rss');
    assert.equal(feed.title, 'Вестник');
    assert.equal(feed.items.length, 2);
    assert.deepEqual(feed.items[0], {
      url: 'https://vestnik.example/news/1',
      title: 'Заседание совета',
      summary: '<p>Краткое <b>описание</b></p>',
      content: '<p>Полный текст</p>',
      published: '2024-11-26T09:15:00+03:00',
      updated: null,
      author: 'Иван Петров',
      guid: 'vestnik-1',
    });
    // A permalink guid stands in for a missing <link>; a bad date is dropped, not fatal.
    assert.equal(feed.items[1]!.url, 'https://vestnik.example/news/2');
    assert.equal(feed.items[1]!.published, null);
  });

  it('skips an empty atom:link before the RSS <link>', () => {
    const feed = parseFeed(
      `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><atom:link href="https://x.example/rss" rel="self"/><link>https://x.example/</link>
<item><atom:link href="https://x.example/amp/1" rel="amphtml"/><link>https://x.example/1</link><title>T</title></item></channel></rss>`,
      { origin: 'https://x.example/rss' },
    );
    assert.equal(feed.homepage, 'https://x.example/');
    assert.equal(feed.items[0]!.url, 'https://x.example/1');
  });

  it('reads RSS 1.0 (RDF)', () => {
    const feed = parseFeed(RDF, { origin: 'https://rdf.example/index.rdf' });
    assert.equal(feed.format, 'rdf');
    assert.equal(feed.title, 'RDF feed');
    assert.deepEqual(
      feed.items.map((item) => [item.url, item.published, item.author]),
      [
        ['https://rdf.example/a', '2024-11-26T10:00:00+03:00', 'Анна'],
        ['https://rdf.example/b', null, null],
      ],
    );
  });

  it('reads Atom with xml:base, the alternate link and author name', () => {
    const feed = parseFeed(ATOM, { origin: 'https://atom.example/feed.atom' });
    assert.equal(feed.format, 'atom');
    assert.equal(feed.homepage, 'https://atom.example/');
    const [entry] = feed.items;
    assert.equal(entry!.url, 'https://atom.example/blog/posts/1');
    assert.equal(entry!.guid, 'tag:atom.example,2024:1');
    assert.equal(entry!.published, '2024-11-25T08:00:00Z');
    assert.equal(entry!.updated, '2024-11-26T08:00:00Z');
    assert.equal(entry!.content, '<p>Long</p>');
    assert.equal(entry!.author, 'Jane Doe');
  });

  it('reads JSON Feed 1.0 and 1.1 fields', () => {
    const feed = parseFeed(new TextEncoder().encode(JSON_FEED), { origin: 'https://json.example/feed.json' });
    assert.equal(feed.format, 'json');
    assert.equal(feed.charset, 'utf-8');
    assert.deepEqual(feed.items[0], {
      url: 'https://json.example/1',
      title: 'Первая',
      summary: 'Кратко',
      content: '<p>Текст</p>',
      published: '2024-11-26T09:15:00+03:00',
      updated: null,
      author: 'Мария',
      guid: '1',
    });
    assert.deepEqual(
      [feed.items[1]!.url, feed.items[1]!.author, feed.items[1]!.guid, feed.items[1]!.content],
      ['https://json.example/2', 'Old Style', '2', 'plain'],
    );
  });

  it('decodes a windows-1251 feed from its XML declaration', () => {
    const xml = RSS2.replace('encoding="utf-8"', 'encoding="windows-1251"');
    const decoder = new TextDecoder('windows-1251');
    const table = new Map<string, number>();
    for (let b = 0; b < 256; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
    const bytes = Uint8Array.from([...xml].map((ch) => table.get(ch)!));
    const feed = parseFeed(bytes, { origin: 'https://vestnik.example/rss.xml' });
    assert.equal(feed.charset, 'windows-1251');
    assert.equal(feed.items[0]!.title, 'Заседание совета');
  });

  it('decodes an undeclared KOI8-R feed by detection, and one declared only in the header', () => {
    const xml = RSS2.replace(' encoding="utf-8"', '');
    const decoder = new TextDecoder('koi8-r');
    const table = new Map<string, number>();
    for (let b = 0; b < 256; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
    const bytes = Uint8Array.from([...xml].map((ch) => table.get(ch)!));
    const detected = parseFeed(bytes, { origin: 'https://vestnik.example/rss.xml' });
    assert.equal(detected.charset, 'koi8-r');
    assert.equal(detected.items[0]!.author, 'Иван Петров');
    const declared = parseFeed(bytes, {
      origin: 'x',
      contentTypeHeader: 'application/rss+xml; charset=koi8-r',
    });
    assert.equal(declared.title, 'Вестник');
  });

  it('rejects documents that are not feeds, naming the origin', () => {
    assert.throws(
      () => parseFeed('<html><body/></html>', { origin: 'page.html' }),
      (e: unknown) => e instanceof InputError && /page\.html: not a feed/.test(e.message),
    );
    assert.throws(() => parseFeed('{"a":1}', { origin: 'x.json' }), /x\.json: not a JSON Feed/);
    assert.throws(() => parseFeed('{', { origin: 'y.json' }), /y\.json: malformed JSON/);
  });
});

describe('feed discovery', () => {
  const HOME = `<html><head>
<link rel="stylesheet" href="/s.css">
<link rel="alternate" type="application/rss+xml" title="Новости &amp; события" href="/export/rss2/index.xml">
<link type="application/atom+xml" rel="alternate" href='https://other.example/atom'>
<link rel="alternate" type="application/feed+json" href="feed.json">
<link rel="alternate" hreflang="en" href="/en/">
</head></html>`;

  it('finds advertised RSS, Atom and JSON feeds, absolute', () => {
    assert.deepEqual(
      discoverFeedLinks(HOME, 'https://site.example/news/').map((c) => [c.url, c.type, c.title]),
      [
        ['https://site.example/export/rss2/index.xml', 'application/rss+xml', 'Новости & события'],
        ['https://other.example/atom', 'application/atom+xml', null],
        ['https://site.example/news/feed.json', 'application/feed+json', null],
      ],
    );
  });

  it('adds the common feed paths after the advertised ones', () => {
    const urls = feedCandidates('<html></html>', 'https://site.example/some/page').map((c) => c.url);
    for (const path of ['/feed', '/rss', '/rss.xml', '/atom.xml', '/feed.json'])
      assert.ok(urls.includes(`https://site.example${path}`), path);
    const withLinks = feedCandidates(HOME, 'https://site.example/');
    assert.equal(withLinks[0]!.via, 'link');
    assert.equal(withLinks.at(-1)!.via, 'common-path');
  });
});
