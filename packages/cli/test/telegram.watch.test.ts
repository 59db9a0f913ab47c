import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { documentIdForKey } from '@echotrace/core';
import { openSqliteStore } from '@echotrace/storage';
import { runCli, tempDir } from './cli.harness.ts';
import { startFixtureSite, type FixtureSite } from './helpers/http.fixture.ts';

interface Post {
  id: number;
  html: string;
  views?: string;
  edited?: boolean;
  forwardedFrom?: [string, string];
}

// A channel preview page shaped like t.me/s/<channel>, written for this test.
function previewPage(posts: Post[]): string {
  const messages = posts
    .map(
      (p) => `<div class="tgme_widget_message_wrap js-widget_message_wrap">
  <div class="tgme_widget_message js-widget_message" data-post="kanal_test/${p.id}">
    <div class="tgme_widget_message_bubble">
      ${p.forwardedFrom ? `<div class="tgme_widget_message_forwarded_from">Forwarded from <a class="tgme_widget_message_forwarded_from_name" href="${p.forwardedFrom[1]}"><span>${p.forwardedFrom[0]}</span></a></div>` : ''}
      <div class="tgme_widget_message_text js-message_text" dir="auto">${p.html}</div>
      <div class="tgme_widget_message_footer">
        <span class="tgme_widget_message_views">${p.views ?? '950'}</span>
        <span class="tgme_widget_message_meta">${p.edited ? 'edited ' : ''}<a class="tgme_widget_message_date" href="https://t.me/kanal_test/${p.id}"><time datetime="2024-12-0${p.id - 9}T09:00:00+00:00">09:00</time></a></span>
      </div>
    </div>
  </div>
</div>`,
    )
    .join('\n');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Канал Тест – Telegram</title></head>
<body><div class="tgme_channel_info"><div class="tgme_channel_info_header_title">Канал Тест</div></div>
<section class="tgme_channel_history">${messages}</section></body></html>`;
}

const FIRST: Post[] = [
  { id: 10, html: 'Губернатор сообщил о ремонте моста через реку Заречную.' },
  {
    id: 11,
    html: 'Перепост: в порту задержали танкер с грузом зерна.',
    forwardedFrom: ['Другой канал', 'https://t.me/drugoy_kanal/55'],
  },
  {
    id: 12,
    html: '<b>Совет директоров снизил ставку</b><br/><br/>Решение <a href="https://example.test/news/7">вступит в силу</a> в марте &amp; апреле.',
    views: '1.2K',
  },
];

describe('watch of a Telegram channel through its web preview', () => {
  let site: FixtureSite;
  let page = previewPage(FIRST);
  let db: string;
  let env: Record<string, string>;

  before(async () => {
    site = await startFixtureSite({
      '/s/kanal_test': (_request, response) =>
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page),
    });
    db = path.join(tempDir(), 'c.db');
    env = {
      ECHOTRACE_ALLOW_PRIVATE_NETWORK: '1',
      ECHOTRACE_FETCH_DELAY_MS: '0',
      ECHOTRACE_FETCH_TIMEOUT_MS: '2000',
      ECHOTRACE_TELEGRAM_URL: site.url(''),
    };
    const added = await runCli(
      [
        'sources',
        'add',
        'Канал Тест',
        '--kind',
        'telegram',
        '--homepage',
        'https://t.me/kanal_test',
        '--db',
        db,
      ],
      env,
    );
    assert.equal(added.code, 0, added.stderr);
  });
  after(() => site.close());

  async function poll(): Promise<{
    ingest: { added: number; updated: number; unchanged: number };
    telegram: { posts: number; edited: number; deleted: number; forwards: number };
    errors: unknown[];
  }> {
    const run = await runCli(['watch', '--once', '--source', 'kanal-test', '--json', '--db', db], env);
    assert.equal(run.code, 0, run.stderr + run.stdout);
    const [report] = JSON.parse(run.stdout) as Array<Awaited<ReturnType<typeof poll>>>;
    return report!;
  }

  it('adds the posts with clean text, links, views and forwards, archiving the page', async () => {
    const report = await poll();
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.ingest, { added: 3, updated: 0, unchanged: 0, failed: [] });
    assert.deepEqual(report.telegram, {
      channel: 'kanal_test',
      posts: 3,
      edited: 0,
      deleted: 0,
      forwards: 1,
    });
    const id = documentIdForKey('https://t.me/kanal_test/12');
    const shown = JSON.parse((await runCli(['show', id, '--db', db, '--json'])).stdout) as {
      document: { text: string; title: string; canonicalUrl: string; publishedAt: string };
      annotations: Array<{ kind: string; start: number; end: number; attributes: { url: string } }>;
      capture: { mediaType: string; origin: string };
    };
    assert.equal(
      shown.document.text,
      'Совет директоров снизил ставку\n\nРешение вступит в силу в марте & апреле.',
    );
    assert.equal(shown.document.title, 'Совет директоров снизил ставку');
    assert.equal(shown.document.canonicalUrl, 'https://t.me/kanal_test/12');
    assert.equal(shown.document.publishedAt, '2024-12-03T09:00:00Z');
    const link = shown.annotations.find((a) => a.kind === 'link')!;
    assert.equal(shown.document.text.slice(link.start, link.end), 'вступит в силу');
    assert.equal(link.attributes.url, 'https://example.test/news/7');
    assert.equal(shown.capture.origin, site.url('/s/kanal_test'));

    const store = openSqliteStore(db, { readonly: true });
    try {
      const state = await store.telegramPosts.get(id);
      assert.equal(state?.views, 1200);
      const forwarded = documentIdForKey('https://t.me/kanal_test/11');
      assert.deepEqual(
        (await store.duplicates.forwardsOf(forwarded)).map((f) => [f.fromChannel, f.fromMessageId]),
        [['drugoy_kanal', '55']],
      );
    } finally {
      await store.close();
    }
  });

  it('notices on the next poll an edit, a deletion, a new post and new view counts', async () => {
    page = previewPage([
      { id: 10, html: 'Губернатор сообщил о завершении ремонта моста через реку Заречную.', edited: true },
      { ...FIRST[2]!, views: '1.5K' },
      { id: 13, html: 'Новый пост о погоде в регионе.' },
    ]);
    const report = await poll();
    assert.deepEqual(report.ingest, { added: 1, updated: 1, unchanged: 1, failed: [] });
    assert.deepEqual(report.telegram, {
      channel: 'kanal_test',
      posts: 3,
      edited: 1,
      deleted: 1,
      forwards: 0,
    });
    const store = openSqliteStore(db, { readonly: true });
    try {
      const edited = documentIdForKey('https://t.me/kanal_test/10');
      assert.equal((await store.documents.versions(edited)).length, 2, 'the edit is a new version');
      assert.equal((await store.telegramPosts.get(edited))?.edited, true);
      assert.notEqual(
        (await store.telegramPosts.get(documentIdForKey('https://t.me/kanal_test/11')))?.deletedAt,
        null,
      );
      assert.equal(
        (await store.telegramPosts.get(documentIdForKey('https://t.me/kanal_test/12')))?.views,
        1500,
      );
    } finally {
      await store.close();
    }
  });

  it('refuses a loopback preview address unless private networks are allowed', async () => {
    const run = await runCli(['watch', '--once', '--source', 'kanal-test', '--json', '--db', db], {
      ...env,
      ECHOTRACE_ALLOW_PRIVATE_NETWORK: '',
    });
    const [report] = JSON.parse(run.stdout) as Array<{ errors: Array<{ url: string; error: string }> }>;
    assert.equal(run.code, 1);
    assert.match(report!.errors[0]!.url, /\/s\/kanal_test$/);
    assert.match(report!.errors[0]!.error, /private|loopback|refused/i);
  });
});
