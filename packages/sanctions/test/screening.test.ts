import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  EnrichmentRunner,
  type Annotation,
  type Document,
  type SanctionsEntry,
  type SanctionsRelation,
} from '@echotrace/core';
import {
  createSanctionsMatcher,
  createScreeningEnricher,
  EntityScreener,
  MATCH_THRESHOLD,
  ownerNames,
  screenEntityAnnotations,
  traceOwnership,
  type SanctionsMatcher,
} from '@echotrace/sanctions';
import { listEntry } from './helpers/list.entries.ts';

// An invented list: a person, his holding, the holding's broadcaster, and an unrelated company.
const entry = listEntry;

const entries: SanctionsEntry[] = [
  entry('10', 'ZHURAVIN, Arkady Petrovich', 'person'),
  entry('11', 'PERESVET HOLDING LLC', 'organization', ['OOO PERESVET']),
  entry('12', 'VOLNA BROADCASTING GROUP JSC', 'organization', ['RADIO VOLNA']),
  entry('13', 'KALINA TRADING CO', 'organization'),
];

const relations: SanctionsRelation[] = [
  { list: 'fixture', fromId: '12', kind: 'linked-to', toName: 'PERESVET HOLDING LLC', toId: '11' },
  { list: 'fixture', fromId: '11', kind: 'linked-to', toName: 'ZHURAVIN, Arkady Petrovich', toId: '10' },
  // Relations can be circular (two companies linked to each other); tracing must stop.
  { list: 'fixture', fromId: '10', kind: 'associate', toName: 'VOLNA BROADCASTING GROUP JSC', toId: '12' },
];

function entityAnnotation(
  start: number,
  end: number,
  label: string,
  entityId: string,
  name: string,
  surface = name,
): Annotation {
  return {
    id: `e${start}`,
    documentId: 'doc1',
    kind: 'entity',
    label,
    start,
    end,
    confidence: 0.9,
    producer: 'entities',
    producerVersion: '1',
    attributes: { entityId, name, reason: 'alias', surface },
  };
}

class CountingMatcher {
  calls = 0;
  readonly inner: SanctionsMatcher;
  constructor(inner: SanctionsMatcher) {
    this.inner = inner;
  }
  matchName(...args: Parameters<SanctionsMatcher['matchName']>): ReturnType<SanctionsMatcher['matchName']> {
    this.calls++;
    return this.inner.matchName(...args);
  }
  entry(...args: Parameters<SanctionsMatcher['entry']>): ReturnType<SanctionsMatcher['entry']> {
    return this.inner.entry(...args);
  }
}

describe('screenEntityAnnotations', () => {
  it('annotates listed people and organizations on the entity spans, with the explanation', () => {
    const screener = new EntityScreener(createSanctionsMatcher(entries));
    const annotations = [
      entityAnnotation(0, 15, 'PERSON', 'arkady-zhuravin', 'Аркадий Журавин', 'Аркадия Журавина'),
      entityAnnotation(30, 38, 'ORGANIZATION', 'peresvet', 'Peresvet Holding'),
      entityAnnotation(50, 60, 'PERSON', 'ivan-sokolov', 'Ivan Sokolov'),
      entityAnnotation(70, 75, 'LOCATION', 'kalina', 'Kalina Trading'),
    ];
    const out = screenEntityAnnotations('doc1', annotations, screener);
    assert.deepEqual(
      out.map((a) => [a.kind, a.label, a.start, a.end, a.attributes.listEntryId]),
      [
        ['sanction', 'SANCTIONED_PERSON', 0, 15, '10'],
        ['sanction', 'SANCTIONED_ORGANIZATION', 30, 38, '11'],
      ],
    );
    const person = out[0]!;
    assert.equal(person.attributes.entityId, 'arkady-zhuravin');
    assert.equal(person.attributes.list, 'fixture');
    assert.equal(person.attributes.listedName, 'ZHURAVIN, Arkady Petrovich');
    assert.deepEqual(person.attributes.programs, ['FIXTURE-1']);
    assert.equal(person.confidence, person.attributes.score);
    assert.ok(person.confidence >= MATCH_THRESHOLD);
    assert.match(String(person.attributes.explanation), /ZHURAVIN/);
    assert.equal(person.producer, 'sanctions-screening');
  });

  it('keeps matches below the threshold out (a different given name with the same surname)', () => {
    const screener = new EntityScreener(createSanctionsMatcher(entries));
    const out = screenEntityAnnotations(
      'doc1',
      // The surname alone as written would match; the resolved full name settles it.
      [entityAnnotation(0, 14, 'PERSON', 'boris-zhuravin', 'Boris Zhuravin', 'Журавина')],
      screener,
    );
    assert.deepEqual(out, []);
  });

  it('tries the mention as written when the name has no candidate at all', () => {
    const screener = new EntityScreener(createSanctionsMatcher(entries));
    const out = screenEntityAnnotations(
      'doc1',
      [entityAnnotation(0, 11, 'MEDIA', 'volna', 'Northwind', 'Радио Волна')],
      screener,
    );
    assert.deepEqual(
      out.map((a) => [a.label, a.attributes.listEntryId]),
      [['SANCTIONED_ORGANIZATION', '12']],
    );
  });

  it('screens an entity once per run, however often it is mentioned', () => {
    const matcher = new CountingMatcher(createSanctionsMatcher(entries));
    const screener = new EntityScreener(matcher as unknown as SanctionsMatcher);
    const mentions = [
      entityAnnotation(0, 7, 'PERSON', 'arkady-zhuravin', 'Arkady Zhuravin'),
      entityAnnotation(20, 27, 'PERSON', 'arkady-zhuravin', 'Arkady Zhuravin'),
      entityAnnotation(40, 47, 'PERSON', 'nobody', 'Ivan Sokolov'),
    ];
    assert.equal(screenEntityAnnotations('doc1', mentions, screener).length, 2);
    assert.equal(screenEntityAnnotations('doc2', mentions, screener).length, 2);
    // One call per entity (the non-matching one also tries its surface, which equals its name).
    assert.equal(matcher.calls, 2);
    assert.equal(screener.screened, 2);
  });

  it('works as an enricher fed with the entity annotations of the document', async () => {
    const document = { id: 'doc1', text: 'Arkady Zhuravin spoke.' } as Document;
    const enricher = createScreeningEnricher({
      screener: new EntityScreener(createSanctionsMatcher(entries)),
    });
    assert.deepEqual(enricher.reads, ['entity']);
    const out = await EnrichmentRunner.inProcess([
      {
        producer: 'entities',
        version: '1',
        produces: ['entity'],
        annotate: () => [entityAnnotation(0, 15, 'PERSON', 'arkady-zhuravin', 'Arkady Zhuravin')],
      },
      enricher,
    ])
      .compute([document])
      .then(([output]) => output!['sanctions-screening']!);
    assert.equal(enricher.producer, 'sanctions-screening');
    assert.equal(out.length, 1);
    assert.equal(out[0]!.documentId, 'doc1');
  });
});

describe('traceOwnership', () => {
  const matcher = createSanctionsMatcher(entries);

  it('splits an owner text into names and drops status words', () => {
    assert.deepEqual(ownerNames('Peresvet Holding (Arkady Zhuravin)'), [
      'Peresvet Holding',
      'Arkady Zhuravin',
    ]);
    assert.deepEqual(ownerNames('Federal Press House (state-owned)'), ['Federal Press House']);
    assert.deepEqual(ownerNames('unknown (anonymous administrators)'), []);
  });

  it('follows the list relations from the outlet to the owner, with explanations', async () => {
    const trace = await traceOwnership(
      ['Радио Волна', 'Peresvet Holding (Arkady Zhuravin)'],
      matcher,
      relations,
    );
    assert.equal(trace.flagged, true);
    // One chain: the holding and the person are reached from the broadcaster, so they start no chain.
    assert.equal(trace.chains.length, 1);
    const chain = trace.chains[0]!;
    assert.equal(chain.subject, 'Радио Волна');
    assert.deepEqual(
      chain.links.map((link) => [link.entryId, link.via]),
      [
        ['12', 'name'],
        ['11', 'linked-to'],
        ['10', 'linked-to'],
      ],
    );
    assert.equal(
      chain.summary,
      'Радио Волна → VOLNA BROADCASTING GROUP JSC → linked to PERESVET HOLDING LLC → linked to ZHURAVIN, Arkady Petrovich',
    );
    assert.match(chain.links[0]!.explanation, /RADIO VOLNA/);
    assert.match(chain.links[1]!.explanation, /is linked to PERESVET HOLDING LLC/);
  });

  it('flags an owner that is the listed person, and not an unlisted one', async () => {
    const owner = await traceOwnership('Peresvet Holding (Arkady Zhuravin)', matcher, relations);
    assert.equal(
      owner.chains[0]!.summary.split(' → ').slice(0, 2).join(' → '),
      'Peresvet Holding → PERESVET HOLDING LLC',
    );
    const clean = await traceOwnership('Northwind Media (Ivan Sokolov)', matcher, relations);
    assert.equal(clean.flagged, false);
    assert.deepEqual(clean.chains, []);
  });

  it('shows a relation the list does not resolve as an unlisted last link', async () => {
    const unresolved: SanctionsRelation[] = [
      { list: 'fixture', fromId: '13', kind: 'ownership', toName: 'Some Offshore Ltd', detail: '51%' },
    ];
    const trace = await traceOwnership('Kalina Trading', matcher, unresolved);
    const last = trace.chains[0]!.links.at(-1)!;
    assert.equal(last.listed, false);
    assert.equal(last.name, 'Some Offshore Ltd');
    assert.match(last.explanation, /ownership \(51%\).*not resolved/);
  });
});
