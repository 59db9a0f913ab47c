import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  correctSpans,
  splitSequences,
  tokenize,
  truecaseHeadlines,
  type SpanDraft,
} from '@echotrace/entities/training';

/** Tags the given surfaces (one sequence per line), runs the corrections, returns "surface/TYPE". */
function corrected(language: string, text: string, tagged: Array<[string, string]>): string[] {
  const sequences = splitSequences(text, tokenize(text));
  const drafts: SpanDraft[] = [];
  const used = new Set<string>();
  for (const [surface, type] of tagged) {
    const parts = tokenize(surface).map((t) => t.text);
    let found = false;
    sequences.forEach((sequence, k) => {
      for (let i = 0; i + parts.length <= sequence.length && !found; i++) {
        if (parts.some((_, j) => used.has(`${k}:${i + j}`))) continue;
        if (parts.every((p, j) => sequence[i + j]!.text === p)) {
          drafts.push({ sequence: k, first: i, last: i + parts.length - 1, type });
          parts.forEach((_, j) => used.add(`${k}:${i + j}`));
          found = true;
        }
      }
    });
    assert.ok(found, `fixture: ${surface} not in text`);
  }
  return correctSpans(language, text, sequences, drafts).map(
    (d) =>
      `${text.slice(sequences[d.sequence]![d.first]!.start, sequences[d.sequence]![d.last]!.end)}/${d.type}`,
  );
}

describe('span corrections: places', () => {
  it('retypes a place tagged as a person: dictionary places, gazetteer cities, any case', () => {
    assert.deepEqual(
      corrected('ru', 'Бои идут у Алеппо. Крым отрезан. Переговоры с Ливаном прошли в Курахово.', [
        ['Алеппо', 'PER'],
        ['Крым', 'PER'],
        ['Ливаном', 'PER'],
        ['Курахово', 'PER'],
      ]),
      ['Алеппо/LOC', 'Крым/LOC', 'Ливаном/LOC', 'Курахово/LOC'],
    );
  });

  it('reads a place after a preposition of place even when it is also a surname', () => {
    assert.deepEqual(corrected('ru', 'В результате атак на Николаев погибли люди.', [['Николаев', 'PER']]), [
      'Николаев/LOC',
    ]);
    // Without the preposition the surname stays a person.
    assert.deepEqual(corrected('ru', 'Николаев заявил об отставке.', [['Николаев', 'PER']]), [
      'Николаев/PER',
    ]);
  });

  it('keeps a person whose surname is a place when the document names them in full', () => {
    assert.deepEqual(
      corrected('ru', 'Премьер Японии Наото Кан прибыл в Москву.\nКан сделал заявление.', [
        ['Наото Кан', 'PER'],
        ['Кан', 'PER'],
      ]),
      ['Наото Кан/PER', 'Москву/LOC', 'Кан/PER'],
    );
  });

  it('gives a lone word the person type when the dictionary knows it only as a surname', () => {
    assert.deepEqual(
      corrected(
        'ru',
        'В КНДР прибыл Белоусов. Растут поставки СПГ. Выборы в Вирджинии. Бойцы «Вагнер» ушли.',
        [
          ['КНДР', 'LOC'],
          ['Белоусов', 'LOC'],
          ['СПГ', 'ORG'],
          ['Вирджинии', 'LOC'],
          ['Вагнер', 'ORG'],
        ],
      ),
      ['КНДР/LOC', 'Белоусов/PER', 'Вирджинии/LOC', 'Вагнер/ORG'],
    );
  });

  it('adds a lone place the tagger missed, but not a word of a longer name', () => {
    assert.deepEqual(corrected('ru', 'Крым потерян. Бои у Харькова. Новая Зеландия далеко.', []), [
      'Крым/LOC',
      'Харькова/LOC',
    ]);
  });

  it('gives a lone word the person type when the document uses it in a full name', () => {
    assert.deepEqual(
      corrected('ru', 'Жертвы Джона Смайта молчали годами. Смайта обвиняли многие.', [
        ['Джона Смайта', 'PER'],
        ['Смайта', 'LOC'],
      ]),
      ['Джона Смайта/PER', 'Смайта/PER'],
    );
  });

  it('needs a preposition of place for an English city tagged as a person (George is a city too)', () => {
    assert.deepEqual(
      corrected('en', 'Fighting resumed in Aleppo. George said nothing.', [
        ['Aleppo', 'PER'],
        ['George', 'PER'],
      ]),
      ['Aleppo/LOC', 'George/PER'],
    );
  });
});

describe('span corrections: words that are not names', () => {
  it('drops lone adjectives, descriptors and common acronyms', () => {
    assert.deepEqual(
      corrected('ru', 'Российские военные ответили. Власти молчат. Суд отказал. Сбит БПЛА. Работает ПВО.', [
        ['Российские', 'LOC'],
        ['Власти', 'ORG'],
        ['Суд', 'ORG'],
        ['БПЛА', 'ORG'],
        ['ПВО', 'ORG'],
      ]),
      [],
    );
  });

  it('keeps region adjectives that share a noun, and acronyms of organizations', () => {
    assert.deepEqual(
      corrected('ru', 'Отключения в Киевской, Днепропетровской и Донецкой областях. Заявил МИД.', [
        ['Киевской', 'LOC'],
        ['Днепропетровской', 'LOC'],
        ['Донецкой областях', 'LOC'],
        ['МИД', 'ORG'],
      ]),
      ['Киевской/LOC', 'Днепропетровской/LOC', 'Донецкой областях/LOC', 'МИД/ORG'],
    );
  });

  it('drops a model name next to a weapon word, everywhere in the document', () => {
    assert.deepEqual(
      corrected('ru', 'Выпущено восемь ракет ATACMS. Удар ATACMS подтвердили. Применили «Орешник».', [
        ['ATACMS', 'ORG'],
        ['ATACMS', 'ORG'],
      ]),
      [],
    );
    assert.deepEqual(corrected('ru', 'Россия применила ракету «Орешник».', [['Орешник', 'ORG']]), [
      'Россия/LOC',
    ]);
    assert.deepEqual(
      corrected('en', 'Kyiv fired ATACMS missiles. Boeing jets landed.', [
        ['ATACMS', 'ORG'],
        ['Boeing', 'ORG'],
      ]),
      ['ATACMS/MISC', 'Boeing/ORG'],
    );
  });

  it('cuts a function word that opens a span, but not an initial', () => {
    assert.deepEqual(
      corrected('ru', 'Насколько Абхазия зависит от России?\nКак сообщил А. Кудрин, всё хорошо.', [
        ['Насколько Абхазия', 'PER'],
        ['А. Кудрин', 'PER'],
      ]),
      ['Абхазия/LOC', 'России/LOC', 'А. Кудрин/PER'],
    );
  });
});

describe('span corrections: more classes seen on real posts', () => {
  it('drops adjectives with a plural descriptor and abstract nouns, keeps named institutions', () => {
    assert.deepEqual(
      corrected(
        'ru',
        'Российские власти промолчали. Спецоперация продолжается. Председатель Конституционного суда ушел.',
        [
          ['Российские власти', 'ORG'],
          ['Спецоперация', 'ORG'],
          ['Конституционного суда', 'ORG'],
        ],
      ),
      ['Конституционного суда/ORG'],
    );
  });

  it('reads a street, an adjective with a noun, and an unknown -ский word for what they are', () => {
    assert.deepEqual(
      corrected('ru', 'Митинг на проспекте Руставели. Удар по Кривому Рогу. Зеленский выступил.', [
        ['Руставели', 'PER'],
        ['Кривому Рогу', 'PER'],
        ['Зеленский', 'LOC'],
      ]),
      ['Руставели/LOC', 'Кривому Рогу/LOC', 'Зеленский/PER'],
    );
  });

  it('finds a model name again in another case, and a Korean name the tagger missed', () => {
    assert.deepEqual(
      corrected('ru', 'Россия применила ракету «Орешник». Поражение от Орешника серьезное.', [
        ['Орешник', 'ORG'],
        ['Орешника', 'ORG'],
      ]),
      ['Россия/LOC'],
    );
    assert.deepEqual(
      corrected('en', 'Kim Jong-un met Moon Jae-in. A Hong Kong-based firm.', [['Hong Kong-based', 'MISC']]),
      ['Kim Jong-un/PER', 'Moon Jae-in/PER', 'Hong Kong-based/MISC'],
    );
  });
});

describe('span corrections: quoted organization names', () => {
  it('takes a quoted name after a word for an organization whole, and leaves other quotes alone', () => {
    assert.deepEqual(
      corrected(
        'ru',
        'Запрещена организация американский «Храм Сатаны». Клиника «Котенок Гав» просит помощи. Лозунг «Мир Миру» звучал.',
        [
          ['Сатаны', 'PER'],
          ['Котенок Гав', 'PER'],
        ],
      ),
      ['Храм Сатаны/ORG', 'Котенок Гав/PER'],
    );
    assert.deepEqual(corrected('ru', 'Директор компании «Мен Тревел» задержан.', []), ['Мен Тревел/ORG']);
  });
});

describe('span corrections: names cut or run together', () => {
  it('joins a given name and a patronymic written before the surname', () => {
    assert.deepEqual(
      corrected('ru', 'Глеб Туманов встретился с журналистами. Сергей Кужугетович Шойгу приехал.', [
        ['Туманов', 'PER'],
        ['Шойгу', 'PER'],
      ]),
      ['Глеб Туманов/PER', 'Сергей Кужугетович Шойгу/PER'],
    );
  });

  it('splits a place from the person it qualifies, but not a given name that is also a city', () => {
    assert.deepEqual(
      corrected(
        'ru',
        'Запрещен въезд заместителю премьера Великобритании Рейнер. Владимир Путин промолчал.',
        [
          ['Великобритании Рейнер', 'LOC'],
          ['Владимир Путин', 'PER'],
        ],
      ),
      ['Великобритании/LOC', 'Рейнер/PER', 'Владимир Путин/PER'],
    );
  });
});

describe('truecaseHeadlines', () => {
  it('puts a Title-Case line in sentence case using the document and function words', () => {
    const words = [
      ['Media', 'Outlet', 'Response', 'To', 'Alliance', 'Is', 'Creation', 'Of', 'Iran'],
      ['The', 'outlet', 'called', 'for', 'an', 'alliance', 'and', 'its', 'creation', '.'],
    ];
    assert.deepEqual(truecaseHeadlines(words)[0], [
      'Media',
      'outlet',
      'Response',
      'to',
      'alliance',
      'is',
      'creation',
      'of',
      'Iran',
    ]);
    assert.deepEqual(truecaseHeadlines(words)[1], words[1]);
  });

  it('leaves names and lists of names alone', () => {
    const words = [
      ['The', 'National', 'Bank', 'of', 'Poland'],
      ['Donna', 'Wynd', '(', 'New', 'Zealand', ')', '36.831'],
    ];
    assert.deepEqual(truecaseHeadlines(words), words);
  });
});

describe('tokens of names', () => {
  it('splits an English possessive off a name only when asked (English), never a Russian brand', () => {
    const text = "Malofeyev’s network and Kim Jong-un's visit; Sotheby’s";
    assert.deepEqual(
      tokenize(text, { possessives: true }).map((t) => t.text),
      ['Malofeyev', '’s', 'network', 'and', 'Kim', 'Jong-un', "'s", 'visit', ';', 'Sotheby', '’s'],
    );
    assert.ok(tokenize(text).some((t) => t.text === 'Sotheby’s'));
  });

  it('does not end a sentence at the full stop of an initial', () => {
    const text = 'Translated by Anthony V. Rinna. Как сообщил А. Кудрин, всё хорошо. Конец.';
    const sequences = splitSequences(text, tokenize(text)).map((s) => s.map((t) => t.text).join(' '));
    assert.deepEqual(sequences, [
      'Translated by Anthony V . Rinna .',
      'Как сообщил А . Кудрин , всё хорошо .',
      'Конец .',
    ]);
  });
});
