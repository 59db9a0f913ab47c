// The enricher's output: annotations of kind `quote` that pass core's schema, with the nesting kept
// as parent ids and the speaker resolved from the entity annotations the runner hands it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAnnotation, type Annotation, type Document, type EnrichmentInputs } from '@echotrace/core';
import { createQuoteEnricher, QUOTE_PRODUCER } from '@echotrace/quotes';

const text = 'Глеб Туманов рассказал: «Мне ответили: „Ждите решения до весны“, и я ждал».';

function documentOf(body: string): Document {
  return { id: 'doc-1', text: body, language: 'ru' } as Document;
}

const mention: Annotation = {
  id: 'm1',
  documentId: 'doc-1',
  kind: 'entity',
  label: 'PERSON',
  start: 0,
  end: 'Глеб Туманов'.length,
  confidence: 0.9,
  producer: 'entities',
  producerVersion: '2',
  attributes: {
    entityId: 'gleb-tumanov',
    name: 'Глеб Туманов',
    reason: 'exact-alias',
    surface: 'Глеб Туманов',
  },
};

const inputs = (annotations: Annotation[]): EnrichmentInputs =>
  ({ of: () => annotations.map((a) => parseAnnotation(a, 'entity')) }) as unknown as EnrichmentInputs;

describe('quote enricher', () => {
  it('declares that it reads entities and produces quotes', () => {
    const enricher = createQuoteEnricher();
    assert.deepEqual(
      [enricher.producer, enricher.produces, enricher.reads],
      [QUOTE_PRODUCER, ['quote'], ['entity']],
    );
  });

  it('emits schema-valid quote annotations with the speaker entity and the nesting', async () => {
    const annotations = await createQuoteEnricher().annotate(documentOf(text), inputs([mention]));
    assert.equal(annotations.length, 2);
    for (const a of annotations) parseAnnotation(a, 'quote');
    const [outer, inner] = annotations.map((a) => parseAnnotation(a, 'quote'));
    assert.equal(outer!.attributes.speakerEntityId, 'gleb-tumanov');
    assert.equal(outer!.attributes.speaker, 'Глеб Туманов');
    assert.equal(outer!.attributes.cueText, 'рассказал');
    assert.equal(outer!.label, 'DIRECT');
    assert.equal(inner!.attributes.parentId, outer!.id);
    assert.equal(inner!.attributes.level, 1);
    assert.equal(text.slice(inner!.start, inner!.end), 'Ждите решения до весны');
  });

  it('leaves the speaker unknown without entity annotations, and gives the same ids on a re-run', async () => {
    const first = await createQuoteEnricher().annotate(documentOf(text), inputs([]));
    const second = await createQuoteEnricher().annotate(documentOf(text), inputs([]));
    assert.equal(parseAnnotation(first[0]!, 'quote').attributes.speakerEntityId, null);
    assert.deepEqual(
      first.map((a) => a.id),
      second.map((a) => a.id),
    );
  });
});
