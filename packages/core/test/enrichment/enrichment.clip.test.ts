import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clipForEnrichment, EnrichmentRunner, type Document, type Enricher } from '@echotrace/core';

const doc = (text: string, paragraphs: Array<{ start: number; end: number }>): Document => ({
  id: 'd1',
  key: 'k',
  sourceId: 's',
  captureSha256: 'c',
  text,
  paragraphs,
  title: null,
  byline: null,
  publishedAt: null,
  language: 'en',
  canonicalUrl: null,
  ingestedAt: '2026-01-01T00:00:00.000Z',
});

describe('text given to enrichers', () => {
  it('keeps a short document as it is', () => {
    const d = doc('short', [{ start: 0, end: 5 }]);
    assert.equal(clipForEnrichment(d, 10), d);
  });

  it('cuts the text and its paragraphs at the bound, never inside a surrogate pair', () => {
    const text = 'abc\n\nd😀f\n\nghi';
    const d = doc(text, [
      { start: 0, end: 3 },
      { start: 5, end: 9 },
      { start: 11, end: 14 },
    ]);
    // 7 would end between the two halves of 😀 (code units 6 and 7).
    const clipped = clipForEnrichment(d, 7);
    assert.equal(clipped.text, 'abc\n\nd');
    assert.deepEqual(clipped.paragraphs, [
      { start: 0, end: 3 },
      { start: 5, end: 6 },
    ]);
    assert.equal(clipped.id, d.id);
  });

  it('the runner hands enrichers the clipped text', async () => {
    const seen: number[] = [];
    const marker: Enricher = {
      producer: 'marker',
      version: '1',
      annotate: (document) => {
        seen.push(document.text.length);
        return Promise.resolve([]);
      },
    };
    const runner = EnrichmentRunner.inProcess([marker], { maxChars: 4 });
    await runner.compute([doc('0123456789', [{ start: 0, end: 10 }]), doc('01', [{ start: 0, end: 2 }])]);
    assert.deepEqual(seen, [4, 2]);
  });
});
