// Translating a stored document through a real adapter (LibreTranslate's protocol, served on
// loopback) into a real SQLite store: spans are exact paragraphs, a second run translates nothing,
// an analyst's edit survives a forced re-run, and long paragraphs are cut at sentence ends.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError, NotFoundError } from '@echotrace/core';
import { openSqliteStore } from '@echotrace/storage';
import { createLibreTranslateTranslator } from '@echotrace/translate';
import {
  approveTranslation,
  editTranslation,
  ingestFiles,
  translateDocument,
  translationSpans,
} from '@echotrace/app';
import { tempDir } from './helpers/temp.dir.ts';

const clock = { now: () => new Date('2026-12-01T12:00:00Z') };

async function libreTranslate(): Promise<{ url: string; calls: string[][]; close: () => Promise<void> }> {
  const calls: string[][] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const { q } = JSON.parse(body) as { q: string[] };
      calls.push(q);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ translatedText: q.map((text) => `EN(${text.length}): ${text.slice(0, 12)}`) }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('translateDocument', () => {
  it('stores one machine translation per paragraph span, once, and keeps an analyst edit', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'post.txt');
    await writeFile(
      file,
      'Заголовок поста\n\nВводный абзац.\n\nПервый абзац о санкциях.\n\nВторой абзац: «Союз Москвы и Пхеньяна».\n',
    );
    const store = openSqliteStore(path.join(dir, 't.db'));
    const service = await libreTranslate();
    try {
      await ingestFiles(
        { store, clock, enrichers: [] },
        { paths: [file], maxFileBytes: 1 << 20, dedupe: false, language: 'ru' },
      );
      const [document] = await store.documents.list({ limit: 10 });
      const translator = createLibreTranslateTranslator({ url: service.url });
      const progress: Array<[number, number]> = [];
      const first = await translateDocument(store, translator, clock, {
        documentId: document!.id,
        target: 'en',
        onProgress: (done, total) => progress.push([done, total]),
      });
      assert.equal(first.translated, document!.paragraphs.length);
      assert.equal(first.kept, 0);
      assert.deepEqual(progress.at(-1), [first.translated, first.translated]);
      for (const t of first.translations) {
        const original = document!.text.slice(t.start, t.end);
        assert.equal(t.text, `EN(${original.length}): ${original.slice(0, 12)}`);
        assert.equal(t.origin, 'machine');
        assert.equal(t.provider, 'libretranslate');
        assert.equal(t.sourceLanguage, 'ru');
      }
      assert.equal(service.calls.length, 1, 'the paragraphs fit one request');

      const again = await translateDocument(store, translator, clock, {
        documentId: document!.id,
        target: 'en',
      });
      assert.equal(again.translated, 0);
      assert.equal(service.calls.length, 1);

      const edited = await editTranslation(
        store,
        clock,
        first.translations[1]!.id,
        'First paragraph, on sanctions.',
      );
      assert.equal(edited.origin, 'edited');
      await approveTranslation(store, clock, first.translations[2]!.id);
      const forced = await translateDocument(store, translator, clock, {
        documentId: document!.id,
        target: 'en',
        force: true,
      });
      assert.equal(
        forced.translated,
        first.translated - 2,
        'the edited and the approved span are not redone',
      );
      assert.equal(forced.translations[1]!.text, 'First paragraph, on sanctions.');

      await assert.rejects(
        translateDocument(store, translator, clock, { documentId: document!.id, target: 'ru' }),
        (error: unknown) => error instanceof InputError && /already in ru/.test(error.message),
      );
      await assert.rejects(
        translateDocument(store, translator, clock, { documentId: document!.id, target: 'English!' }),
        (error: unknown) => error instanceof InputError && error.input === '--to',
      );
      await assert.rejects(
        translateDocument(store, translator, clock, { documentId: 'missing', target: 'en' }),
        NotFoundError,
      );
      await assert.rejects(editTranslation(store, clock, first.translations[0]!.id, '  '), /cannot be empty/);
    } finally {
      await service.close();
      await store.close();
    }
  });
});

describe('translationSpans', () => {
  it('keeps short paragraphs whole and cuts a long one at sentence ends, spans exact and in order', () => {
    const long = Array.from({ length: 40 }, (_, i) => `Предложение номер ${i} о важном.`).join(' ');
    const text = `Короткий абзац.\n\n${long}`;
    const paragraphs = [
      { start: 0, end: 15 },
      { start: 17, end: text.length },
    ];
    const spans = translationSpans(text, paragraphs, 200);
    assert.deepEqual(spans[0], { start: 0, end: 15 });
    let previous = 15;
    for (const span of spans.slice(1)) {
      assert.ok(span.end - span.start <= 200);
      assert.ok(span.start >= previous);
      assert.match(text.slice(span.start, span.end), /^Предложение.*\.$/);
      previous = span.end;
    }
    assert.equal(spans.at(-1)!.end, text.length);
    // Nothing is lost: the spans cover every sentence.
    assert.equal(
      spans
        .slice(1)
        .map((s) => text.slice(s.start, s.end))
        .join(' '),
      long,
    );
  });
});
