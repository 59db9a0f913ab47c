import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { InputError, type Entity } from '@echotrace/core';
import {
  buildKnowledgeBase,
  displayName,
  formatKnowledgeBaseFile,
  parseKnowledgeBaseFile,
  resolveMentions,
  SEED_KB_PATH,
} from '@echotrace/entities';

const YAML = `
entities:
  - type: person
    wikidata: Q7747
    names: { en: Vladimir Putin, ru: Владимир Путин }
    aliases: [Putin]
  - type: MEDIA
    names: { en: Tsargrad, ru: Царьград }
    description: outlet
  - id: custom-id
    type: ORGANIZATION
    names: { en: Some Body }
    externalIds: { opensanctions: NK-abc }
`;

describe('parseKnowledgeBaseFile', () => {
  it('reads YAML entries: QID as id, else a deterministic id from type and name', () => {
    const entities = parseKnowledgeBaseFile(YAML, 'kb.yaml');
    assert.deepEqual(
      entities.map((e) => e.id),
      ['Q7747', 'media:cargrad', 'custom-id'],
    );
    assert.equal(entities[0]!.type, 'PERSON');
    assert.deepEqual(entities[0]!.externalIds, { wikidata: 'Q7747' });
    assert.deepEqual(entities[2]!.externalIds, { opensanctions: 'NK-abc' });
    assert.equal(entities[1]!.description, 'outlet');
    assert.ok(entities.every((e) => e.origin === 'kb'));
  });

  it('reads the same entries from JSON, as a bare list', () => {
    const json = JSON.stringify([
      { type: 'LOCATION', wikidata: 'Q423', names: { en: 'North Korea' }, metonyms: ['Pyongyang'] },
    ]);
    const [e] = parseKnowledgeBaseFile(json, 'kb.json');
    assert.equal(e!.id, 'Q423');
    assert.deepEqual(e!.metonyms, ['Pyongyang']);
  });

  const bad: Array<[string, RegExp]> = [
    ['entities: [ { type: PLANET, names: { en: Mars } } ]', /entity #1: type must be/],
    ['- { type: PERSON }', /entity #1: needs at least one name/],
    ['- { type: PERSON, names: { en: A }, wikidata: 423 }', /wikidata must be a QID/],
    ['- { type: PERSON, names: { english: A } }', /not a language code/],
    ['- { type: PERSON, names: { en: A }, aliases: B }', /aliases: expected a list/],
    ['- { type: PERSON, names: { en: A }, id: "has space" }', /id must be/],
    [
      '- { type: PERSON, names: { en: A } }\n- { type: PERSON, names: { en: A } }',
      /entity #2: duplicate id person:a/,
    ],
    ['just: text', /expected a list of entities/],
    ['- [unclosed', /not valid YAML/],
  ];
  for (const [text, problem] of bad) {
    it(`rejects ${JSON.stringify(text.slice(0, 40))} with an error naming the file and entry`, () => {
      assert.throws(
        () => parseKnowledgeBaseFile(text, 'my.yaml'),
        (error: unknown) =>
          error instanceof InputError && error.message.startsWith('my.yaml') && problem.test(error.message),
      );
    });
  }

  it('round-trips through formatKnowledgeBaseFile', () => {
    const entities = parseKnowledgeBaseFile(YAML, 'kb.yaml');
    assert.deepEqual(parseKnowledgeBaseFile(formatKnowledgeBaseFile(entities), 'out.yaml'), entities);
  });
});

describe('the seed knowledge base', () => {
  const seed = parseKnowledgeBaseFile(readFileSync(SEED_KB_PATH, 'utf8'), SEED_KB_PATH);

  it('has a few dozen entries of every type, with unique ids and QIDs', () => {
    assert.ok(seed.length >= 40, `${seed.length} entries`);
    for (const type of ['PERSON', 'ORGANIZATION', 'LOCATION', 'MEDIA']) {
      assert.ok(
        seed.some((e) => e.type === type),
        type,
      );
    }
    const qids = seed.flatMap((e) => (e.externalIds.wikidata ? [e.externalIds.wikidata] : []));
    assert.equal(new Set(qids).size, qids.length);
  });

  it('names the DPRK, Russia, China, Iran, the US, their leaders, state media and the UNSC in ru and en', () => {
    const kb = buildKnowledgeBase(seed);
    for (const id of [
      'Q423',
      'Q159',
      'Q148',
      'Q794',
      'Q30',
      'Q7747',
      'Q56226',
      'Q37470',
      'ria-novosti',
      'tass',
      'rt',
      'tsargrad',
      'sputnik',
      'channel-one',
    ]) {
      const entity = kb.get(id);
      assert.ok(entity, id);
      assert.ok(entity.names.en && entity.names.ru, `${id} has en and ru names`);
    }
    assert.equal(kb.get('channel-one')!.type, 'MEDIA');
  });

  it('resolves the names of the domain against the seed', () => {
    const kb = buildKnowledgeBase(seed);
    const text = 'КНДР Пхеньян заявил РИА Новости ТАСС Царьград Шойгу Малофеева Совбез ООН';
    const words: Array<[string, Entity['type']]> = [
      ['КНДР', 'LOCATION'],
      ['Пхеньян', 'LOCATION'],
      ['РИА Новости', 'MEDIA'],
      ['ТАСС', 'MEDIA'],
      ['Царьград', 'MEDIA'],
      ['Шойгу', 'PERSON'],
      ['Малофеева', 'PERSON'],
      ['Совбез ООН', 'ORGANIZATION'],
    ];
    const mentions = words.map(([w, type]) => ({
      text: w,
      type,
      start: text.indexOf(w),
      end: text.indexOf(w) + w.length,
      confidence: 1,
    }));
    assert.deepEqual(
      resolveMentions(mentions, kb, { text }).map((m) => m.entityId),
      ['Q423', 'Q423', 'ria-novosti', 'tass', 'tsargrad', 'sergei-shoigu', 'konstantin-malofeev', 'Q37470'],
    );
  });
});

describe('keys keep digits', () => {
  it('does not confuse Россия-1 (a channel) with Россия (the state) across scripts', () => {
    const kb = buildKnowledgeBase(parseKnowledgeBaseFile(readFileSync(SEED_KB_PATH, 'utf8'), 'seed'));
    const text = 'Rossiya 1 | Rossiya';
    const mentions = [
      { text: 'Rossiya 1', type: 'MEDIA' as const, start: 0, end: 9, confidence: 1 },
      { text: 'Rossiya', type: 'LOCATION' as const, start: 12, end: 19, confidence: 1 },
    ];
    assert.deepEqual(
      resolveMentions(mentions, kb, { text }).map((m) => [m.entityId, m.reason]),
      [
        ['rossiya-1', 'exact-alias'],
        ['Q159', 'transliteration'],
      ],
    );
  });
});

describe('buildKnowledgeBase: analyst decisions', () => {
  const entries = (): Entity[] => parseKnowledgeBaseFile(YAML, 'kb.yaml');
  const candidate: Entity = {
    id: 'person:konstantin-malofev',
    type: 'PERSON',
    names: { ru: 'Константин Малофеев' },
    aliases: ['Malofeyev'],
    metonyms: [],
    description: null,
    externalIds: {},
    origin: 'accepted',
  };

  it('accept adds a discovered candidate under its id', () => {
    const kb = buildKnowledgeBase(entries(), [{ kind: 'accept', entity: candidate }]);
    assert.equal(kb.get('person:konstantin-malofev')?.origin, 'accepted');
  });

  it('merge moves names into the target, removes the source and redirects its id', () => {
    const kb = buildKnowledgeBase(entries(), [
      { kind: 'accept', entity: candidate },
      { kind: 'merge', from: 'person:konstantin-malofev', into: 'custom-id' },
    ]);
    assert.equal(kb.entities.has('person:konstantin-malofev'), false);
    assert.equal(kb.canonicalId('person:konstantin-malofev'), 'custom-id');
    assert.equal(kb.get('person:konstantin-malofev')?.id, 'custom-id');
    const target = kb.get('custom-id')!;
    assert.ok(target.aliases.includes('Malofeyev'));
    assert.equal(target.names.ru, 'Константин Малофеев', 'a language the target lacked is filled');
    assert.deepEqual(kb.idsOf('custom-id').sort(), ['custom-id', 'person:konstantin-malofev']);
  });

  it('follows merge chains', () => {
    const kb = buildKnowledgeBase(entries(), [
      { kind: 'merge', from: 'media:cargrad', into: 'custom-id' },
      { kind: 'merge', from: 'custom-id', into: 'Q7747' },
    ]);
    assert.equal(kb.canonicalId('media:cargrad'), 'Q7747');
    assert.deepEqual(kb.idsOf('Q7747').sort(), ['Q7747', 'custom-id', 'media:cargrad']);
    assert.equal(kb.redirects.get('media:cargrad'), 'Q7747');
  });

  it('split removes an alias, creates the target and blocks the alias on the old entity', () => {
    const kb = buildKnowledgeBase(entries(), [
      { kind: 'split', entityId: 'Q7747', alias: 'Putin', target: 'person:other-putin' },
    ]);
    assert.deepEqual(kb.get('Q7747')!.aliases, []);
    const target = kb.get('person:other-putin')!;
    assert.deepEqual([target.type, target.aliases], ['PERSON', ['Putin']]);
    assert.ok(kb.blocked.get('Q7747')!.has('putin'));
  });

  it('decisions survive re-importing the KB file: they are replayed over the new entries', () => {
    const decisions = [
      { kind: 'merge', from: 'media:cargrad', into: 'custom-id' },
      { kind: 'split', entityId: 'Q7747', alias: 'Putin', target: 'person:other-putin' },
    ] as const;
    const reimported = buildKnowledgeBase(entries(), [...decisions]);
    assert.equal(reimported.entities.has('media:cargrad'), false);
    assert.deepEqual(reimported.get('Q7747')!.aliases, []);
  });

  it('reports decisions it cannot apply instead of failing', () => {
    const kb = buildKnowledgeBase(entries(), [
      { kind: 'merge', from: 'Q7747', into: 'gone' },
      { kind: 'split', entityId: 'gone', alias: 'x', target: 'y' },
    ]);
    assert.equal(kb.warnings.length, 2);
    assert.ok(kb.get('Q7747'));
  });

  it('displays an entity in the document language, else English', () => {
    const kb = buildKnowledgeBase(entries());
    assert.equal(displayName(kb.get('Q7747')!, 'ru'), 'Владимир Путин');
    assert.equal(displayName(kb.get('Q7747')!, 'fa'), 'Vladimir Putin');
  });
});
