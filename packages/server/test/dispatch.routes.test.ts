// Composing a dispatch over the API on both databases, as the web editor will: create, add a
// heading and excerpts, reorder, revise a translation, render; bad requests name the problem,
// every write is audited, and a rendering of a hostile page's text runs nothing.
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument --
   response bodies are JSON read field by field by the assertions: their shape is what is under test */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import mammoth from 'mammoth';
import { createApp } from '@echotrace/server';
import { bearerFor, callerOf } from './helpers/api.caller.ts';
import { seedCorpus, type Corpus } from './helpers/corpus.fixture.ts';
import { EVERY_DATABASE, type TestStore } from './helpers/test.stores.ts';

type Json = Record<string, any>;
const clock = { now: () => new Date('2026-12-02T12:00:00Z') };

for (const database of EVERY_DATABASE) {
  describe(`dispatch routes: ${database.name}`, () => {
    let test: TestStore;
    let corpus: Corpus;
    let app: ReturnType<typeof createApp>;
    let bearer = '';
    before(async () => {
      test = await database.create();
      corpus = await seedCorpus(test.store);
      app = createApp({ store: test.store, clock, log: () => {} });
      bearer = await bearerFor(test.store, clock, {
        username: 'ana',
        password: 'an analyst password',
        role: 'analyst',
      });
    });
    after(async () => {
      await test.destroy();
    });
    const call = callerOf({ request: (url, init) => app.request(url, init) }, () => bearer);

    it('composes, reorders, revises and renders a dispatch, auditing every write', async () => {
      const made = await call('POST', '/api/dispatches', { headline: 'Three capitals', date: '2023-09-28' });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      assert.equal(made.body.id, 'three-capitals');
      const id = made.body.id as string;
      assert.equal(
        (await call('POST', `/api/dispatches/${id}/blocks`, { text: 'The outlet writes:' })).status,
        201,
      );
      const excerpt = await call('POST', `/api/dispatches/${id}/blocks`, {
        excerpt: {
          documentId: corpus.hostile.id,
          passage: 'Санкции не работают',
          translation: 'Sanctions do not work',
        },
      });
      assert.equal(excerpt.status, 201, JSON.stringify(excerpt.body));
      assert.equal(excerpt.body.excerpt.text, 'Санкции не работают');
      assert.equal(excerpt.body.excerpt.translationOrigin, 'analyst');
      assert.equal(
        (await call('POST', `/api/dispatches/${id}/blocks`, { heading: 'What he said', at: 0 })).status,
        201,
      );
      const moved = await call('POST', `/api/dispatches/${id}/move`, { from: 0, to: 1 });
      assert.equal(moved.status, 200);
      assert.deepEqual(
        moved.body.blocks.map((b: Json) => b.kind),
        ['text', 'heading', 'excerpt'],
      );
      assert.equal(moved.body.footnotes[0].documentId, corpus.hostile.id);

      const revised = await call('PATCH', `/api/excerpts/${excerpt.body.excerpt.id}`, {
        translation: 'The sanctions are not working',
      });
      assert.equal(revised.status, 200);
      assert.equal(revised.body.translation, 'The sanctions are not working');

      const md = await call('GET', `/api/dispatches/${id}/render?format=md`);
      assert.equal(md.status, 200);
      assert.match(md.headers.get('content-type') ?? '', /^text\/markdown/);
      assert.match(md.body.text, /^September 28, 2023\n\n# Three capitals/);
      assert.match(md.body.text, /> The sanctions are not working\[\^1\]/);
      const html = await call('GET', `/api/dispatches/${id}/render?format=html`);
      assert.match(html.headers.get('content-security-policy') ?? '', /default-src 'none'.*sandbox/);
      assert.match(
        html.headers.get('content-disposition') ?? '',
        /^attachment; filename="three-capitals\.html"/,
      );
      assert.doesNotMatch(html.body.text, /<script|onerror/i);
      // Word, read back by an independent reader: the revised excerpt is in it.
      const docx = await app.request(`/api/dispatches/${id}/render?format=docx`, {
        headers: { Authorization: bearer },
      });
      assert.equal(docx.status, 200);
      assert.match(docx.headers.get('content-disposition') ?? '', /filename="three-capitals\.docx"/);
      const { value: docxHtml } = await mammoth.convertToHtml({
        buffer: Buffer.from(await docx.arrayBuffer()),
      });
      assert.match(docxHtml, /The sanctions are not working/);

      const removed = await call('DELETE', `/api/dispatches/${id}/blocks/0`);
      assert.deepEqual(
        removed.body.blocks.map((b: Json) => b.kind),
        ['heading', 'excerpt'],
      );
      const listed = await call('GET', '/api/dispatches');
      assert.deepEqual(
        listed.body.dispatches.map((d: Json) => d.id),
        ['three-capitals'],
      );

      const actions = (await test.store.audit.list({ limit: 50 }))
        .map((e) => `${e.actor} ${e.action} ${e.target ?? ''}`)
        .reverse();
      for (const action of [
        'ana dispatch.create three-capitals',
        'ana dispatch.add-text three-capitals',
        'ana dispatch.add-excerpt three-capitals',
        'ana dispatch.add-heading three-capitals',
        'ana dispatch.move three-capitals',
        `ana dispatch.revise-excerpt ${excerpt.body.excerpt.id}`,
        'ana dispatch.remove three-capitals',
      ])
        assert.ok(actions.includes(action), `${action} not in\n${actions.join('\n')}`);
    });

    it('refuses what cannot be an excerpt or a block, naming the problem, and changes nothing', async () => {
      await call('POST', '/api/dispatches', { headline: 'Refusals' });
      const missing = await call('POST', '/api/dispatches/refusals/blocks', {
        excerpt: { documentId: corpus.hostile.id, passage: 'not in the text' },
      });
      assert.equal(missing.status, 400);
      assert.match(missing.body.error.message, /not found in document/);
      const two = await call('POST', '/api/dispatches/refusals/blocks', { heading: 'A', text: 'B' });
      assert.equal(two.status, 400);
      assert.match(JSON.stringify(two.body), /exactly one of heading, text or excerpt/);
      const span = await call('POST', '/api/dispatches/refusals/blocks', {
        excerpt: { documentId: corpus.hostile.id, span: [0, 1_000_000] },
      });
      assert.equal(span.status, 400);
      assert.match(span.body.error.message, /not a span of document/);
      const nowhere = await call('POST', '/api/dispatches/nope/blocks', { text: 'x' });
      assert.equal(nowhere.status, 404);
      const badMove = await call('POST', '/api/dispatches/refusals/move', { from: 0, to: 3 });
      assert.equal(badMove.status, 400);
      const view = await call('GET', '/api/dispatches/refusals');
      assert.deepEqual(view.body.blocks, []);
    });
  });
}
