import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { parseSitemap, sitemapsFromRobots } from '@echotrace/extract';

const URLSET = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://site.example/a</loc><lastmod>2024-11-26</lastmod><changefreq>daily</changefreq><priority>0.8</priority></url>
<url><loc>https://site.example/b</loc></url>
<url><loc>javascript:alert(1)</loc></url>
</urlset>`;

const INDEX = `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://site.example/sitemap-news.xml</loc><lastmod>2024-11-26T10:00:00+03:00</lastmod></sitemap>
<sitemap><loc>https://site.example/sitemap-1.xml.gz</loc></sitemap>
</sitemapindex>`;

const NEWS = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://site.example/news/1</loc>
<news:news><news:publication><news:name>Вестник</news:name><news:language>ru</news:language></news:publication>
<news:publication_date>2024-11-26T09:15:00+03:00</news:publication_date><news:title>Заседание совета</news:title></news:news></url>
</urlset>`;

describe('parseSitemap', () => {
  it('reads a urlset, skipping non-http locations', () => {
    const sitemap = parseSitemap(URLSET, { origin: 'https://site.example/sitemap.xml' });
    assert.equal(sitemap.kind, 'urlset');
    assert.deepEqual(sitemap.entries, [
      {
        url: 'https://site.example/a',
        lastModified: '2024-11-26',
        changeFrequency: 'daily',
        priority: 0.8,
        news: null,
      },
      {
        url: 'https://site.example/b',
        lastModified: null,
        changeFrequency: null,
        priority: null,
        news: null,
      },
    ]);
  });

  it('reads a sitemap index', () => {
    const sitemap = parseSitemap(INDEX, { origin: 'https://site.example/sitemap.xml' });
    assert.equal(sitemap.kind, 'index');
    assert.deepEqual(
      sitemap.entries.map((e) => [e.url, e.lastModified]),
      [
        ['https://site.example/sitemap-news.xml', '2024-11-26T10:00:00+03:00'],
        ['https://site.example/sitemap-1.xml.gz', null],
      ],
    );
  });

  it('reads Google News publication date and title', () => {
    const [entry] = parseSitemap(new TextEncoder().encode(NEWS), { origin: 'news.xml' }).entries;
    assert.deepEqual(entry!.news, {
      publicationDate: '2024-11-26T09:15:00+03:00',
      title: 'Заседание совета',
      publicationName: 'Вестник',
      language: 'ru',
    });
  });

  it('reads gzipped sitemaps', () => {
    const sitemap = parseSitemap(gzipSync(Buffer.from(INDEX)), {
      origin: 'sitemap.xml.gz',
      contentTypeHeader: 'application/gzip',
    });
    assert.equal(sitemap.entries.length, 2);
  });

  it('rejects corrupt gzip and non-sitemaps clearly', () => {
    assert.throws(
      () => parseSitemap(Uint8Array.of(0x1f, 0x8b, 1, 2, 3), { origin: 'bad.gz' }),
      /bad\.gz: corrupt gzip/,
    );
    assert.throws(() => parseSitemap('<rss/>', { origin: 'r.xml' }), /r\.xml: not a sitemap/);
  });
});

describe('sitemapsFromRobots', () => {
  it('reads Sitemap lines anywhere in robots.txt, absolute and deduplicated', () => {
    const robots =
      'User-agent: *\nDisallow: /x\nSitemap: https://s.example/sitemap.xml\nsitemap:/news.xml\nSITEMAP: https://s.example/sitemap.xml\nSitemap: ftp://s.example/no\n';
    assert.deepEqual(sitemapsFromRobots(robots, 'https://s.example/robots.txt'), [
      'https://s.example/sitemap.xml',
      'https://s.example/news.xml',
    ]);
  });
});
