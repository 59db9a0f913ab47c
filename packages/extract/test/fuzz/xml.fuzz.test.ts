// Property tests for the XML readers (RSS, RDF, Atom and JSON feeds; sitemaps and sitemap
// indexes; robots.txt Sitemap lines): any input is read or refused with an InputError, entity
// declarations are always refused (billion laughs, XXE), and what is read is well-typed.
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { InputError } from '@echotrace/core';
import { parseFeed, parseSitemap, sitemapsFromRobots } from '@echotrace/extract';
import {
  executed,
  mutated,
  refusedTyped,
  reportExecutions,
  RUNS,
  SEED,
  settings,
  soup,
} from './fuzz.settings.ts';

const XML_PIECES = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<?xml version="1.0" encoding="windows-1251"?>',
  '<?xml version="1.0" encoding="no-such-charset"?>',
  '<rss version="2.0">',
  '</rss>',
  '<channel>',
  '</channel>',
  '<item>',
  '</item>',
  '<title>',
  '</title>',
  '<link>',
  '</link>',
  '<link href="/x"/>',
  '<link rel="alternate" href="https://a.example/1"/>',
  '<guid>',
  '</guid>',
  '<pubDate>Tue, 26 Nov 2024 09:15:00 +0300</pubDate>',
  '<pubDate>99 Foo 99999</pubDate>',
  '<feed xmlns="http://www.w3.org/2005/Atom">',
  '</feed>',
  '<entry>',
  '</entry>',
  '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
  '</urlset>',
  '<sitemapindex>',
  '</sitemapindex>',
  '<url>',
  '</url>',
  '<loc>',
  '</loc>',
  '<lastmod>2024-11-26</lastmod>',
  '<news:news xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><news:title>T</news:title></news:news>',
  '<![CDATA[',
  ']]>',
  '<!-- c -->',
  '<!DOCTYPE rss>',
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>',
  '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
  '&a;',
  '&xxe;',
  '&amp;',
  '&lt;',
  '&#0;',
  '&#x110000;',
  '&#99999999999;',
  'https://a.example/news/1',
  '/relative/path',
  'javascript:alert(1)',
  '\u0000',
  '\uFEFF',
  'Новости',
  '{',
  '"items":[',
  '{"url":1}',
];

const VALID_FEED = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>
<item><title>One</title><link>https://a.example/1</link><pubDate>Tue, 26 Nov 2024 09:15:00 +0300</pubDate></item>
</channel></rss>`;
const VALID_SITEMAP = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://a.example/1</loc><lastmod>2024-11-26</lastmod></url></urlset>`;
const VALID_JSON_FEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'J',
  items: [{ id: '1', url: 'https://a.example/1', title: 'One', date_published: '2024-11-26T09:15:00Z' }],
});

const xmlish = fc.oneof(
  soup(XML_PIECES),
  mutated(VALID_FEED, XML_PIECES),
  mutated(VALID_SITEMAP, XML_PIECES),
  mutated(VALID_JSON_FEED, XML_PIECES),
  fc.jsonValue().map((v) => JSON.stringify(v)),
);
const bytesOf = fc.oneof(
  xmlish.map((s) => new TextEncoder().encode(s)),
  fc.uint8Array({ maxLength: 200 }),
  xmlish.map((s) => new Uint8Array(gzipSync(s))),
  fc.uint8Array({ maxLength: 60 }).map((b) => new Uint8Array([0x1f, 0x8b, ...b])),
);
const contentType = fc.constantFrom(
  null,
  'application/rss+xml',
  'text/xml; charset=koi8-r',
  'application/json',
  'text/html; charset=bogus',
);

const isStringOrNull = (v: unknown) => v === null || v === undefined || typeof v === 'string';

describe(`XML reader properties (${RUNS} runs each, seed ${SEED})`, () => {
  it('parseFeed reads any text or bytes, or refuses them with an InputError', () => {
    fc.assert(
      fc.property(fc.oneof(xmlish, bytesOf), contentType, (input, type) => {
        executed('feed parser');
        const feed = refusedTyped(() =>
          parseFeed(input, { origin: 'https://a.example/feed', contentTypeHeader: type }),
        );
        if (feed instanceof InputError) return;
        assert.ok(Array.isArray(feed.items));
        for (const item of feed.items) {
          assert.ok(isStringOrNull(item.url) && isStringOrNull(item.title), JSON.stringify(item));
          if (item.url) assert.match(item.url, /^https?:\/\//, 'item URLs are absolute http(s)');
        }
      }),
      settings,
    );
  });

  it('parseSitemap reads any text or bytes (gzip too), or refuses them with an InputError', () => {
    fc.assert(
      fc.property(fc.oneof(xmlish, bytesOf), contentType, (input, type) => {
        executed('sitemap parser');
        const sitemap = refusedTyped(() =>
          parseSitemap(input, { origin: 'https://a.example/sitemap.xml', contentTypeHeader: type }),
        );
        if (sitemap instanceof InputError) return;
        assert.ok(sitemap.kind === 'urlset' || sitemap.kind === 'index');
        for (const entry of sitemap.entries) assert.equal(typeof entry.url, 'string');
      }),
      settings,
    );
  });

  it('an entity declaration is refused wherever it sits, however it is used', () => {
    const declaration = fc.constantFrom(
      '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>',
      '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
      '<!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1/x.dtd"> %p;]>',
    );
    fc.assert(
      fc.property(declaration, fc.constantFrom(VALID_FEED, VALID_SITEMAP), fc.boolean(), (dtd, doc, use) => {
        executed('entity declarations');
        const at = doc.indexOf('?>') + 2;
        let text = doc.slice(0, at) + dtd + doc.slice(at);
        if (use) text = text.replace('>One<', '>&lol2;&xxe;<').replace('1</loc>', '1&lol2;</loc>');
        const read =
          doc === VALID_FEED
            ? () => parseFeed(text, { origin: 'f' })
            : () => parseSitemap(text, { origin: 's' });
        assert.throws(read, InputError);
      }),
      settings,
    );
  });

  it('sitemapsFromRobots returns absolute URLs for any robots.txt', () => {
    const robots = soup([
      'Sitemap: ',
      'sitemap:',
      '\n',
      '\r\n',
      '#',
      'https://a.example/s.xml',
      '/s.xml',
      'http://[::1',
      ' ',
      'User-agent: *',
      'Disallow: /',
    ]);
    fc.assert(
      fc.property(robots, (text) => {
        executed('robots sitemaps');
        for (const url of sitemapsFromRobots(text, 'https://a.example/robots.txt'))
          assert.doesNotThrow(() => new URL(url));
      }),
      settings,
    );
  });

  it('reports the executions', () => {
    reportExecutions(['feed parser', 'sitemap parser', 'entity declarations', 'robots sitemaps']);
  });
});
