import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildKnowledgeBase,
  candidateId,
  parseKnowledgeBaseFile,
  resolveMentions,
  type Mention,
} from '@echotrace/entities';
import { FIXTURE_YAML, fixtureKb, marked } from './fixture.kb.ts';

function resolve(markedText: string, language = 'en') {
  const { text, mentions } = marked(markedText);
  return resolveMentions(mentions, fixtureKb(), { text, language });
}

describe('resolveMentions: one person across scripts, spellings, inflection and typos', () => {
  it('links Малофеев, Малофеева, Malofeev, Malofeyev and Molofeyev to one entity, each with its reason', () => {
    const out = resolve(
      '[[Малофеев|PERSON]] said. Interview with [[Малофеева|PERSON]]. [[Malofeev|PERSON]] and [[Malofeyev|PERSON]]; misspelt [[Molofeyev|PERSON]].',
    );
    assert.deepEqual(
      out.map((m) => [m.text, m.entityId, m.reason]),
      [
        ['Малофеев', 'konstantin-malofeev', 'transliteration'],
        ['Малофеева', 'konstantin-malofeev', 'inflection'],
        ['Malofeev', 'konstantin-malofeev', 'exact-alias'],
        ['Malofeyev', 'konstantin-malofeev', 'transliteration'],
        ['Molofeyev', 'konstantin-malofeev', 'fuzzy'],
      ],
    );
    for (const m of out) assert.equal(m.candidate, false);
    const byReason = Object.fromEntries(out.map((m) => [m.reason, m.linkConfidence]));
    assert.ok(byReason['exact-alias']! > byReason.transliteration!, 'exact beats transliteration');
    assert.ok(byReason.transliteration! > byReason.fuzzy!, 'fuzzy is the least sure');
    assert.match(out[4]!.explanation, /1 edit/);
  });

  it('links an inflected full name in Russian (Константина Малофеева)', () => {
    const [m] = resolve('Слова [[Константина Малофеева|PERSON]].', 'ru');
    assert.equal(m!.entityId, 'konstantin-malofeev');
    assert.equal(m!.reason, 'inflection');
    assert.equal(m!.name, 'Константин Малофеев', 'named in the document language');
  });

  it('links Ким Чен Ын, Kim Jong Un, Kim Jong-un and a later bare "Kim" to one entity', () => {
    const out = resolve(
      '[[Ким Чен Ын|PERSON]] / [[Kim Jong Un|PERSON]] visited. [[Kim Jong-un|PERSON]] met Putin. Later [[Kim|PERSON]] left.',
    );
    assert.deepEqual(
      out.map((m) => m.entityId),
      ['Q56226', 'Q56226', 'Q56226', 'Q56226'],
    );
    assert.deepEqual(
      out.map((m) => m.reason),
      ['exact-alias', 'exact-alias', 'exact-alias', 'in-document-coreference'],
    );
  });

  it('ties a bare name to the most recent full name that contains it, not to another Kim', () => {
    const out = resolve(
      '[[Kim Yo Jong|PERSON]] spoke after [[Kim Jong Un|PERSON]]. Then [[Kim|PERSON]] added.',
    );
    assert.equal(out[2]!.entityId, 'Q56226');
    const other = resolve(
      '[[Kim Jong Un|PERSON]] spoke before [[Kim Yo Jong|PERSON]]. Then [[Kim|PERSON]] added.',
    );
    assert.equal(other[2]!.entityId, 'kim-yo-jong');
  });

  it('does not link a bare name with no earlier full name to anyone in the KB', () => {
    const [m] = resolve('[[Kim|PERSON]] arrived.');
    assert.equal(m!.candidate, true);
    assert.equal(m!.reason, 'new-candidate');
  });

  it('ties an inflected bare surname back to a full name, reporting the KB reason when both agree', () => {
    const out = resolve(
      '[[Сергей Шойгу|PERSON]] и [[Shoigu|PERSON]]. [[Владимир Путин|PERSON]]… слова [[Путина|PERSON]].',
      'ru',
    );
    assert.deepEqual(
      out.map((m) => [m.entityId, m.reason]),
      [
        ['sergei-shoigu', 'exact-alias'],
        ['sergei-shoigu', 'transliteration'],
        ['Q7747', 'exact-alias'],
        ['Q7747', 'inflection'],
      ],
    );
  });

  it('ties a bare inflected given name to the full name when the KB has no alias for it', () => {
    const out = resolve('[[Сергей Шойгу|PERSON]] прибыл. Визит [[Сергея|PERSON]] завершён.', 'ru');
    assert.deepEqual(
      out.map((m) => [m.entityId, m.reason]),
      [
        ['sergei-shoigu', 'exact-alias'],
        ['sergei-shoigu', 'in-document-coreference'],
      ],
    );
  });

  it('links Шойгу and Shoigu without any full name in the document', () => {
    const out = resolve('[[Шойгу|PERSON]] … [[Shoigu|PERSON]]');
    assert.deepEqual(
      out.map((m) => [m.entityId, m.reason]),
      [
        ['sergei-shoigu', 'exact-alias'],
        ['sergei-shoigu', 'transliteration'],
      ],
    );
  });

  it('links a name the recognizer mistyped to the KB entity of its real type, less surely, but never by typo', () => {
    const out = resolve('[[Tsargrad|PERSON]] wrote. [[Tsargrat|PERSON]] wrote.');
    assert.deepEqual([out[0]!.entityId, out[0]!.type, out[0]!.reason], ['tsargrad', 'MEDIA', 'exact-alias']);
    assert.ok(out[0]!.linkConfidence < 0.8);
    assert.match(out[0]!.explanation, /recognized as PERSON/);
    assert.equal(out[1]!.candidate, true, 'a fuzzy match across types is too weak');
  });

  it('lets a bare name refer back to a full name the recognizer mistyped', () => {
    const out = resolve('[[Kim Jong Un|LOCATION]] came. [[Kim|PERSON]] left.');
    assert.deepEqual(
      out.map((m) => [m.type, m.entityId, m.reason]),
      [
        ['PERSON', 'Q56226', 'exact-alias'],
        ['PERSON', 'Q56226', 'in-document-coreference'],
      ],
    );
  });

  it('prefers a same-type match over a mistyped one', () => {
    const kb = buildKnowledgeBase(
      parseKnowledgeBaseFile(
        `- { type: PERSON, id: p, names: { en: Georgia Smith }, aliases: [Georgia] }\n- { type: LOCATION, id: l, names: { en: Georgia } }`,
        'g.yaml',
      ),
    );
    const { text, mentions } = marked('[[Georgia|PERSON]] and [[Georgia|LOCATION]]');
    assert.deepEqual(
      resolveMentions(mentions, kb, { text }).map((m) => m.entityId),
      ['p', 'l'],
    );
  });
});

describe('resolveMentions: states, their capitals as governments, and outlets', () => {
  it('links КНДР, DPRK, North Korea and Pyongyang-as-government to the DPRK, and Pyongyang-the-city to the city', () => {
    const out = resolve(
      'The [[DPRK|LOCATION]] (in Russian [[КНДР|LOCATION]]), i.e. [[North Korea|LOCATION]]: a [[Moscow|LOCATION]]-Beijing-[[Pyongyang|LOCATION]] alliance. [[Pyongyang|LOCATION]] said no. Ties with [[Pyongyang|LOCATION]]. A parade in [[Pyongyang|LOCATION]].',
    );
    assert.deepEqual(
      out.map((m) => m.entityId),
      ['Q423', 'Q423', 'Q423', 'Q159', 'Q423', 'Q423', 'Q423', 'Q18808'],
    );
    const government = out[4]!;
    assert.equal(government.reason, 'exact-alias');
    assert.match(government.explanation, /government.*hyphenated/);
    assert.ok(government.linkConfidence < out[0]!.linkConfidence, 'metonymy is less certain than a name');
  });

  it('reads government sense from Russian context and inflected capitals', () => {
    const out = resolve(
      '[[Пхеньян|LOCATION]] заявил о протесте. Отношения с [[Пхеньяном|LOCATION]]. Парад в [[Пхеньяне|LOCATION]].',
      'ru',
    );
    assert.deepEqual(
      out.map((m) => [m.entityId, m.reason]),
      [
        ['Q423', 'exact-alias'],
        ['Q423', 'inflection'],
        ['Q18808', 'inflection'],
      ],
    );
  });

  it('reads a capital mistyped as a person by its context (Пхеньян готов к сотрудничеству)', () => {
    const [m] = resolve('По словам эксперта, [[Пхеньян|PERSON]] готов к сотрудничеству.', 'ru');
    assert.deepEqual([m!.entityId, m!.type], ['Q423', 'LOCATION']);
  });

  it('takes an organization-typed capital as its government', () => {
    const [m] = resolve('[[Pyongyang|ORGANIZATION]]');
    assert.equal(m!.entityId, 'Q423');
  });

  it('links media names across scripts, quotes and case (Царьград, «Царьграду», Tsargrad, Первого канала)', () => {
    const out = resolve(
      '[[«Царьград»|MEDIA]], [[Царьграду|MEDIA]], [[Tsargrad’s|MEDIA]], [[Первого канала|MEDIA]]',
      'ru',
    );
    assert.deepEqual(
      out.map((m) => [m.entityId, m.reason]),
      [
        ['tsargrad', 'exact-alias'],
        ['tsargrad', 'inflection'],
        ['tsargrad', 'exact-alias'],
        ['channel-one', 'inflection'],
      ],
    );
  });

  it('accepts an outlet recognized as an organization', () => {
    const [m] = resolve('[[Tsargrad|ORGANIZATION]]');
    assert.equal(m!.entityId, 'tsargrad');
    assert.ok(m!.linkConfidence < 0.98);
  });
});

describe('resolveMentions: new candidates', () => {
  it('gives an unknown name a deterministic, script-neutral id and reuses it within the document', () => {
    const out = resolve(
      '[[Viktor Baranets|PERSON]] says. [[Baranets|PERSON]] adds. In Russian: [[Виктор Баранец|PERSON]], [[Виктора Баранца|PERSON]].',
    );
    const id = candidateId('PERSON', 'Viktor Baranets');
    assert.equal(id, 'person:viktor-baranec');
    assert.deepEqual(
      out.map((m) => m.entityId),
      [id, id, id, id],
    );
    assert.deepEqual(
      out.map((m) => m.reason),
      ['new-candidate', 'in-document-coreference', 'in-document-coreference', 'in-document-coreference'],
    );
    assert.ok(out.every((m) => m.candidate));
  });

  it('gives the same candidate id in separate documents and on every run', () => {
    const [a] = resolve('[[Konstantin Asmolov|PERSON]]');
    const [b] = resolve('[[Константин Асмолов|PERSON]]', 'ru');
    const [c] = resolve('[[Константином Асмоловым|PERSON]]', 'ru');
    assert.equal(a!.entityId, 'person:konstantin-asmolov');
    assert.equal(b!.entityId, a!.entityId);
    assert.equal(c!.entityId, a!.entityId);
  });

  it('does not fuzzy-match short names (a typo budget of zero below five letters)', () => {
    const [m] = resolve('[[Putn|PERSON]]');
    assert.equal(m!.candidate, true);
  });

  it('spends no typo budget on short words of a long name (МВД России is not МИД России)', () => {
    const kb = buildKnowledgeBase(
      parseKnowledgeBaseFile(
        '- { type: ORGANIZATION, id: mfa, names: { ru: МИД России } }\n- { type: ORGANIZATION, id: mod, names: { ru: Министерство обороны России } }',
        'ministries.yaml',
      ),
    );
    const { text, mentions } = marked(
      '[[МВД России|ORGANIZATION]] [[Министерство оброны России|ORGANIZATION]]',
    );
    const out = resolveMentions(mentions, kb, { text });
    assert.equal(out[0]!.candidate, true);
    assert.deepEqual([out[1]!.entityId, out[1]!.reason], ['mod', 'fuzzy']);
  });

  it('does not take a different first letter of a short name as a typo (Тютин is not Путин)', () => {
    const [m] = resolve('[[Тютин|PERSON]]', 'ru');
    assert.equal(m!.candidate, true);
  });

  it('does not fuzzy-match when two entities are equally close', () => {
    const kb = buildKnowledgeBase(
      parseKnowledgeBaseFile(
        `- { type: PERSON, id: a, names: { en: Ivan Petrovsky } }\n- { type: PERSON, id: b, names: { en: Ivan Petrovska } }`,
        'two.yaml',
      ),
    );
    const { text, mentions } = marked('[[Ivan Petrovskx|PERSON]]');
    const [m] = resolveMentions(mentions, kb, { text });
    assert.equal(m!.candidate, true);
  });
});

describe('resolveMentions: forms of one new name within a document', () => {
  it('joins case forms of a candidate whichever comes first (Кубы … Куба … Кубой)', () => {
    const out = resolve('[[Кубы|LOCATION]] и [[Куба|LOCATION]], с [[Кубой|LOCATION]].', 'ru');
    assert.deepEqual(
      out.map((m) => [m.entityId, m.name]),
      Array(3).fill([candidateId('LOCATION', 'Куба'), 'Куба']),
      'named (and identified) after the form all three come from',
    );
    assert.deepEqual(
      out.map((m) => m.reason),
      ['new-candidate', 'in-document-coreference', 'in-document-coreference'],
    );
  });

  it('ties initials and a surname to the full name (Алексей Кудрин … А. Кудрин), but not other initials', () => {
    const out = resolve(
      '[[Алексей Кудрин|PERSON]] сказал. [[А. Кудрин|PERSON]] добавил. [[Б. Кудрин|PERSON]] нет.',
      'ru',
    );
    assert.equal(out[1]!.entityId, out[0]!.entityId);
    assert.equal(out[1]!.reason, 'in-document-coreference');
    assert.notEqual(out[2]!.entityId, out[0]!.entityId);
  });

  it('keeps й a letter when folding, so -ей/-ой endings decline (Россией, Сергеем Шойгу)', () => {
    const out = resolve('[[Россией|LOCATION]] и [[Сергеем Шойгу|PERSON]]', 'ru');
    assert.deepEqual(
      out.map((m) => [m.entityId, m.reason]),
      [
        ['Q159', 'inflection'],
        ['sergei-shoigu', 'inflection'],
      ],
    );
  });
});

describe('resolveMentions: organizations named by their head word', () => {
  it('ties "Treasury" to an earlier "US Treasury", and "Council" to a candidate council', () => {
    const kb = buildKnowledgeBase(
      parseKnowledgeBaseFile('- { type: ORGANIZATION, id: ust, names: { en: US Treasury } }', 'ust.yaml'),
    );
    const { text, mentions } = marked(
      '[[US Treasury|ORGANIZATION]] said. [[Treasury|ORGANIZATION]] added. [[Atlantic Council|ORGANIZATION]]: the [[Council|ORGANIZATION]].',
    );
    const out = resolveMentions(mentions, kb, { text });
    assert.deepEqual(
      out.map((m) => [m.entityId, m.reason]),
      [
        ['ust', 'exact-alias'],
        ['ust', 'in-document-coreference'],
        [candidateId('ORGANIZATION', 'Atlantic Council'), 'new-candidate'],
        [candidateId('ORGANIZATION', 'Atlantic Council'), 'in-document-coreference'],
      ],
    );
  });

  it('takes the first word as the head of a Russian name (Министерства обороны … министерство), not a genitive', () => {
    const { text, mentions } = marked(
      '[[Министерства обороны Украины|ORGANIZATION]] … [[министерство|ORGANIZATION]] … [[Украины|ORGANIZATION]]',
    );
    const out = resolveMentions(mentions, fixtureKb(), { text });
    assert.equal(out[1]!.entityId, out[0]!.entityId);
    assert.notEqual(out[2]!.entityId, out[0]!.entityId);
  });

  it('does not tie a head word to an organization when the KB knows the word itself', () => {
    const { text, mentions } = marked('[[Tsargrad Channel One|MEDIA]] … [[Tsargrad|MEDIA]]');
    const out = resolveMentions(mentions, fixtureKb(), { text });
    assert.equal(out[1]!.entityId, 'tsargrad');
  });
});

describe('resolveMentions with analyst decisions', () => {
  const entries = parseKnowledgeBaseFile(FIXTURE_YAML, 'fixture.yaml');

  it('follows a merge of a discovered candidate into a KB entity', () => {
    const kb = buildKnowledgeBase(entries, [{ kind: 'merge', from: 'person:viktor-baranec', into: 'Q7747' }]);
    const { text, mentions } = marked('[[Viktor Baranets|PERSON]]');
    const [m] = resolveMentions(mentions, kb, { text });
    assert.equal(m!.entityId, 'Q7747');
    assert.equal(m!.candidate, false);
  });

  it('never links a split-off alias back to its old entity, even by transliteration or typo', () => {
    const kb = buildKnowledgeBase(entries, [
      { kind: 'split', entityId: 'konstantin-malofeev', alias: 'Malofeev', target: 'person:other-malofeev' },
    ]);
    const { text, mentions } = marked(
      '[[Malofeev|PERSON]] [[Малофеев|PERSON]] [[Konstantin Malofeev|PERSON]]',
    );
    const out = resolveMentions(mentions, kb, { text });
    assert.equal(out[0]!.entityId, 'person:other-malofeev');
    assert.equal(out[1]!.entityId, 'person:other-malofeev', 'same key as the split-off alias');
    assert.equal(out[2]!.entityId, 'konstantin-malofeev', 'the full name still links');
  });
});

describe('resolveMentions: patronymics and lemmas', () => {
  const kb = fixtureKb();
  const at = (text: string, name: string, type: Mention['type'] = 'PERSON'): Mention => {
    const start = text.indexOf(name);
    return { text: name, type, start, end: start + name.length, confidence: 0.9 };
  };

  it('links a full name with a patronymic to the entity named without it', () => {
    const text = 'Министр обороны Сергей Кужугетович Шойгу прибыл. Сергей Кужугетович Шойгу уехал.';
    const [full] = resolveMentions([at(text, 'Сергей Кужугетович Шойгу')], kb, { text });
    const [plain] = resolveMentions([at('Сергей Шойгу приехал.', 'Сергей Шойгу')], kb, {});
    assert.equal(full!.candidate, false);
    assert.equal(full!.entityId, plain!.entityId);
    const [genitive] = resolveMentions(
      [at('Визит Сергея Кужугетовича Шойгу.', 'Сергея Кужугетовича Шойгу')],
      kb,
      {},
    );
    assert.equal(genitive!.entityId, plain!.entityId);
  });

  it('names a new candidate by its nominative, so documents in different cases share its id', () => {
    const id = (text: string, name: string, type: Mention['type']): string =>
      resolveMentions([at(text, name, type)], kb, { text })[0]!.entityId;
    assert.equal(
      id('Визит в Германию.', 'Германию', 'LOCATION'),
      id('Германия ответила.', 'Германия', 'LOCATION'),
    );
    assert.equal(
      id('Дело Хантера Байдена.', 'Хантера Байдена', 'PERSON'),
      id('Хантер Байден сказал.', 'Хантер Байден', 'PERSON'),
    );
    const [region] = resolveMentions([at('В Курской области тихо.', 'Курской области', 'LOCATION')], kb, {});
    assert.equal(region!.name, 'Курская область');
    const [woman] = resolveMentions([at('Встреча с Марией Колесниковой.', 'Марией Колесниковой')], kb, {});
    assert.equal(woman!.name, 'Мария Колесникова');
  });
});
