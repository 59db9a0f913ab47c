// The classes of screening error seen on real posts, each on an invented list and invented text:
// a typo in a surname, a surname or given name alone, a one-word alias, acronyms and numbers, a
// loosely linked entity, namesakes, and analyst dismissals.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Annotation, SanctionsEntry } from '@echotrace/core';
import {
  createSanctionsMatcher,
  EntityScreener,
  isAcronym,
  screenEntityAnnotations,
} from '@echotrace/sanctions';
import { listEntry } from './helpers/list.entries.ts';

const entry = listEntry;

const list: SanctionsEntry[] = [
  entry('1', 'TOKAREV, Nikolay Petrovich', 'person'),
  entry('2', 'GRANOVSKY, Pavel Ilyich', 'person'),
  entry('3', 'CRANFIELD, Shane Dominic', 'person', ['Asad']),
  entry('4', 'BELOVSKY, Andrey Removich', 'person'),
  entry('5', 'BELOVSKY, Mikhail Nikolaevich', 'person'),
  entry('6', 'AL-KHARIM, Bashar', 'person', ['KHARIM, Bashar']),
  entry('7', 'FEDERAL PATROL SERVICE', 'organization', ['FPS', 'FEDERALNAYA PATRULNAYA SLUZHBA']),
  entry('8', 'STRELA PARTNERS GROUP JSC', 'organization', ['SPG JSC']),
  entry('9', 'M23', 'organization'),
  entry('10', 'VOLGA STREAM 2 AG', 'organization'),
  entry('11', 'KRASNY LUCH MEDIA LLC', 'organization', ['AZIMUTH LLC']),
  entry('12', 'ZORKIN, Oleg', 'person'),
  entry('13', 'ZORKIN, Oleg Petrovich', 'person'),
  entry('14', 'PERESVET', 'organization'),
  entry('15', 'PAO KOMETA', 'organization'),
  entry('16', 'KOMETA-MEDIA OOO', 'organization'),
  {
    ...entry('17', 'VOSKHOD OOO', 'organization'),
    remarks: 'Organization Type: Television programming and broadcasting activities; Tax ID No. 1 (Russia).',
  },
];

function mention(
  start: number,
  surface: string,
  label: string,
  entityId: string,
  name = surface,
  reason = 'new-candidate',
): Annotation {
  return {
    id: `e${start}`,
    documentId: 'doc',
    kind: 'entity',
    label,
    start,
    end: start + surface.length,
    confidence: 0.9,
    producer: 'entities',
    producerVersion: '1',
    attributes: { entityId, name, reason, surface },
  };
}

/** Places the mentions in a text at their offsets, so that the text around them reads as written. */
function documentText(parts: ReadonlyArray<string | Annotation>): { text: string; mentions: Annotation[] } {
  let text = '';
  const mentions: Annotation[] = [];
  for (const part of parts) {
    if (typeof part === 'string') text += part;
    else {
      const surface = String(part.attributes.surface);
      mentions.push({ ...part, start: text.length, end: text.length + surface.length });
      text += surface;
    }
  }
  return { text, mentions };
}

const screen = (
  parts: ReadonlyArray<string | Annotation>,
  screener = new EntityScreener(createSanctionsMatcher(list)),
) => {
  const { text, mentions } = documentText(parts);
  return screenEntityAnnotations('doc', mentions, screener, text).map((a) => ({
    surface: text.slice(a.start, a.end),
    id: a.attributes.listEntryId,
    candidates: (a.attributes.candidates as Array<{ listEntryId: string }> | undefined)?.map(
      (c) => c.listEntryId,
    ),
    explanation: String(a.attributes.explanation),
    support: a.attributes.support,
  }));
};

describe('screening rules', () => {
  it('matches a media outlet only to entries that are media, by name or by activity', () => {
    const asMedia = (name: string) =>
      screen(['Телеканал ', mention(0, name, 'MEDIA', `m-${name}`), ' показал.']).map((h) => h.id);
    // PAO KOMETA is a company called "Comet"; the channel «Комета» is not it.
    assert.deepEqual(asMedia('Комета'), []);
    assert.deepEqual(asMedia('Комета-медиа'), ['16']);
    assert.deepEqual(asMedia('Восход'), ['17']);
    // The same word typed as an organization is the company.
    assert.deepEqual(
      screen(['Завод ', mention(0, 'Комета', 'ORGANIZATION', 'kometa'), ' выпустил.']).map((h) => h.id),
      ['15'],
    );
  });

  it('never screens a call sign, whatever the recognizer typed it', () => {
    for (const cue of ['механик с позывным «', 'боец с позывным ', 'a fighter with the call sign "'])
      assert.deepEqual(
        screen([cue, mention(0, 'Комета', 'ORGANIZATION', 'callsign'), '» рассказал']),
        [],
        cue,
      );
  });

  it('compares surnames strictly after transliteration: a typo is another name', () => {
    assert.deepEqual(screen(['Встреча: ', mention(0, 'Николай Токаев', 'PERSON', 'p1')]), []);
    const hits = screen(['Встреча: ', mention(0, 'Николай Токарев', 'PERSON', 'p1')]);
    assert.deepEqual(
      hits.map((h) => h.id),
      ['1'],
    );
  });

  it('does not flag a surname alone without a fuller name in the document', () => {
    assert.deepEqual(screen(['Заявил ', mention(0, 'Грановский', 'PERSON', 'p2'), '.']), []);
  });

  it('flags a surname alone when the same person is named in full elsewhere in the document', () => {
    const hits = screen([
      'Министр ',
      mention(0, 'Павел Грановский', 'PERSON', 'granovsky'),
      ' прибыл. Позже ',
      mention(0, 'Грановский', 'PERSON', 'granovsky-2'),
      ' уехал.',
    ]);
    assert.deepEqual(
      hits.map((h) => [h.surface, h.id]),
      [
        ['Павел Грановский', '2'],
        ['Грановский', '2'],
      ],
    );
    assert.match(String(hits[1]!.support), /Павел Грановский/);
  });

  it('takes a given name written right before the surname, across markdown', () => {
    const hits = screen(['Президент Башар **', mention(0, 'Харим', 'PERSON', 'kharim'), '** заявил']);
    assert.deepEqual(
      hits.map((h) => h.id),
      ['6'],
    );
    assert.match(hits[0]!.explanation, /given name written before it/);
  });

  it('never flags a given name or a one-word alias of a person alone', () => {
    assert.deepEqual(screen(['Певица ', mention(0, 'Асад', 'PERSON', 'asad'), ' спела.']), []);
    assert.deepEqual(screen(['Глава ', mention(0, 'Андрей', 'PERSON', 'andrey'), ' сказал.']), []);
  });

  it('prefers the namesake the document supports', () => {
    const hits = screen([
      'Министр обороны ',
      mention(0, 'Андрей Беловский', 'PERSON', 'belovsky'),
      ' прибыл. ',
      mention(0, 'Беловский', 'PERSON', 'belovsky-2'),
      ' отметил.',
    ]);
    assert.deepEqual(
      hits.map((h) => h.id),
      ['4', '4'],
    );
  });

  it('reports every listed namesake when the document cannot tell them apart', () => {
    const [hit] = screen(['Губернатор ', mention(0, 'Олег Зоркин', 'PERSON', 'zorkin')]);
    assert.ok(hit);
    assert.deepEqual([...(hit.candidates ?? [])].sort(), ['12', '13']);
    assert.match(hit.explanation, /ambiguous/);
  });

  it('checks the name as written when the entity was linked to a person of another surname', () => {
    // The entity stage linked «Граневскому» to Павел Грановский by a loose spelling.
    const hits = screen([
      'Топ-менеджеру ',
      mention(0, 'Граневскому', 'PERSON', 'granovsky', 'Павел Грановский', 'fuzzy'),
    ]);
    assert.deepEqual(hits, []);
  });

  it('matches acronyms only against listed acronyms, letter for letter, numbers included', () => {
    assert.deepEqual(
      screen(['Сотрудники ', mention(0, 'ФПС', 'ORGANIZATION', 'fps')]).map((h) => h.id),
      ['7'],
    );
    // "SPG JSC" is an abbreviation plus a legal form, not the word СПГ (liquefied gas).
    assert.deepEqual(screen(['Импорт ', mention(0, 'СПГ', 'ORGANIZATION', 'spg')]), []);
    assert.deepEqual(screen(['Гаубицы ', mention(0, 'M1989', 'ORGANIZATION', 'm1989')]), []);
    assert.deepEqual(
      screen(['Группировка ', mention(0, 'M23', 'ORGANIZATION', 'm23')]).map((h) => h.id),
      ['9'],
    );
    assert.deepEqual(screen(['Оператор ', mention(0, 'Volga Stream AG', 'ORGANIZATION', 'vs')]), []);
  });

  it('does not recognise an organization by a one-word front name it shares nothing with', () => {
    assert.deepEqual(screen(['Авиакомпания ', mention(0, 'Азимут', 'ORGANIZATION', 'azimut')]), []);
    assert.deepEqual(
      screen(['Холдинг ', mention(0, 'Пересвет', 'ORGANIZATION', 'peresvet')]).map((h) => h.id),
      ['14'],
    );
  });

  it('does not match a typo of an organization name, nor a word that is not in the name', () => {
    assert.deepEqual(
      screen(['Служба ', mention(0, 'Федеральная пожарная служба', 'ORGANIZATION', 'fire')]),
      [],
    );
    assert.deepEqual(screen(['Клуб ', mention(0, 'Пересвяt', 'ORGANIZATION', 'x')]), []);
  });

  it('keeps the mention type: a person is not matched against organizations', () => {
    assert.deepEqual(screen(['', mention(0, 'Пересвет', 'PERSON', 'peresvet')]), []);
    assert.deepEqual(screen(['', mention(0, 'Пересвет', 'LOCATION', 'peresvet')]), []);
  });

  it('skips a (resolved entity, list entry) pair an analyst dismissed, and only that pair', () => {
    const screener = new EntityScreener(createSanctionsMatcher(list), {
      dismissed: [{ entityId: 'granovsky', list: 'fixture', listEntryId: '2' }],
    });
    const parts = (entityId: string) => ['Министр ', mention(0, 'Павел Грановский', 'PERSON', entityId)];
    assert.deepEqual(screen(parts('granovsky'), screener), []);
    assert.deepEqual(
      screen(parts('another-granovsky'), screener).map((h) => h.id),
      ['2'],
    );
  });

  it('tells abbreviations from words', () => {
    assert.ok(isAcronym('ФСБ'));
    assert.ok(isAcronym('M1989'));
    assert.ok(!isAcronym('Талибан'));
    assert.ok(!isAcronym('A'));
  });
});
