// Dispatches on a real SQLite store: excerpts keep their capture and span, footnotes are numbered
// in order of first citation, rendering is deterministic and escapes what the page held, a later
// version of the page that drops the passage is said, and an evidence bundle verifies — and a
// tampered one fails, naming what.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError, NotFoundError, type Store } from '@echotrace/core';
import { openSqliteStore } from '@echotrace/storage';
import {
  addBlock,
  addExcerpt,
  createDispatch,
  ingestFiles,
  loadDispatchView,
  moveBlock,
  renderDispatch,
  reviseExcerpt,
  verifyBundle,
  writeDispatchBundle,
} from '@echotrace/app';
import { tempDir } from './helpers/temp.dir.ts';

const clock = { now: () => new Date('2026-12-01T12:00:00Z') };

const PAGE_ONE = `<!doctype html><html><head><title>Союз трёх столиц</title>
<link rel="canonical" href="https://outlet.example/alliance">
<meta name="author" content="Иван Петров"><meta property="article:published_time" content="2023-09-14T08:00:00Z">
<script>window.stolen = document.cookie</script></head><body><article><h1>Союз трёх столиц</h1>
<p>Логичным ответом на восточное НАТО станет союз Москвы, Пекина и Пхеньяна.</p>
<p>Санкции против КНДР <b>давно</b> потеряли смысл, <img src=x onerror="alert(1)">считает автор.</p>
<p>Третий абзац о будущем &lt;script&gt; союза.</p></article></body></html>`;

const PAGE_TWO = `# Другое издание

Пхеньян и Москва подписали договор о стратегическом партнёрстве.
`;

async function setUp(): Promise<{
  store: Store;
  dir: string;
  ids: { html: string; md: string };
  files: string[];
}> {
  const dir = tempDir();
  const html = path.join(dir, 'alliance.html');
  const md = path.join(dir, 'treaty.md');
  writeFileSync(html, PAGE_ONE);
  writeFileSync(md, PAGE_TWO);
  const store = openSqliteStore(path.join(dir, 'd.db'));
  await ingestFiles(
    { store, clock, enrichers: [] },
    { paths: [html, md], maxFileBytes: 1 << 20, dedupe: false },
  );
  const documents = await store.documents.list({ limit: 10 });
  const byText = (needle: string) => documents.find((d) => d.text.includes(needle))!.id;
  return { store, dir, ids: { html: byText('НАТО'), md: byText('договор') }, files: [html, md] };
}

describe('dispatches', () => {
  it('composes, renders deterministically with numbered footnotes, and marks machine translations', async () => {
    const { store, ids } = await setUp();
    try {
      const dispatch = await createDispatch(store, clock, {
        headline: 'Moscow–Beijing–Pyongyang: the "logical response"',
        subheadline: 'A nationalist outlet calls for an alliance',
        date: '2023-09-28',
        summary: 'An outlet argues for a three-capital alliance.',
      });
      assert.equal(dispatch.id, 'moscow-beijing-pyongyang-the-logical-response');
      const again = await createDispatch(store, clock, {
        headline: 'Moscow–Beijing–Pyongyang: the "logical response"',
      });
      assert.equal(again.id, `${dispatch.id}-2`);

      await addBlock(store, clock, { dispatchId: dispatch.id, kind: 'heading', text: 'The alliance' });
      const first = await addExcerpt(store, clock, {
        dispatchId: dispatch.id,
        source: { kind: 'passage', documentId: ids.html, passage: 'союз Москвы, Пекина и Пхеньяна' },
        translation: 'an alliance of Moscow, Beijing and Pyongyang',
      });
      const doc = (await store.documents.get(ids.html))!;
      assert.equal(doc.text.slice(first.start, first.end), 'союз Москвы, Пекина и Пхеньяна');
      assert.equal(first.captureSha256, doc.captureSha256);
      assert.equal(first.translationOrigin, 'analyst');

      // A stored machine translation of a whole paragraph is taken, marked as machine output.
      const paragraph = doc.paragraphs.find((p) => doc.text.slice(p.start, p.end).includes('Санкции'))!;
      await store.translations.putMachine([
        {
          id: 't1',
          documentId: doc.id,
          start: paragraph.start,
          end: paragraph.end,
          sourceLanguage: 'ru',
          targetLanguage: 'en',
          text: 'Sanctions against the DPRK have long lost their meaning, the author believes.',
          origin: 'machine',
          provider: 'deepl',
          model: null,
          createdAt: '2026-12-01T10:00:00Z',
          editedAt: null,
          approvedAt: null,
        },
      ]);
      await addBlock(store, clock, {
        dispatchId: dispatch.id,
        kind: 'text',
        text: 'It then turns to sanctions:',
      });
      const second = await addExcerpt(store, clock, {
        dispatchId: dispatch.id,
        source: { kind: 'span', documentId: doc.id, start: paragraph.start, end: paragraph.end },
      });
      assert.equal(second.translationOrigin, 'machine');
      assert.equal(second.translationBy, 'deepl');
      const third = await addExcerpt(store, clock, {
        dispatchId: dispatch.id,
        source: { kind: 'passage', documentId: ids.md, passage: 'подписали договор' },
      });
      // The same document cited again gets the same footnote.
      await addExcerpt(store, clock, {
        dispatchId: dispatch.id,
        source: { kind: 'passage', documentId: ids.html, passage: 'Третий абзац о будущем <script> союза' },
      });

      const view = await loadDispatchView(store, dispatch.id);
      assert.deepEqual(
        view.blocks.map((b) => (b.kind === 'excerpt' ? `excerpt[${b.footnote}]` : b.kind)),
        ['heading', 'excerpt[1]', 'text', 'excerpt[1]', 'excerpt[2]', 'excerpt[1]'],
      );
      assert.deepEqual(
        view.footnotes.map((f) => [f.number, f.documentId]),
        [
          [1, ids.html],
          [2, ids.md],
        ],
      );
      assert.equal(view.footnotes[0]!.url, 'https://outlet.example/alliance');
      assert.equal(view.footnotes[0]!.captureSha256, doc.captureSha256);

      const md = renderDispatch(view, 'md');
      assert.equal(
        renderDispatch(await loadDispatchView(store, dispatch.id), 'md'),
        md,
        'same inputs, same bytes',
      );
      assert.match(md, /^September 28, 2023\n\n# Moscow–Beijing–Pyongyang: the "logical response"\n/);
      assert.match(md, /> an alliance of Moscow, Beijing and Pyongyang\[\^1\]/);
      assert.match(md, /Machine translation \(deepl\), not reviewed by an analyst\./);
      assert.match(
        md,
        /\[\^1\]: .*“Союз трёх столиц”, September 14, 2023, by Иван Петров, <https:\/\/outlet\.example\/alliance>\. Archived .*capture SHA-256 `[0-9a-f]{64}`/,
      );
      assert.equal((md.match(/^\[\^\d\]:/gm) ?? []).length, 2);

      const html = renderDispatch(view, 'html');
      assert.equal(renderDispatch(view, 'html'), html);
      assert.doesNotMatch(html, /<script|onerror|<img/i);
      assert.match(html, /&lt;script&gt; союза/);
      assert.match(html, /Content-Security-Policy" content="default-src 'none'/);

      // Reorder: the text block moves before the heading.
      await moveBlock(store, clock, { dispatchId: dispatch.id, from: 2, to: 0 });
      assert.equal((await loadDispatchView(store, dispatch.id)).blocks[0]!.kind, 'text');
      await assert.rejects(moveBlock(store, clock, { dispatchId: dispatch.id, from: 9, to: 0 }), InputError);

      const revised = await reviseExcerpt(store, {
        excerptId: third.id,
        translation: 'signed a treaty',
        note: 'Second outlet.',
      });
      assert.equal(revised.translationOrigin, 'analyst');
      assert.equal(revised.note, 'Second outlet.');
    } finally {
      await store.close();
    }
  });

  it('refuses what is not there and spans outside the text', async () => {
    const { store, ids } = await setUp();
    try {
      await assert.rejects(createDispatch(store, clock, { headline: '  ' }), InputError);
      await assert.rejects(createDispatch(store, clock, { headline: 'X', date: '28.09.2023' }), /--date/);
      const dispatch = await createDispatch(store, clock, { headline: 'Test' });
      await assert.rejects(
        addExcerpt(store, clock, {
          dispatchId: 'nope',
          source: { kind: 'passage', documentId: ids.md, passage: 'x' },
        }),
        NotFoundError,
      );
      await assert.rejects(
        addExcerpt(store, clock, {
          dispatchId: dispatch.id,
          source: { kind: 'span', documentId: ids.md, start: 5, end: 99999 },
        }),
        /is not a span of document/,
      );
      await assert.rejects(
        addExcerpt(store, clock, {
          dispatchId: dispatch.id,
          source: { kind: 'passage', documentId: ids.md, passage: 'нет такого' },
        }),
        /not found in document/,
      );
      await assert.rejects(
        addExcerpt(store, clock, {
          dispatchId: dispatch.id,
          source: { kind: 'annotation', documentId: ids.md, annotationId: 'missing' },
        }),
        NotFoundError,
      );
    } finally {
      await store.close();
    }
  });

  it('says when the page no longer holds the passage, and bundles evidence that verifies', async () => {
    const { store, dir, ids, files } = await setUp();
    try {
      const dispatch = await createDispatch(store, clock, { headline: 'Evidence', date: '2023-09-28' });
      const excerpt = await addExcerpt(store, clock, {
        dispatchId: dispatch.id,
        source: {
          kind: 'passage',
          documentId: ids.html,
          passage: 'Санкции против КНДР давно потеряли смысл',
        },
      });
      await addExcerpt(store, clock, {
        dispatchId: dispatch.id,
        source: { kind: 'passage', documentId: ids.md, passage: 'стратегическом партнёрстве' },
      });
      // The outlet edits the page: the passage is gone from the new version.
      writeFileSync(files[0]!, PAGE_ONE.replace('<b>давно</b> потеряли смысл', 'надо пересмотреть'));
      const reread = await ingestFiles(
        { store, clock: { now: () => new Date('2026-12-02T09:00:00Z') }, enrichers: [] },
        { paths: [files[0]!], maxFileBytes: 1 << 20, dedupe: false },
      );
      assert.equal(reread.summary.updated, 1, JSON.stringify(reread.summary));
      const view = await loadDispatchView(store, dispatch.id);
      const block = view.blocks[0]!;
      assert.equal(block.kind, 'excerpt');
      assert.equal(block.kind === 'excerpt' && block.change?.kind, 'changed');
      assert.match(
        renderDispatch(view, 'md'),
        /\*\*Note:\*\* the page as captured on .* no longer contains this passage\./,
      );
      // The excerpt still points at the capture it was taken from.
      assert.equal(view.footnotes[0]!.captureSha256, excerpt.captureSha256);

      const bundle = path.join(dir, 'bundle');
      const written = await writeDispatchBundle(store, dispatch.id, bundle);
      assert.equal(written.captures, 2);
      assert.deepEqual(verifyBundle(bundle), {
        ok: true,
        checked: { files: 2, captures: 2, excerpts: 2 },
        problems: [],
      });
      await assert.rejects(writeDispatchBundle(store, dispatch.id, bundle), /not empty/);

      // Tampering: a changed excerpt text, and a changed capture byte.
      const manifestFile = path.join(bundle, 'manifest.json');
      const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
        excerpts: Array<{
          text: string;
          start: number;
          end: number;
          startCodePoint: number | null;
          endCodePoint: number | null;
        }>;
        captures: Array<{ path: string }>;
      };
      // The edited page's text no longer holds the first excerpt: its code points are unknown, not
      // guessed; the second (no astral characters) has the same offsets in both units.
      assert.deepEqual(
        manifest.excerpts.map((e) => [e.startCodePoint, e.endCodePoint]),
        [
          [null, null],
          [manifest.excerpts[1]!.start, manifest.excerpts[1]!.end],
        ],
      );
      manifest.excerpts[0]!.text = 'Санкции против КНДР надо усилить';
      writeFileSync(manifestFile, JSON.stringify(manifest));
      const forged = verifyBundle(bundle);
      assert.equal(forged.ok, false);
      assert.deepEqual(forged.problems.length, 1);
      assert.match(forged.problems[0]!, /excerpt x-[0-9a-f]{12} \[1\]: its text is not in capture/);

      const captureFile = path.join(bundle, manifest.captures[1]!.path);
      writeFileSync(captureFile, Buffer.concat([readFileSync(captureFile), Buffer.from(' ')]));
      const broken = verifyBundle(bundle);
      assert.ok(broken.problems.some((p) => /^capture captures\/[0-9a-f]{64}: SHA-256 is/.test(p)));
      assert.ok(broken.problems.some((p) => /\[2\]: its capture .* is not verified/.test(p)));

      writeFileSync(manifestFile, '{"format": "something else"}');
      assert.throws(() => verifyBundle(bundle), /not an echotrace-evidence-bundle\/1 manifest/);
    } finally {
      await store.close();
    }
  });
});
