import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Document } from '@echotrace/core';
import { annotateEntities, entityEnricher, NER_PRODUCER } from '@echotrace/entities';

function document(text: string, language: string): Document {
  return {
    id: 'doc0000000000001',
    key: 'test:1',
    sourceId: 'test',
    captureSha256: '0'.repeat(64),
    text,
    paragraphs: [{ start: 0, end: text.length }],
    title: null,
    byline: null,
    publishedAt: null,
    language,
    canonicalUrl: null,
    ingestedAt: '2026-11-22T07:00:00Z',
  };
}

describe('entity enricher', () => {
  it('turns mentions into entity annotations with exact offsets and stable ids', async () => {
    const doc = document('Военный эксперт Виктор Баранец рассказал о планах НАТО в Польше.', 'ru');
    const annotations = await entityEnricher.annotate(doc);
    assert.ok(annotations.length >= 3, JSON.stringify(annotations));
    for (const a of annotations) {
      assert.equal(a.kind, 'entity');
      assert.equal(a.documentId, doc.id);
      assert.equal(a.producer, NER_PRODUCER);
      assert.equal(doc.text.slice(a.start, a.end), a.attributes.text);
    }
    const person = annotations.find((a) => a.attributes.text === 'Виктор Баранец');
    assert.equal(person?.label, 'PERSON');
    assert.equal(person.attributes.title, 'Военный эксперт');
    assert.deepEqual(
      annotateEntities(doc).map((a) => a.id),
      annotations.map((a) => a.id),
    );
    assert.equal(new Set(annotations.map((a) => a.id)).size, annotations.length);
  });

  it('annotates nothing in a language without a model', () => {
    assert.deepEqual(annotateEntities(document('Kim Jong Un visited Moscow.', 'und')), []);
  });
});
