// The web app in a real browser: Debian's Chromium driven by playwright-core (never a browser
// download) against `createApp` on a loopback port serving the Vite build and the API over a real
// SQLite store. Logs in, searches, narrows by a facet, opens a document and toggles its entity
// highlights, and checks that the script and onerror handler planted in an archived page never run.
// Screenshots of each screen go to .tmp/test-output/web/.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createUser } from '@echotrace/app';
import {
  documentIdForKey,
  normalizeText,
  paragraphSpans,
  sha256Hex,
  type Document,
  type Store,
} from '@echotrace/core';
import { createApp, listen, type RunningServer } from '@echotrace/server';
import { openSqliteStore } from '@echotrace/storage';
import { buildWebApp } from '@echotrace/web/build';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM = process.env.ECHOTRACE_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = path.resolve(import.meta.dirname, '../../../.tmp/test-output/web');
const HOSTILE =
  '<html><head><script>window.__pwned = 1</script></head><body><img src=x onerror="window.__pwned = 2">' +
  '<p>Глеб Туманов заявил, что санкции не работают.</p></body></html>';

async function seed(store: Store): Promise<Document[]> {
  await store.sources.upsert({
    id: 'fringe-daily',
    name: 'Fringe Daily',
    kind: 'website',
    homepage: null,
    language: 'ru',
    country: 'RU',
    labels: [],
  });
  await store.sources.upsert({
    id: 'wire',
    name: 'Wire',
    kind: 'website',
    homepage: null,
    language: 'en',
    country: null,
    labels: [],
  });
  const docs: Array<[string, string, string, string, string]> = [
    [
      'https://fringe-daily.test/1',
      'fringe-daily',
      'ru',
      'Туманов о санкциях',
      'Глеб Туманов заявил, что санкции не работают.',
    ],
    ['https://wire.test/2', 'wire', 'en', 'Sanctions debate', 'Gleb Tumanov said sanctions do not work.'],
    [
      'https://fringe-daily.test/3',
      'fringe-daily',
      'ru',
      'Погода',
      'Дождь в Москве, санкции обсуждают снова.',
    ],
  ];
  const stored: Document[] = [];
  for (const [i, [key, sourceId, language, title, raw]] of docs.entries()) {
    const text = normalizeText(raw);
    const capture = await store.captures.put(new TextEncoder().encode(i === 0 ? HOSTILE : text), {
      mediaType: i === 0 ? 'text/html' : 'text/plain',
      charset: 'utf-8',
      capturedAt: '2024-03-02T00:00:00Z',
      origin: key,
    });
    const document: Document = {
      id: documentIdForKey(key),
      key,
      sourceId,
      captureSha256: capture.sha256,
      text,
      paragraphs: paragraphSpans(text),
      title,
      byline: null,
      publishedAt: `2024-0${i + 3}-01T10:00:00Z`,
      language,
      canonicalUrl: key,
      ingestedAt: '2024-03-02T00:00:00Z',
    };
    await store.documents.upsert(document, sha256Hex(text));
    const name = language === 'ru' ? 'Глеб Туманов' : 'Gleb Tumanov';
    const start = text.indexOf(name);
    if (start >= 0)
      await store.annotations.replace(document.id, 'ner', [
        {
          id: `${document.id}-e`,
          documentId: document.id,
          kind: 'entity',
          label: 'PERSON',
          start,
          end: start + name.length,
          confidence: 1,
          producer: 'ner',
          producerVersion: '1',
          attributes: { entityId: 'gleb-tumanov' },
        },
      ]);
    stored.push(document);
  }
  return stored;
}

describe('the web app in Chromium', () => {
  let dir: string;
  let store: Store;
  let server: RunningServer;
  let browser: Browser;
  let docs: Document[];
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'echotrace-web-'));
    await buildWebApp(path.join(dir, 'web'));
    store = openSqliteStore(path.join(dir, 'web.db'));
    docs = await seed(store);
    await createUser(store, {
      username: 'ana',
      password: 'a long password for ana',
      role: 'analyst',
      actor: 'test',
      now: new Date(),
    });
    server = await listen(
      createApp({
        store,
        clock: { now: () => new Date() },
        secureCookies: false,
        webRoot: path.join(dir, 'web'),
      }),
      { host: '127.0.0.1', port: 0 },
    );
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs in, searches with a facet, opens a document with highlighted entities, and never runs archived scripts', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(server.url);
    await page.screenshot({ path: path.join(SHOTS, 'login.png') });
    await page.fill('input[name=username]', 'ana');
    await page.fill('input[name=password]', 'wrong password!');
    await page.click('button[type=submit]');
    await page.waitForSelector('[role=alert]');
    await page.fill('input[name=password]', 'a long password for ana');
    await page.click('button[type=submit]');
    await page.waitForSelector('input[name=q]');

    await page.fill('input[name=q]', 'санкции OR sanctions');
    await page.press('input[name=q]', 'Enter');
    await page.waitForSelector('[data-testid=total]');
    assert.equal(await page.textContent('[data-testid=total]'), '3 documents');
    assert.equal(await page.locator('[data-facet="lang:ru"]').textContent(), 'ru (2)');
    assert.ok((await page.locator('.hit mark').count()) >= 3, 'matched words marked in the snippets');
    await page.screenshot({ path: path.join(SHOTS, 'search.png') });

    await page.click('[data-facet="lang:ru"]');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=total]')?.textContent === '2 documents',
    );
    assert.equal(await page.inputValue('input[name=q]'), 'санкции OR sanctions lang:ru');

    await page.click(`[data-document="${docs[0]!.id}"]`);
    await page.waitForSelector('mark.entity');
    assert.equal(await page.textContent('mark.entity'), 'Глеб Туманов');
    assert.equal(await page.getAttribute('mark.entity', 'title'), 'entity PERSON gleb-tumanov');
    await page.screenshot({ path: path.join(SHOTS, 'document.png') });
    await page.uncheck('input[name=entities]');
    assert.equal(await page.locator('mark.entity').count(), 0, 'highlights toggle off');
    await page.check('input[name=entities]');
    assert.equal(await page.locator('mark.entity').count(), 1);

    // The archived page opened directly in the logged-in browser: shown as text, its script inert.
    await page.goto(`${server.url}/api/documents/${docs[0]!.id}/capture`);
    assert.match((await page.textContent('body')) ?? '', /<script>window.__pwned = 1<\/script>/);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.equal(await page.locator('img').count(), 0, 'no element was made from the markup');
    await page.screenshot({ path: path.join(SHOTS, 'capture.png') });
    assert.deepEqual(violations, [], 'the app itself needs nothing the CSP forbids');
    // Beside the app, the API keeps its own answers, and no path leaves the build folder.
    const missing = await fetch(`${server.url}/api/nothing`);
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'not_found');
    const page404 = await fetch(`${server.url}/deep/link`);
    assert.match(page404.headers.get('content-security-policy')!, /script-src 'self'/);
    assert.match(await page404.text(), /<div id="root">/, 'unknown app paths get index.html');
    for (const traversal of ['/..%2f..%2fweb.db', '/%2e%2e/web.db', '/assets/../../web.db'])
      assert.doesNotMatch(
        await (await fetch(`${server.url}${traversal}`)).text(),
        /SQLite format/,
        traversal,
      );
    await page.close();
  });
});
