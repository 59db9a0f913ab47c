import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '@echotrace/core';
import { hasNerModel, recognizeEntities } from '@echotrace/entities';
import type { Mention } from '@echotrace/entities';

function assertExactSpans(text: string, mentions: Mention[]): void {
  for (const m of mentions) {
    assert.equal(text.slice(m.start, m.end), m.text, `span of ${JSON.stringify(m.text)}`);
    assert.ok(m.confidence >= 0 && m.confidence <= 1, `confidence ${m.confidence}`);
    assert.ok(m.start < m.end);
  }
}

function find(mentions: Mention[], text: string): Mention | undefined {
  return mentions.find((m) => m.text === text);
}

describe('recognizeEntities (en)', () => {
  const text =
    'Russian military expert Viktor Baranets told Komsomolskaya Pravda that NATO would not send troops to Ukraine.';
  const mentions = recognizeEntities(text, 'en');

  it('returns exact character spans', () => assertExactSpans(text, mentions));

  it('separates the role from the name', () => {
    const person = find(mentions, 'Viktor Baranets');
    assert.ok(person, JSON.stringify(mentions));
    assert.equal(person.type, 'PERSON');
    assert.equal(person.attributes?.title, 'military expert');
  });

  it('types organizations, places and news outlets', () => {
    assert.equal(find(mentions, 'NATO')?.type, 'ORGANIZATION');
    assert.equal(find(mentions, 'Ukraine')?.type, 'LOCATION');
    assert.equal(find(mentions, 'Komsomolskaya Pravda')?.type, 'MEDIA');
  });

  it('moves honorifics the tagger kept in the name out of it', () => {
    const sentence = 'Deputy Prime Minister Alexander Novak met executives of Gazprom in Moscow on Tuesday.';
    const found = recognizeEntities(sentence, 'en');
    assertExactSpans(sentence, found);
    assert.equal(find(found, 'Alexander Novak')?.attributes?.title, 'Deputy Prime Minister');
    assert.equal(find(found, 'Moscow')?.type, 'LOCATION');
    // The clustered English model tags "Comrade Stalin addressed the Central Committee." as one
    // organization (a tagger error, not a title-rule one): the rule is checked where it is a person.
    const comrade = recognizeEntities('Comrade Lenin addressed the workers.', 'en');
    assert.equal(find(comrade, 'Lenin')?.attributes?.title, 'Comrade');
    assert.ok(!comrade.some((m) => m.text.includes('Comrade')));
  });

  it('gives no title where none is written', () => {
    const found = recognizeEntities('Yesterday Angela Merkel arrived in Paris.', 'en');
    const merkel = find(found, 'Angela Merkel');
    assert.ok(merkel, JSON.stringify(found));
    assert.equal(merkel.attributes?.title, undefined);
  });
});

describe('recognizeEntities (ru)', () => {
  it('finds inflected names with exact spans', () => {
    const text = 'Вице-премьер Дмитрий Рогозин встретился с Сергеем Шойгу в Москве.';
    const mentions = recognizeEntities(text, 'ru');
    assertExactSpans(text, mentions);
    assert.equal(find(mentions, 'Сергеем Шойгу')?.type, 'PERSON');
    assert.equal(find(mentions, 'Москве')?.type, 'LOCATION');
    const rogozin = find(mentions, 'Дмитрий Рогозин');
    assert.equal(rogozin?.type, 'PERSON');
    assert.equal(rogozin?.attributes?.title, 'Вице-премьер');
  });

  it('keeps a role phrase with a country as the title, and the country as a place', () => {
    const text =
      'Министр иностранных дел России Сергей Лавров прокомментировал заявление Государственного департамента США.';
    const mentions = recognizeEntities(text, 'ru');
    assertExactSpans(text, mentions);
    assert.equal(find(mentions, 'Сергей Лавров')?.attributes?.title, 'Министр иностранных дел России');
    assert.equal(find(mentions, 'России')?.type, 'LOCATION');
    assert.equal(find(mentions, 'США')?.type, 'LOCATION');
  });

  it('reads roles in any case, and only when a role word begins them', () => {
    const cases: Array<[string, string, string | undefined]> = [
      [
        'Губернатору Подмосковья Андрею Воробьеву направили письмо.',
        'Андрею Воробьеву',
        'Губернатору Подмосковья',
      ],
      [
        'Пресс-секретарь президента России Дмитрий Песков ответил на вопрос.',
        'Дмитрий Песков',
        'Пресс-секретарь президента России',
      ],
      ['Об этом в интервью Сергей Лавров рассказал журналистам.', 'Сергей Лавров', undefined],
      ['Ушел из дома Иван Петров.', 'Иван Петров', undefined],
    ];
    for (const [text, name, title] of cases) {
      const mentions = recognizeEntities(text, 'ru');
      assertExactSpans(text, mentions);
      const person = find(mentions, name);
      assert.equal(person?.type, 'PERSON', `${text}: ${JSON.stringify(mentions)}`);
      assert.equal(person.attributes?.title, title, text);
    }
  });

  it('finds genitive and instrumental forms', () => {
    const text = 'По словам Владимира Путина, Москва готова к переговорам с Вашингтоном и Пекином.';
    const mentions = recognizeEntities(text, 'ru');
    assertExactSpans(text, mentions);
    assert.equal(find(mentions, 'Владимира Путина')?.type, 'PERSON');
    assert.equal(find(mentions, 'Вашингтоном')?.type, 'LOCATION');
  });

  it('marks outlets as MEDIA, also when inflected or introduced by "телеканал"', () => {
    const text =
      'Военный эксперт Виктор Баранец заявил «Комсомольской правде», а телеканал «Царьград» повторил.';
    const mentions = recognizeEntities(text, 'ru');
    assertExactSpans(text, mentions);
    assert.equal(find(mentions, 'Виктор Баранец')?.attributes?.title, 'Военный эксперт');
    assert.equal(find(mentions, 'Комсомольской правде')?.type, 'MEDIA');
    assert.equal(find(mentions, 'Царьград')?.type, 'MEDIA');
  });
});

describe('document-level decisions', () => {
  it('takes a verbatim outlet name whole even where the tagger saw only a place in it', () => {
    const text = 'Об этом сообщила радиостанция Голос Америки. Корреспондент Голос Америки был в Киеве.';
    const mentions = recognizeEntities(text, 'ru');
    assertExactSpans(text, mentions);
    const outlets = mentions.filter((m) => m.text === 'Голос Америки');
    assert.equal(outlets.length, 2, JSON.stringify(mentions));
    for (const m of outlets) assert.equal(m.type, 'MEDIA');
    assert.ok(!mentions.some((m) => m.text === 'Америки'));
  });

  it('gives one name one type within a document', () => {
    const text =
      'Vestas said profits rose. Shares in Vestas fell 3 percent in Copenhagen. Analysts expect Vestas to cut jobs.';
    const types = new Set(
      recognizeEntities(text, 'en')
        .filter((m) => m.text === 'Vestas')
        .map((m) => m.type),
    );
    assert.ok(types.size <= 1, [...types].join(','));
  });
});

describe('recognizeEntities on odd input', () => {
  const odd = [
    '',
    '   \n\n\t ',
    '...!!!???',
    '🙂🙂 Путин 🙂',
    'a'.repeat(5000),
    'Москва '.repeat(400),
    'ТАСС\u0000NATO\uFFFD',
    '\uD83D', // lone surrogate
    'Mixed Москва London 2024-11-26 — «RT» (RT) [RT]',
  ];
  for (const language of ['en', 'ru']) {
    it(`never throws and keeps spans exact (${language})`, () => {
      for (const text of odd) assertExactSpans(text, recognizeEntities(text, language));
    });
  }

  it('returns nothing for empty text', () => {
    assert.deepEqual(recognizeEntities('', 'ru'), []);
  });

  it('rejects a language without a model with an InputError naming it', () => {
    assert.equal(hasNerModel('xx'), false);
    assert.throws(
      () => recognizeEntities('text', 'xx'),
      (error: unknown) => {
        assert.ok(error instanceof InputError);
        assert.match(error.message, /"xx"/);
        return true;
      },
    );
  });
});

describe('real-text error classes (issue #10)', () => {
  it('does not type a weapon named without a cue word as an organization', () => {
    const text = 'Украина снова нанесла удар ATACMS по аэродрому, сообщили военные.';
    const mentions = recognizeEntities(text, 'ru');
    assert.equal(find(mentions, 'ATACMS'), undefined);
  });

  it('starts no mention with the invisible mark that follows an emoji', () => {
    const text = '❗️Путин провёл совещание с членами Совбеза.';
    const mentions = recognizeEntities(text, 'ru');
    assertExactSpans(text, mentions);
    assert.ok(mentions.every((m) => !m.text.startsWith('\uFE0F')));
    assert.equal(find(mentions, 'Путин')?.type, 'PERSON');
  });

  it('reads a Russian passage quoted in an English text with the Russian model', () => {
    const text = 'The headline read [Россия отталкивает союзника, считает Сергей Лавров] on Monday.';
    const mentions = recognizeEntities(text, 'en');
    assertExactSpans(text, mentions);
    assert.equal(find(mentions, 'Сергей Лавров')?.type, 'PERSON');
    assert.notEqual(find(mentions, 'Россия')?.type, 'PERSON');
  });
});
