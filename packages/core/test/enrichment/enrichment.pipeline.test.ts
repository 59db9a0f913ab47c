import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  EnrichmentPipeline,
  EnrichmentPlanError,
  EnrichmentRunner,
  type Annotation,
  type Document,
  type Enricher,
} from '@echotrace/core';

const doc = (id: string, text: string): Document => ({
  id,
  key: id,
  sourceId: 's',
  captureSha256: '0'.repeat(64),
  text,
  paragraphs: [{ start: 0, end: text.length }],
  title: null,
  byline: null,
  publishedAt: null,
  language: 'en',
  canonicalUrl: null,
  ingestedAt: '2024-01-01T00:00:00Z',
});

/** Marks every capitalized word as a PERSON entity. */
const entities: Enricher = {
  producer: 'entities',
  version: '1',
  produces: ['entity'],
  annotate(document) {
    return [...document.text.matchAll(/\p{Lu}\p{L}+/gu)].map((m): Annotation => ({
      id: `${document.id}:${m.index}`,
      documentId: document.id,
      kind: 'entity',
      label: 'PERSON',
      start: m.index,
      end: m.index + m[0].length,
      confidence: 1,
      producer: 'entities',
      producerVersion: '1',
      attributes: { entityId: m[0].toLowerCase(), name: m[0], reason: 'exact-alias', surface: m[0] },
    }));
  },
};

/** One sanction per entity it is given: shows exactly what it received. */
const screening: Enricher = {
  producer: 'screening',
  version: '1',
  produces: ['sanction'],
  reads: ['entity'],
  annotate(document, inputs) {
    return inputs.of('entity').map((e) => ({
      ...e,
      id: `s:${e.id}`,
      kind: 'sanction',
      producer: 'screening',
      attributes: {
        entityId: e.attributes.entityId,
        listEntryId: '1',
        list: 'l',
        listedName: e.attributes.name,
        matchedName: e.attributes.name,
        score: 1,
        partial: false,
        explanation: 'test',
        programs: [],
      },
    }));
  },
};

const quotes: Enricher = {
  producer: 'quotes',
  version: '1',
  produces: ['quote'],
  reads: ['entity'],
  annotate: () => [],
};
const narratives: Enricher = {
  producer: 'narratives',
  version: '1',
  produces: ['narrative'],
  reads: ['quote', 'sanction'],
  annotate: () => [],
};

describe('EnrichmentPipeline', () => {
  it('orders enrichers after what they read, keeping the given order otherwise', () => {
    assert.deepEqual(new EnrichmentPipeline([narratives, screening, quotes, entities]).producers, [
      'entities',
      'screening',
      'quotes',
      'narratives',
    ]);
  });

  it('refuses cycles, missing producers, duplicate producers and kinds at construction', () => {
    const a: Enricher = {
      producer: 'a',
      version: '1',
      produces: ['quote'],
      reads: ['narrative'],
      annotate: () => [],
    };
    const b: Enricher = {
      producer: 'b',
      version: '1',
      produces: ['narrative'],
      reads: ['quote'],
      annotate: () => [],
    };
    assert.throws(
      () => new EnrichmentPipeline([a, b]),
      (e: unknown) => {
        assert.ok(e instanceof EnrichmentPlanError);
        assert.deepEqual(e.producers, ['a', 'b']);
        assert.match(e.message, /cycle/);
        return true;
      },
    );
    assert.throws(() => new EnrichmentPipeline([screening]), /reads kind entity, which no enricher produces/);
    assert.throws(() => new EnrichmentPipeline([entities, entities]), /share a producer/);
    assert.throws(
      () => new EnrichmentPipeline([entities, { ...screening, produces: ['entity'] }]),
      /two producers of kind entity/,
    );
  });

  it('re-runs what depends on a re-run enricher, and reads the stored output of the others', () => {
    const plan = new EnrichmentPipeline([entities, screening, quotes, narratives]);
    assert.deepEqual(plan.rerunSet(['entities']), ['entities', 'screening', 'quotes', 'narratives']);
    assert.deepEqual(plan.rerunSet(['screening']), ['screening', 'narratives']);
    assert.deepEqual(plan.storedKinds(plan.rerunSet(['screening'])), ['entity', 'quote']);
    assert.throws(() => plan.rerunSet(['nobody']), EnrichmentPlanError);
  });

  it('hands each enricher the output of what it reads, fresh or stored', async () => {
    const runner = EnrichmentRunner.inProcess([screening, entities]);
    const [fresh] = await runner.compute([doc('d1', 'Kim met Lee.')]);
    assert.deepEqual(
      fresh!.screening!.map((a) => [a.start, a.end]),
      [
        [0, 3],
        [8, 11],
      ],
    );
    const pipeline = new EnrichmentPipeline([entities, screening]);
    const stored = fresh!.entities!.slice(1);
    const rescreened = await pipeline.enrichDocument({
      document: doc('d1', 'Kim met Lee.'),
      producers: ['screening'],
      stored,
    });
    assert.deepEqual(Object.keys(rescreened), ['screening']);
    assert.deepEqual(
      rescreened.screening!.map((a) => a.attributes.entityId),
      ['lee'],
    );
  });

  it('refuses reads that were not declared and output that does not match its schema', async () => {
    const sneaky: Enricher = {
      producer: 'sneaky',
      version: '1',
      produces: ['quote'],
      annotate: (d, inputs) => inputs.of('entity').map(() => ({}) as Annotation) && [],
    };
    await assert.rejects(
      EnrichmentRunner.inProcess([entities, sneaky]).compute([doc('d', 'Kim')]),
      /reads kind entity without declaring it/,
    );
    const broken: Enricher = {
      ...entities,
      annotate: (d) => [
        { ...(entities.annotate(d, { of: () => [] }) as Annotation[])[0]!, attributes: { name: 1 } },
      ],
    };
    await assert.rejects(
      EnrichmentRunner.inProcess([broken]).compute([doc('d', 'Kim')]),
      /attributes entityId/,
    );
  });
});
