// The translation repository contract: every dialect's TranslationRepository must pass it.
import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import { NotFoundError, parseQuery, type Store, type StoredTranslation } from '@echotrace/core';
import { buildDocument, buildSource, storeDocument } from './builders.ts';
import type { StoreFactory } from './store.contract.ts';

export function describeTranslationRepositoryContract(adapter: string, factory: StoreFactory): void {
  describe(`TranslationRepository contract: ${adapter}`, () => {
    let current: Store | undefined;
    const document = buildDocument({
      key: 'https://example.org/ru/1',
      text: 'Первый абзац.\n\nВторой абзац.',
    });
    const machine = (
      id: string,
      start: number,
      end: number,
      text: string,
      model = 'm1',
    ): StoredTranslation => ({
      id,
      documentId: document.id,
      start,
      end,
      sourceLanguage: 'ru',
      targetLanguage: 'en',
      text,
      origin: 'machine',
      provider: 'libretranslate',
      model,
      createdAt: '2026-12-01T10:00:00Z',
      editedAt: null,
      approvedAt: null,
    });

    beforeEach(async () => {
      if (current) await factory.destroy(current);
      current = await factory.create();
      await current.sources.upsert(buildSource());
      await storeDocument(current, document);
    });
    after(async () => {
      if (current) await factory.destroy(current);
    });

    it('stores machine translations per span and lists them by language and offset', async () => {
      const repo = current!.translations;
      assert.equal(
        await repo.putMachine([
          machine('t2', 15, 28, 'Second paragraph.'),
          machine('t1', 0, 13, 'First paragraph.'),
        ]),
        2,
      );
      await repo.putMachine([{ ...machine('t3', 0, 13, 'Premier paragraphe.'), targetLanguage: 'fr' }]);
      const en = await repo.forDocument(document.id, 'en');
      assert.deepEqual(
        en.map((t) => [t.start, t.end, t.text, t.origin, t.provider, t.model]),
        [
          [0, 13, 'First paragraph.', 'machine', 'libretranslate', 'm1'],
          [15, 28, 'Second paragraph.', 'machine', 'libretranslate', 'm1'],
        ],
      );
      assert.deepEqual(
        (await repo.forDocument(document.id)).map((t) => t.targetLanguage),
        ['en', 'en', 'fr'],
      );
    });

    it('replaces untouched machine output but never an edit or an approval', async () => {
      const repo = current!.translations;
      await repo.putMachine([
        machine('t1', 0, 13, 'First paragraph.'),
        machine('t2', 15, 28, 'Second paragraph.'),
      ]);
      assert.equal(await repo.putMachine([machine('t1', 0, 13, 'The first paragraph.', 'm2')]), 1);
      const replaced = await repo.get('t1');
      assert.equal(replaced?.text, 'The first paragraph.');
      assert.equal(replaced?.model, 'm2');

      const edited = await repo.edit('t1', 'Opening paragraph.', '2026-12-01T11:00:00Z');
      assert.equal(edited.origin, 'edited');
      assert.equal(edited.editedAt, '2026-12-01T11:00:00Z');
      await repo.approve('t2', '2026-12-01T11:05:00Z');

      const written = await repo.putMachine([
        machine('t1', 0, 13, 'Machine again.', 'm3'),
        machine('t2', 15, 28, 'Machine again.', 'm3'),
      ]);
      assert.equal(written, 0);
      assert.equal((await repo.get('t1'))?.text, 'Opening paragraph.');
      const approved = await repo.get('t2');
      assert.equal(approved?.text, 'Second paragraph.');
      assert.equal(approved?.approvedAt, '2026-12-01T11:05:00Z');
    });

    it('clears an approval when the text is edited afterwards', async () => {
      const repo = current!.translations;
      await repo.putMachine([machine('t1', 0, 13, 'First paragraph.')]);
      await repo.approve('t1', '2026-12-01T11:00:00Z');
      const edited = await repo.edit('t1', 'Opening paragraph.', '2026-12-01T12:00:00Z');
      assert.equal(edited.approvedAt, null);
    });

    it('makes the translated text searchable with the original, and follows edits', async () => {
      const repo = current!.translations;
      const found = async (query: string): Promise<string[]> =>
        (await current!.search.search({ query: parseQuery(query), limit: 10, offset: 0 })).hits.map(
          (h) => h.documentId,
        );
      assert.deepEqual(await found('paragraph'), []);
      await repo.putMachine([machine('t1', 0, 13, 'First paragraph.')]);
      assert.deepEqual(await found('paragraph'), [document.id]);
      // The original is still found, in its own language.
      assert.deepEqual(await found('абзац'), [document.id]);
      await repo.edit('t1', 'Opening section.', '2026-12-01T12:00:00Z');
      assert.deepEqual(await found('paragraph'), []);
      assert.deepEqual(await found('"opening section"'), [document.id]);
    });

    it('names a missing translation', async () => {
      await assert.rejects(current!.translations.edit('nope', 'x', '2026-12-01T11:00:00Z'), NotFoundError);
      await assert.rejects(current!.translations.approve('nope', '2026-12-01T11:00:00Z'), NotFoundError);
      assert.equal(await current!.translations.get('nope'), null);
    });
  });
}
