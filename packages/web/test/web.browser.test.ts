// The web app in a real browser: Debian's Chromium driven by playwright-core (never a browser
// download) against `createApp` on a loopback port serving the Vite build and the API over a real
// SQLite store. Logs in, searches, narrows by a facet, opens a document and toggles its entity
// highlights, and checks that the script and onerror handler planted in an archived page never run;
// then every other screen: the search chart, an entity page, sanctions triage (confirm and dismiss,
// read back through the API), sources, a dispatch with an excerpt selected in the reader, narratives
// and admin. Screenshots of each screen go to .tmp/test-output/web/.
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-assignment --
   API answers read in the browser are JSON read field by field by the assertions */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
import { HttpFetcher } from '@echotrace/fetch';
import { createApp, listen, type RunningServer } from '@echotrace/server';
import { openSqliteStore } from '@echotrace/storage';
import { buildWebApp } from '@echotrace/web/build';
import { chromium, type Browser, type Page } from 'playwright-core';

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
  // A recent document naming both entities: the co-mention, a narrative, and the sources sparkline.
  const key = 'https://fringe-daily.test/4';
  const text = normalizeText('Глеб Туманов приехал в Москву.');
  const capture = await store.captures.put(new TextEncoder().encode(text), {
    mediaType: 'text/plain',
    charset: 'utf-8',
    capturedAt: new Date().toISOString(),
    origin: key,
  });
  const recent: Document = {
    ...stored[0]!,
    id: documentIdForKey(key),
    key,
    captureSha256: capture.sha256,
    text,
    paragraphs: paragraphSpans(text),
    title: 'Визит',
    publishedAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
    canonicalUrl: key,
  };
  await store.documents.upsert(recent, sha256Hex(text));
  const span = (doc: Document, surface: string) => ({
    start: doc.text.indexOf(surface),
    end: doc.text.indexOf(surface) + surface.length,
  });
  const base = { confidence: 1, producerVersion: '1' };
  await store.annotations.replace(recent.id, 'ner', [
    {
      ...base,
      id: 'r-e1',
      documentId: recent.id,
      kind: 'entity',
      label: 'PERSON',
      producer: 'ner',
      ...span(recent, 'Глеб Туманов'),
      attributes: { entityId: 'gleb-tumanov' },
    },
    {
      ...base,
      id: 'r-e2',
      documentId: recent.id,
      kind: 'entity',
      label: 'LOCATION',
      producer: 'ner',
      ...span(recent, 'Москву'),
      attributes: { entityId: 'moskva' },
    },
  ]);
  await store.annotations.replace(recent.id, 'narratives', [
    {
      ...base,
      id: 'r-n1',
      documentId: recent.id,
      kind: 'narrative',
      label: 'demo-moscow-beijing-pyongyang-alliance',
      producer: 'narratives',
      ...span(recent, text),
      attributes: {
        narrativeId: 'demo-moscow-beijing-pyongyang-alliance',
        name: 'Alliance of three capitals',
        score: 0.9,
        method: 'model',
      },
    },
  ]);
  // Two list entries flagged on the same mention: one to confirm, one to dismiss.
  const screening = (id: string, list: string, entry: string, listedName: string) => ({
    ...base,
    id,
    documentId: stored[0]!.id,
    kind: 'sanction' as const,
    label: list,
    producer: 'sanctions-screening',
    confidence: 0.9,
    ...span(stored[0]!, 'Глеб Туманов'),
    attributes: {
      entityId: 'gleb-tumanov',
      list,
      listEntryId: entry,
      listedName,
      programs: ['RUSSIA-EO14024'],
      explanation: 'surname and given name match',
      ambiguous: false,
    },
  });
  await store.annotations.replace(stored[0]!.id, 'sanctions-screening', [
    screening('s-1', 'ofac-sdn', '990101', 'TUMANOV, Gleb'),
    screening('s-2', 'eu-fsf', 'EU-77', 'TUMANOV, Gleb Olegovich'),
  ]);
  await store.entities.upsert([
    {
      id: 'gleb-tumanov',
      type: 'PERSON',
      names: { ru: 'Глеб Туманов', en: 'Gleb Tumanov' },
      aliases: ['Г. Туманов'],
      metonyms: [],
      description: 'a commentator (test fixture)',
      externalIds: {},
      origin: 'kb',
    },
  ]);
  await store.sourceSettings.recordHealth({
    sourceId: 'wire',
    lastPollAt: new Date().toISOString(),
    lastSuccessAt: null,
    lastError: 'HTTP 503 from https://wire.test/feed',
    consecutiveFailures: 2,
    lastNewItems: 0,
    nextPollAt: null,
  });
  stored.push(recent);
  return stored;
}

async function logIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForSelector('input[name=q]');
}

describe('the web app in Chromium', () => {
  let dir: string;
  let store: Store;
  let server: RunningServer;
  let browser: Browser;
  let docs: Document[];
  // An outlet's homepage on loopback that advertises its feed, for feed discovery.
  let site: Server;
  let siteUrl = '';
  before(async () => {
    site = createServer((request, response) => {
      if (request.url === '/') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(
          '<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body>Echo</body></html>',
        );
      } else response.writeHead(404).end();
    });
    await new Promise<void>((done) => site.listen(0, '127.0.0.1', done));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
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
    await createUser(store, {
      username: 'root',
      password: 'a long password for root',
      role: 'admin',
      actor: 'test',
      now: new Date(),
    });
    server = await listen(
      createApp({
        store,
        clock: { now: () => new Date() },
        secureCookies: false,
        webRoot: path.join(dir, 'web'),
        createFetcher: () =>
          new HttpFetcher({ userAgent: 'EchotraceTest/1', allowPrivateNetwork: true, perHostDelayMs: 0 }),
      }),
      { host: '127.0.0.1', port: 0 },
    );
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    site?.close();
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

  it('shows the chart, an entity, triage, sources, a dispatch with an excerpt, narratives and admin', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const violations: string[] = [];
    const failures: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    page.on('pageerror', (error) => failures.push(error.message));
    const api = (path: string): Promise<any> =>
      page.evaluate(async (p) => (await fetch(p, { credentials: 'same-origin' })).json(), path);
    await logIn(page, server.url, 'ana', 'a long password for ana');

    // Search with a filter: the chart of matches per month sits above the results.
    await page.fill('input[name=q]', 'санкции OR sanctions lang:ru');
    await page.press('input[name=q]', 'Enter');
    await page.waitForSelector('[data-testid=trend] rect.bar');
    assert.equal(await page.textContent('[data-testid=total]'), '2 documents');
    const bars = await page
      .locator('[data-testid=trend] rect.bar')
      .evaluateAll((rects) =>
        rects.map((r) => [r.getAttribute('aria-label'), Number(r.getAttribute('data-value'))]),
      );
    assert.deepEqual(
      bars.filter(([, v]) => (v as number) > 0),
      [
        ['2024-03: 1', 1],
        ['2024-05: 1', 1],
      ],
    );
    // By keyboard: a focused bar names its period and count.
    await page.focus('[data-testid=trend] rect.bar');
    assert.match((await page.textContent('[data-testid=trend] figcaption')) ?? '', /2024-03: 1/);
    await page.click('button:has-text("Spread")');
    await page.waitForSelector('[data-testid=spread] circle');
    assert.equal(await page.locator('[data-testid=spread] circle').count(), 1, 'one source carried it');
    await page.screenshot({ path: path.join(SHOTS, 'search-chart.png'), fullPage: true });

    // The entity page: names per language, both list entries with the reason they matched, mentions
    // over time and per source, and the entity it is mentioned with.
    await page.goto(`${server.url}/#/entity/gleb-tumanov`);
    await page.waitForSelector('[data-testid=co-mentioned] li');
    assert.match((await page.textContent('.names')) ?? '', /ruГлеб Туманов.*enGleb Tumanov.*Г\. Туманов/);
    const sanctions = (await page.textContent('[data-testid=entity-sanctions]')) ?? '';
    assert.match(sanctions, /TUMANOV, Gleb .*990101.*Status: open.*surname and given name match/);
    assert.match(sanctions, /EU-77/);
    assert.equal(await page.textContent('[data-testid=co-mentioned] li a'), 'moskva');
    assert.equal((await page.locator('[data-testid=entity-over-time] rect.bar').count()) > 0, true);
    await page.screenshot({ path: path.join(SHOTS, 'entity.png'), fullPage: true });

    // Triage: confirm one entry, dismiss the other, each with a reason; the API keeps both.
    await page.click('nav a:has-text("Sanctions")');
    const ofac = page.locator('[data-entry="990101"] [data-entity=gleb-tumanov]');
    await ofac.locator('button[data-action=confirm]').click();
    await page.waitForSelector('[role=alert]:has-text("give a reason")');
    await ofac.locator('input[name=reason]').fill('same date of birth in the interview');
    await ofac.locator('button[data-action=confirm]').click();
    await page.waitForFunction(() =>
      document
        .querySelector('[data-entry="990101"] [data-testid=status]')
        ?.textContent?.includes('confirmed'),
    );
    assert.equal(await page.locator('[role=alert]').count(), 0, 'the refusal is gone once a reason is given');
    const eu = page.locator('[data-entry="EU-77"] [data-entity=gleb-tumanov]');
    await eu.locator('input[name=reason]').fill('a namesake: different patronymic');
    await eu.locator('button[data-action=dismiss]').click();
    await page.waitForFunction(() =>
      document.querySelector('[data-entry="EU-77"] [data-testid=status]')?.textContent?.includes('dismissed'),
    );
    await page.screenshot({ path: path.join(SHOTS, 'sanctions.png'), fullPage: true });
    const decided = await api('/api/sanctions/hits');
    assert.deepEqual(
      decided.groups.map((g: any) => [g.listEntryId, g.entities[0].status, g.entities[0].reason]).sort(),
      [
        ['990101', 'confirmed', 'same date of birth in the interview'],
        ['EU-77', 'dismissed', 'a namesake: different patronymic'],
      ],
    );

    // Sources: health and items per day; a new source saved.
    await page.click('nav a:has-text("Sources")');
    await page.waitForSelector('[data-source=wire]');
    assert.equal(await page.textContent('[data-source=wire] [data-testid=failures]'), '2');
    assert.match((await page.textContent('[data-source=wire]')) ?? '', /HTTP 503/);
    const spark = (await page.getAttribute('[data-source=fringe-daily] svg.sparkline', 'aria-label')) ?? '';
    const perDay = spark
      .replace(/^.*items per day: /, '')
      .split(', ')
      .map(Number);
    assert.equal(perDay.length, 61, 'one value per day of the window');
    assert.deepEqual(
      perDay.flatMap((v, i) => (v ? [[i, v]] : [])),
      [[58, 1]],
      "the document of two days ago is in fringe-daily's sparkline",
    );
    await page.fill('input[name=name]', 'Kremlin Echo');
    await page.fill('input[name=labels]', 'state-affiliated');
    await page.click('form[aria-label="add a source"] button[type=submit]');
    await page.waitForSelector('[data-testid=added]');
    assert.match((await page.textContent('[data-testid=added]')) ?? '', /Saved kremlin-echo/);
    await page.waitForSelector('[data-source=kremlin-echo]');
    // With a homepage, its advertised feed is discovered and saved with the source.
    await page.fill('input[name=name]', 'Echo Weekly');
    await page.fill('input[name=homepage]', siteUrl);
    await page.click('form[aria-label="add a source"] button[type=submit]');
    await page.waitForSelector('[data-testid=added]:has-text("echo-weekly")');
    assert.match(
      (await page.textContent('[data-testid=added]')) ?? '',
      new RegExp(`feeds: ${siteUrl}rss.xml`),
    );
    const saved = await api('/api/sources/echo-weekly');
    assert.deepEqual(saved.settings.feeds, [`${siteUrl}rss.xml`]);
    await page.screenshot({ path: path.join(SHOTS, 'sources.png'), fullPage: true });

    // A dispatch: made, a heading added, an excerpt selected in the reader, reordered, previewed.
    await page.click('nav a:has-text("Dispatches")');
    await page.fill('input[name=headline]', 'Tumanov on sanctions');
    await page.click('form[aria-label="new dispatch"] button[type=submit]');
    await page.waitForSelector('[aria-label="dispatch editor"]');
    await page.fill('input[name=heading]', 'What he said');
    await page.click('button:has-text("Add heading")');
    await page.waitForSelector('[data-testid=blocks] li[data-kind=heading]');
    await page.goto(`${server.url}/#/document/${docs[0]!.id}`);
    await page.waitForSelector('[data-testid=text]');
    await page.waitForSelector('select[name=dispatch] option', { state: 'attached' });
    await page.evaluate((passage) => {
      const text = document.querySelector('[data-testid=text]')!;
      const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(passage);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + passage.length);
        window.getSelection()!.removeAllRanges();
        window.getSelection()!.addRange(range);
        text.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
        return;
      }
      throw new Error(`${passage} not in the text`);
    }, 'санкции не работают');
    assert.equal(await page.inputValue('textarea[name=passage]'), 'санкции не работают');
    await page.click('button:has-text("Add excerpt")');
    await page.waitForSelector('[role=status]:has-text("Added to tumanov-on-sanctions")');
    await page.goto(`${server.url}/#/dispatch/tumanov-on-sanctions`);
    await page.waitForSelector('[data-testid=blocks] li[data-kind=excerpt]');
    await page.click('button[aria-label="move block 2 up"]');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=blocks] li')?.getAttribute('data-kind') === 'excerpt',
    );
    await page.fill('input[name=translation]', 'sanctions do not work');
    await page.click('.excerpt-edit button:has-text("Save")');
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid=preview] blockquote')
        ?.textContent?.startsWith('sanctions do not work'),
    );
    // The translation leads, the original follows, with its footnote number.
    assert.match(
      (await page.textContent('[data-testid=preview] blockquote')) ?? '',
      /^sanctions do not work1санкции не работают/,
    );
    assert.match(
      (await page.textContent('[data-testid=preview] .footnotes')) ?? '',
      /Fringe Daily, «Туманов о санкциях», 2024-03-01/,
    );
    const view = await api('/api/dispatches/tumanov-on-sanctions');
    assert.deepEqual(
      view.blocks.map((b: any) => b.kind),
      ['excerpt', 'heading'],
    );
    const excerpt = view.blocks[0].excerpt as { start: number; end: number };
    assert.equal(view.blocks[0].excerpt.translation, 'sanctions do not work');
    assert.equal(view.blocks[0].excerpt.translationOrigin, 'analyst');
    assert.equal(
      docs[0]!.text.slice(excerpt.start, excerpt.end),
      'санкции не работают',
      'the excerpt is the exact span',
    );
    for (const format of ['md', 'html', 'docx']) {
      const href = await page.getAttribute(`a[data-format=${format}]`, 'href');
      const status = await page.evaluate(async (u) => (await fetch(u!)).status, href);
      assert.equal(status, 200, format);
    }
    await page.screenshot({ path: path.join(SHOTS, 'dispatch.png'), fullPage: true });
    await page.click('button[aria-label="remove block 2"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=blocks] li').length === 1);

    await page.click('nav a:has-text("Narratives")');
    await page.click('a:has-text("Alliance of three capitals")');
    await page.waitForSelector('article blockquote');
    assert.equal(await page.textContent('article blockquote'), 'Глеб Туманов приехал в Москву.');
    await page.screenshot({ path: path.join(SHOTS, 'narratives.png'), fullPage: true });
    assert.equal(await page.locator('nav a:has-text("Admin")').count(), 0, 'an analyst has no admin screen');
    assert.deepEqual(violations, []);
    assert.deepEqual(failures, []);
    await page.close();

    // Admin, on a phone-sized screen: users, a token made for ana (shown once), the audit log.
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await logIn(phone, server.url, 'root', 'a long password for root');
    await phone.click('nav a:has-text("Admin")');
    await phone.waitForSelector('[data-user=ana]');
    assert.match(
      (await phone.textContent('[data-testid=audit]')) ?? '',
      /anadispatch\.create.*anasanctions\.decide/s,
    );
    await phone.click('[data-user=ana] button:has-text("Tokens")');
    await phone.fill('input[name=tokenName]', 'scripts');
    await phone.click('button:has-text("Make token")');
    const token = (await phone.textContent('[data-testid=new-token]')) ?? '';
    assert.match(token, /^et_/);
    const me = await fetch(`${server.url}/api/auth/me`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(((await me.json()) as { user: { username: string } }).user.username, 'ana');
    await phone.screenshot({ path: path.join(SHOTS, 'admin.png'), fullPage: true });
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390 + 1, `the admin screen fits a phone (${width} px wide)`);
    await phone.close();
  });
});
