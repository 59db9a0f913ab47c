// What fuzzing the readers found, replayed as fixed inputs (each failed on the code before its fix).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractArticle, parseJsonFile, parseNdjsonLine, sourceFor } from '@echotrace/extract';

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('reader fuzz findings', () => {
  it('html.fuzz: a javascript: (or data:) canonical URL or image is not taken', () => {
    for (const href of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<script>x</script>']) {
      const article = extractArticle(
        `<html><head><link rel="canonical" href="${href}"><meta property="og:image" content="${href}"></head>` +
          '<body><p>Text of the page.</p></body></html>',
        'https://a.example/news/1',
      );
      assert.equal(article.canonicalUrl, null, href);
      assert.equal(article.leadImageUrl, null, href);
    }
    // Without a base URL too.
    assert.equal(
      extractArticle('<link rel="canonical" href="javascript:alert(1)"><p>x</p>').canonicalUrl,
      null,
    );
    assert.equal(
      extractArticle('<link rel="canonical" href="https://a.example/x"><p>x</p>').canonicalUrl,
      'https://a.example/x',
    );
  });

  it('telegram.fuzz: a Desktop export with no posts is reported, not silent', () => {
    assert.deepEqual(parseJsonFile('e.json', bytes({ name: 'Канал', id: 0, messages: [] })), [
      { failed: true, origin: 'e.json', reason: '0 messages: the export is empty' },
    ]);
    const service = { id: 1, type: 'service', date: '2024-03-01T10:00:00', action: 'create_channel' };
    assert.deepEqual(parseJsonFile('e.json', bytes({ name: 'Канал', id: 0, messages: [service] })), [
      { failed: true, origin: 'e.json', reason: '0 posts: 1 service message only' },
    ]);
  });

  it('telegram.fuzz: an NDJSON field of the wrong type fails its line by name', () => {
    const source = sourceFor('Local files', 'files');
    for (const [record, field] of [
      [{ title: true, text: 'x' }, 'title: expected string, got a boolean'],
      [{ url: 5, text: 'x' }, 'url: expected string, got a number'],
      [{ source: { name: 'x' }, text: 'x' }, 'source: expected string, got an object'],
      [{ language: ['ru'], text: 'x' }, 'language: expected string, got an array'],
    ] as const) {
      const input = parseNdjsonLine('a.ndjson', 2, JSON.stringify(record), source);
      assert.ok(input && 'failed' in input, JSON.stringify(record));
      assert.equal(input.origin, 'a.ndjson:2');
      assert.match(input.reason, new RegExp(field.replace(/[()]/g, '.')));
    }
  });

  it('html.fuzz: an <html> tag whose attribute quote never closes is read, not a TypeError', () => {
    for (const html of [
      '<!doctype html><html lang="><head><title>T</title></head><body><p>Text here.</p></body></html>',
      "<html lang='><body><p>Text here.</p>",
    ])
      assert.match(extractArticle(html).text, /Text here\./);
  });
});
