// The demo corpus is what a first run shows, so its files must load, and the example searches its
// README promises must find the narrative. The searches are evaluated here with core's own query
// parser and analyzer over a plain in-memory scan, so they stay honest whatever index is used.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyze, normalizeText, parsePublished, parseQuery, toInstant } from '@echotrace/core';
import type { Query, QueryNode } from '@echotrace/core';

const corpus = path.resolve(import.meta.dirname, '../../../demo/corpus');
const read = (file: string): string => readFileSync(path.join(corpus, file), 'utf8');

interface Article {
  url: string;
  title: string;
  text: string;
  published: string;
  source: string;
  language: string;
}

const REQUIRED = ['url', 'title', 'text', 'published', 'source', 'language'] as const;

function loadArticles(): Article[] {
  return read('articles.ndjson')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const record = JSON.parse(line) as Record<string, unknown>;
      for (const field of REQUIRED) {
        assert.equal(typeof record[field], 'string', `line ${index + 1}: ${field} must be a string`);
        assert.notEqual((record[field] as string).trim(), '', `line ${index + 1}: ${field} is empty`);
      }
      return record as unknown as Article;
    });
}

/** Source ids declared in sources.yaml (`- id: slug` lines; no YAML parser is a dependency). */
function declaredSources(): Set<string> {
  return new Set([...read('sources.yaml').matchAll(/^\s*- id: ([a-z0-9-]+)\s*$/gm)].map((m) => m[1]!));
}

/** The example searches of demo/corpus/README.md, and how many ndjson articles each must find. */
export const EXAMPLE_SEARCHES = [
  { query: 'Малышева "санкции против самих себя"', atLeast: 6 },
  { query: '(Malyshev OR Malyshov) "Eastern Triangle"', atLeast: 4 },
  { query: 'Дьяконов source:vektor-press source:ural-region-info from:2024-03-01', atLeast: 4 },
];

function matches(node: QueryNode, terms: string[]): boolean {
  switch (node.kind) {
    case 'term':
      return terms.some((t) => node.terms.some((alt) => (node.prefix ? t.startsWith(alt) : t === alt)));
    case 'phrase':
      return terms.some((_, i) => node.terms.every((t, k) => terms[i + k] === t));
    case 'and':
      return node.children.every((child) => matches(child, terms));
    case 'or':
      return node.children.some((child) => matches(child, terms));
    case 'not':
      return !matches(node.child, terms);
  }
}

function search(query: Query, articles: Article[]): Article[] {
  const { sources, languages, from, to } = query.filters;
  return articles.filter((article) => {
    if (sources.length > 0 && !sources.includes(article.source)) return false;
    if (languages.length > 0 && !languages.includes(article.language)) return false;
    const instant = toInstant(parsePublished(article.published));
    if (from !== null && instant < from) return false;
    if (to !== null && instant >= to) return false;
    const terms = analyze(`${article.title}\n\n${article.text}`).map((token) => token.term);
    return query.text === null || matches(query.text, terms);
  });
}

describe('demo corpus: articles.ndjson', () => {
  const articles = loadArticles();
  const sources = declaredSources();

  it('holds 30 to 45 articles in Russian and English', () => {
    assert.ok(articles.length >= 30 && articles.length <= 45, `${articles.length} articles`);
    assert.deepEqual(new Set(articles.map((a) => a.language)), new Set(['ru', 'en']));
  });

  it('gives every article a parseable time with its offset, within Oct 2023 – Oct 2024', () => {
    for (const article of articles) {
      const published = parsePublished(article.published, `published of ${article.url}`);
      assert.match(published, /(Z|[+-]\d{2}:\d{2})$/, `${article.url} keeps no offset`);
      const instant = toInstant(published);
      assert.ok(instant >= '2023-10-01' && instant < '2024-11-01', `${article.url}: ${instant}`);
    }
  });

  it('uses reserved domains, unique URLs and declared sources only', () => {
    assert.equal(new Set(articles.map((a) => a.url)).size, articles.length);
    for (const article of articles) {
      const host = new URL(article.url).hostname;
      assert.ok(
        /\.test$|(^|\.)example\.[a-z]+$|\.example$/.test(host),
        `${article.url} is not a reserved domain`,
      );
      assert.ok(sources.has(article.source), `${article.url}: source ${article.source} not in sources.yaml`);
    }
  });

  it('keeps texts normalized, in paragraphs, 80 to 300 words long', () => {
    for (const article of articles) {
      assert.equal(normalizeText(article.text), article.text, `${article.url} is not normalized`);
      assert.ok(article.text.includes('\n\n'), `${article.url} has one paragraph`);
      const words = article.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
      assert.ok(words >= 80 && words <= 300, `${article.url}: ${words} words`);
    }
  });

  for (const { query, atLeast } of EXAMPLE_SEARCHES) {
    it(`finds the narrative with the README search ${query}`, () => {
      assert.ok(
        readFileSync(path.join(corpus, '../README.md'), 'utf8').includes(query),
        'the README must show this exact search',
      );
      const parsed = parseQuery(query);
      const hits = search(parsed, articles);
      assert.ok(hits.length >= atLeast, `${hits.length} hits: ${hits.map((h) => h.url).join(', ')}`);
      const outlets = new Set(hits.map((h) => h.source));
      assert.ok(outlets.size >= 2, `hits come from one outlet only: ${[...outlets].join(', ')}`);
    });
  }

  it('is not matched wholesale by the example searches (they discriminate)', () => {
    for (const { query } of EXAMPLE_SEARCHES) {
      assert.ok(search(parseQuery(query), articles).length < articles.length / 2, query);
    }
  });
});

describe('demo corpus: other files', () => {
  it('has one HTML page in windows-1251 bytes that says so', () => {
    const bytes = readFileSync(path.join(corpus, 'html/derzhavny-vestnik-2024-02-22-tumanov-pismo.html'));
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    const html = new TextDecoder('windows-1251').decode(bytes);
    assert.match(html, /<meta charset="windows-1251">/);
    assert.match(html, /Глеб Туманов/);
  });

  it('has a Telegram Desktop export with forwarded posts and rich text', () => {
    const channel = JSON.parse(read('telegram/result.json')) as {
      type: string;
      messages: Array<{ type: string; date_unixtime: string; text: unknown; forwarded_from?: string }>;
    };
    assert.equal(channel.type, 'public_channel');
    const posts = channel.messages.filter((m) => m.type === 'message');
    assert.ok(posts.length >= 8);
    assert.ok(posts.filter((m) => m.forwarded_from !== undefined).length >= 2);
    assert.ok(posts.some((m) => Array.isArray(m.text)));
    for (const m of posts) assert.doesNotThrow(() => parsePublished(m.date_unixtime));
  });

  it('has a flat Telegram list in the shape of public channel dumps', () => {
    const posts = JSON.parse(read('telegram/geopolitika-bez-kupyur.json')) as Array<Record<string, unknown>>;
    assert.ok(posts.length >= 6);
    for (const post of posts) {
      assert.deepEqual(Object.keys(post).sort(), [
        'category',
        'channel',
        'date',
        'message_id',
        'sender_id',
        'text',
      ]);
      assert.doesNotThrow(() => parsePublished(post['date'] as string));
    }
  });

  it('has an SDN-shaped sanctions list whose company rows link to the owner', () => {
    const text = read('sanctions_demo.csv');
    assert.ok(
      text.includes('\r\n') && text.endsWith('\x1a'),
      'CRLF lines and the 0x1A end byte, as OFAC ships them',
    );
    assert.match(text, /^990102,SEVERNY PUT HOLDING LLC,.*Linked To: TUMANOV, Gleb Arsenyevich\./m);
  });
});
