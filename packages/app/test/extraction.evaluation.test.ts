import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encodeAsWindows1251, isMostlyCyrillic } from '@echotrace/app';
import { decodeBytes, extractArticle } from '@echotrace/extract';

describe('zyte evaluation: Cyrillic pages re-encoded as windows-1251', () => {
  const page =
    '<html><head><meta charset="utf-8"><title>Новости</title></head><body><article>' +
    '<p>Мост через реку открыли в понедельник после двух лет ремонта — сообщили в администрации 🚗.</p>' +
    '<p>Движение по мосту будет открыто для легковых машин, а грузовики смогут ездить только ночью.</p>' +
    '</article></body></html>';

  it('writes windows-1251 bytes with the declaration rewritten, and our reader decodes them back', () => {
    const bytes = encodeAsWindows1251(page);
    assert.ok(bytes.length < Buffer.byteLength(page), 'one byte per Cyrillic letter');
    assert.ok(!Buffer.from(bytes).includes(Buffer.from('utf-8')));
    const decoded = decodeBytes(bytes, { origin: 'test page' });
    assert.equal(decoded.charset, 'windows-1251');
    // The emoji, absent from the code page, comes back through a numeric character reference.
    assert.equal(extractArticle(decoded.text).text, extractArticle(page).text);
    assert.match(extractArticle(decoded.text).text, /ремонта — сообщили в администрации 🚗\./);
  });

  it('adds a declaration to a page that had none', () => {
    const bare = '<html><head><title>т</title></head><body><p>Привет</p></body></html>';
    assert.equal(decodeBytes(encodeAsWindows1251(bare), { origin: 'bare' }).source, 'meta');
  });

  it('tells mostly-Cyrillic text from text that only quotes a Russian name', () => {
    assert.equal(isMostlyCyrillic('Мост открыли после ремонта, сообщили в мэрии'), true);
    assert.equal(isMostlyCyrillic('The bridge, known locally as Мост, reopened on Monday'), false);
    assert.equal(isMostlyCyrillic('2024 — 15 %'), false);
  });
});
