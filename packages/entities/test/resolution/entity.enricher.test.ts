import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeText, paragraphSpans, type Document } from '@echotrace/core';
import { createEntityEnricher, ENTITY_PRODUCER, type ResolvableMention } from '@echotrace/entities';
import { fixtureKb, marked } from './fixture.kb.ts';

function document(text: string, language: string): Document {
  const normalized = normalizeText(text);
  return {
    id: 'doc-1',
    key: 'k',
    sourceId: 's',
    captureSha256: 'c',
    text: normalized,
    paragraphs: paragraphSpans(normalized),
    title: null,
    byline: null,
    publishedAt: null,
    language,
    canonicalUrl: null,
    ingestedAt: '2024-01-01T00:00:00Z',
  };
}

describe('createEntityEnricher', () => {
  const { text, mentions } = marked(
    '[[Сергей Шойгу|PERSON]] прибыл в [[КНДР|LOCATION]]. [[Шойгу|PERSON]] сказал.',
  );
  const recognize = (t: string): ResolvableMention[] => {
    assert.equal(t, text);
    return mentions.map((m) => (m.text === 'Сергей Шойгу' ? { ...m, attributes: { title: 'министр' } } : m));
  };

  it('stores each mention as an entity annotation with the link in its attributes', async () => {
    const enricher = createEntityEnricher({ kb: fixtureKb(), recognize, supports: () => true });
    assert.equal(enricher.producer, ENTITY_PRODUCER);
    const annotations = await enricher.annotate(document(text, 'ru'));
    assert.deepEqual(
      annotations.map((a) => [a.kind, a.label, a.start, a.end, a.attributes.entityId, a.attributes.reason]),
      [
        ['entity', 'PERSON', 0, 12, 'sergei-shoigu', 'exact-alias'],
        ['entity', 'LOCATION', 22, 26, 'Q423', 'exact-alias'],
        ['entity', 'PERSON', 28, 33, 'sergei-shoigu', 'exact-alias'],
      ],
    );
    assert.deepEqual(annotations[0]!.attributes, {
      entityId: 'sergei-shoigu',
      name: 'Сергей Шойгу',
      reason: 'exact-alias',
      surface: 'Сергей Шойгу',
      title: 'министр',
    });
    assert.equal(annotations[0]!.confidence, Math.round(0.9 * 0.98 * 1000) / 1000, 'recognition × link');
    assert.equal(new Set(annotations.map((a) => a.id)).size, 3);
    const again = await enricher.annotate(document(text, 'ru'));
    assert.deepEqual(
      again.map((a) => a.id),
      annotations.map((a) => a.id),
      'ids are stable across runs',
    );
  });

  it('annotates nothing in a language the recognizer does not support', async () => {
    const enricher = createEntityEnricher({ kb: fixtureKb(), recognize, supports: (l) => l === 'en' });
    assert.deepEqual(await enricher.annotate(document(text, 'ru')), []);
  });
});
