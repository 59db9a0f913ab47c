import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '@echotrace/core';
import { parseTelegramPreview, parseViews } from '@echotrace/extract';

const page = (messages: string): string =>
  `<html><body><div class="tgme_channel_info"></div><section>${messages}</section></body></html>`;

describe('parseTelegramPreview', () => {
  it('reads address, text with line breaks and links, date, views, edit mark and forward origin', () => {
    const [post, ...rest] = parseTelegramPreview(
      page(`<div class="tgme_widget_message" data-post="kanal_test/7">
        <div class="tgme_widget_message_forwarded_from">Forwarded from
          <a class="tgme_widget_message_forwarded_from_name" href="https://t.me/drugoy/3">Другой</a></div>
        <div class="tgme_widget_message_text"><i>Сводка</i><br>Читать <a href="https://e.test/a"> здесь </a>.</div>
        <span class="tgme_widget_message_views">3.4M</span>
        <span class="tgme_widget_message_meta">edited <a class="tgme_widget_message_date"><time datetime="2024-12-04T08:55:19+00:00">08:55</time></a></span>
      </div>
      <div class="tgme_widget_message" data-post="not an address"></div>`),
      'http://127.0.0.1/s/kanal_test',
    );
    assert.deepEqual(rest, []);
    assert.deepEqual(post, {
      channel: 'kanal_test',
      messageId: 7,
      url: 'https://t.me/kanal_test/7',
      text: 'Сводка\nЧитать  здесь .',
      links: [{ start: 15, end: 20, url: 'https://e.test/a' }],
      publishedAt: '2024-12-04T08:55:19Z',
      views: 3_400_000,
      edited: true,
      forwardedFrom: { name: 'Другой', url: 'https://t.me/drugoy/3' },
    });
  });

  it('refuses a page that is not a channel preview, naming it', () => {
    assert.throws(
      () => parseTelegramPreview('<html><body><p>Log in to Telegram</p></body></html>', 'https://t.me/s/x'),
      (error: unknown) => error instanceof InputError && /not a Telegram channel preview/.test(error.message),
    );
  });

  it('reads view counts as the preview abbreviates them', () => {
    assert.deepEqual(['987', '12.3K', '1,5K', '2M', '', 'many'].map(parseViews), [
      987,
      12300,
      1500,
      2_000_000,
      null,
      null,
    ]);
  });
});
