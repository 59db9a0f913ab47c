// Each construction the extractor handles, in English and Russian, on sentences written for these
// tests. Mentions are given as the entity stage would give them (span, entity id, type).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractQuotes, type ExtractedQuote, type SpeakerCandidate } from '@echotrace/quotes';

type Mentions = Array<[surface: string, entityId: string, type?: string]>;

/** Mentions of every occurrence of each surface. */
function mentionsIn(text: string, mentions: Mentions): SpeakerCandidate[] {
  const out: SpeakerCandidate[] = [];
  for (const [surface, entityId, type] of mentions)
    for (let at = text.indexOf(surface); at >= 0; at = text.indexOf(surface, at + 1))
      out.push({ start: at, end: at + surface.length, entityId, type: type ?? 'PERSON' });
  return out;
}

interface Seen {
  mode: string;
  content: string[];
  cue: string | null;
  speaker: string | null;
  entity: string | null;
  role: string | null;
  level: number;
  parent: number | null;
}

function quotes(text: string, language: string, mentions: Mentions = []): Seen[] {
  const slice = (s: { start: number; end: number } | null): string | null =>
    s ? text.slice(s.start, s.end) : null;
  return extractQuotes({ text, language, mentions: mentionsIn(text, mentions) }).map((q: ExtractedQuote) => ({
    mode: q.mode,
    content: q.parts.map((p) => text.slice(p.start, p.end)),
    cue: slice(q.cue),
    speaker: slice(q.speaker),
    entity: q.speakerEntityId,
    role: slice(q.role),
    level: q.level,
    parent: q.parent,
  }));
}

function only(text: string, language: string, mentions: Mentions = []): Seen {
  const found = quotes(text, language, mentions);
  assert.equal(found.length, 1, `one quote in ${JSON.stringify(text)}: ${JSON.stringify(found)}`);
  return found[0]!;
}

describe('direct quotes in Russian', () => {
  it('takes «…», — отметил эксперт with the speaker, role and entity after the dash', () => {
    const q = only('«Мы не отступим ни на шаг», — отметил военный эксперт Виктор Баранец.', 'ru', [
      ['Виктор Баранец', 'person:viktor-baranec'],
    ]);
    assert.deepEqual(q.content, ['Мы не отступим ни на шаг']);
    assert.equal(q.cue, 'отметил');
    assert.equal(q.speaker, 'военный эксперт Виктор Баранец');
    assert.equal(q.entity, 'person:viktor-baranec');
    assert.equal(q.role, 'военный эксперт');
    assert.equal(q.mode, 'direct');
  });

  it('takes X сказал: «…» with the speaker before the colon', () => {
    const q = only('Глеб Туманов сказал: «Санкции против КНДР — это санкции против самих себя».', 'ru', [
      ['Глеб Туманов', 'gleb-tumanov'],
    ]);
    assert.deepEqual(q.content, ['Санкции против КНДР — это санкции против самих себя']);
    assert.equal(q.entity, 'gleb-tumanov');
  });

  it('takes a dialogue line with its continuation after the attribution', () => {
    const text =
      'Иван Малышев вышел к журналистам.\n\n— Мы готовы к переговорам, — сказал он. — Но не на этих условиях.';
    const q = only(text, 'ru', [['Иван Малышев', 'person:ivan-malisev']]);
    assert.deepEqual(q.content, ['Мы готовы к переговорам', 'Но не на этих условиях.']);
    assert.equal(q.speaker, 'он');
    assert.equal(q.entity, 'person:ivan-malisev', 'the pronoun refers to the person named before');
  });

  it('splits «…, — сказал он, — …» around the attribution inside the marks', () => {
    const q = only('«Конечно, — сказал он, — речь идёт не о снарядах».', 'ru');
    assert.deepEqual(q.content, ['Конечно', 'речь идёт не о снарядах']);
    assert.equal(q.speaker, 'он');
    assert.equal(q.entity, null, 'no person named before: unknown, not guessed');
  });

  it('keeps both levels of „…“ inside «…»', () => {
    const found = quotes('Министр рассказал: «Мне ответили: „Ждите решения до весны“, и я ждал».', 'ru');
    assert.equal(found.length, 2);
    assert.deepEqual(found[0]!.content, ['Мне ответили: „Ждите решения до весны“, и я ждал']);
    assert.equal(found[0]!.speaker, 'Министр');
    assert.equal(found[0]!.level, 0);
    assert.deepEqual(found[1]!.content, ['Ждите решения до весны']);
    assert.equal(found[1]!.level, 1);
    assert.equal(found[1]!.parent, 0);
    assert.equal(found[1]!.speaker, null, '"мне ответили" names nobody');
  });

  it('keeps a quote with no speaker, and does not take a quoted name for a quote', () => {
    const found = quotes(
      'Компания «Газпром» сообщила о росте. На стене было написано: «Мы вернёмся сюда, как только закончится эта зима».',
      'ru',
    );
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.deepEqual(found[0]!.content, ['Мы вернёмся сюда, как только закончится эта зима']);
    assert.equal(found[0]!.entity, null);
  });

  it('leaves a negation to its verb: "Он не подтвердил" is spoken by "Он"', () => {
    const found = quotes('Он не подтвердил, что объект был атакован ракетами.', 'ru');
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.equal(found[0]!.speaker, 'Он');
    assert.equal(found[0]!.cue, 'подтвердил');
  });

  it('leaves out the agency a speaker told and the venue: "сообщил РИА Новости Марочко", "он в телеграме"', () => {
    const told = only('Противник отступил от села, сообщил РИА Новости Марочко.', 'ru', [
      ['Марочко', 'andrei-marochko'],
    ]);
    assert.equal(told.speaker, 'Марочко');
    assert.equal(told.entity, 'andrei-marochko');
    const after = only('Переговоры будут продолжены, заявила Захарова РИА Новости.', 'ru', [
      ['Захарова', 'maria-zakharova'],
    ]);
    assert.equal(after.speaker, 'Захарова');
    const venue = only(
      'Губернатор Гладков прибыл на место. Пострадавших среди мирных жителей нет, сообщил он в телеграме.',
      'ru',
      [['Гладков', 'vyacheslav-gladkov']],
    );
    assert.equal(venue.speaker, 'он');
    assert.equal(venue.entity, 'vyacheslav-gladkov');
    // The agency's own correspondent is a speaker, and the agency alone is one too.
    const correspondent = only(
      'Взрывы были слышны в центре города около полуночи, сообщил корреспондент РИА Новости.',
      'ru',
    );
    assert.equal(correspondent.speaker, 'корреспондент РИА Новости');
  });

  it('closes a quote left open at the end of its paragraph', () => {
    const text =
      '«Мы не уйдём отсюда, пока нас не услышат, — заявил депутат.\n\nСледующий абзац без кавычек.';
    const found = extractQuotes({ text, language: 'ru' });
    assert.equal(found.length, 1);
    assert.equal(found[0]!.unclosed, true);
    assert.ok(text.slice(found[0]!.content.start, found[0]!.content.end).startsWith('Мы не уйдём'));
    assert.ok(found[0]!.content.end <= text.indexOf('\n\n'), 'the quote ends with its paragraph');
  });
});

describe('indirect speech in Russian', () => {
  const cases: Array<[string, string, string, string]> = [
    [
      'По словам Лаврова, Россия готова к переговорам.',
      'По словам',
      'Лаврова',
      'Россия готова к переговорам',
    ],
    ['Как заявил Песков, решение ещё не принято.', 'Как заявил', 'Песков', 'решение ещё не принято'],
    ['Эксперт отметил, что санкции не работают.', 'отметил', 'Эксперт', 'что санкции не работают'],
    [
      'Ситуация на границе остаётся напряжённой, сообщил источник агентства.',
      'сообщил',
      'источник агентства',
      'Ситуация на границе остаётся напряжённой',
    ],
    [
      'Такой сценарий маловероятен, считает политолог.',
      'считает',
      'политолог',
      'Такой сценарий маловероятен',
    ],
  ];
  for (const [text, cue, speaker, content] of cases)
    it(text, () => {
      const q = only(text, 'ru');
      assert.equal(q.mode, 'indirect');
      assert.equal(q.cue, cue);
      assert.equal(q.speaker, speaker);
      assert.deepEqual(q.content, [content]);
    });

  it('resolves a description to the person it described earlier, and leaves an unknown one unresolved', () => {
    const text =
      'Об этом рассказал военный эксперт Виктор Баранец. Ситуация под контролем, считает эксперт. Потери будут расти, считает аналитик.';
    const found = quotes(text, 'ru', [['Виктор Баранец', 'person:viktor-baranec']]);
    const expert = found.find((q) => q.speaker === 'эксперт');
    const analyst = found.find((q) => q.speaker === 'аналитик');
    assert.equal(expert?.entity, 'person:viktor-baranec');
    assert.equal(analyst?.entity, null);
  });

  it('does not take an unrecognized name for a description of someone named before', () => {
    const text = 'Началось освобождение Зелёного Гая, сообщил РИА Новости Марочко.';
    const q = only(text, 'ru', [
      ['Зелёного Гая', 'person:zelenogo-gai'],
      ['РИА Новости', 'ria-novosti', 'MEDIA'],
    ]);
    assert.equal(q.speaker, 'Марочко', 'the agency spoken to is not part of the speaker');
    assert.equal(q.entity, null, 'neither the outlet spoken to nor the person named before');
  });
});

describe('direct quotes in English', () => {
  it('takes "…," he said with the pronoun resolved to the person named before', () => {
    const text = 'Viktor Baranets spoke on Tuesday. "The front will hold," he said.';
    const q = only(text, 'en', [['Viktor Baranets', 'person:viktor-baranec']]);
    assert.deepEqual(q.content, ['The front will hold'], 'the comma belongs to the attribution');
    assert.equal(q.speaker, 'he');
    assert.equal(q.entity, 'person:viktor-baranec');
  });

  it('joins a quote split by its attribution', () => {
    const q = only('“Of course,” said Gleb Tumanov, “this is not about shells.”', 'en', [
      ['Gleb Tumanov', 'gleb-tumanov'],
    ]);
    assert.deepEqual(q.content, ['Of course', 'this is not about shells.']);
    assert.equal(q.cue, 'said');
    assert.equal(q.entity, 'gleb-tumanov');
  });

  it('joins a quote running across paragraphs whose closing mark is omitted', () => {
    const text =
      '“We will not stop here, and we will not apologize for defending our interests.\n\n“Nobody in this room believes otherwise,” the minister said.';
    const q = only(text, 'en');
    assert.deepEqual(q.content, [
      'We will not stop here, and we will not apologize for defending our interests.',
      'Nobody in this room believes otherwise',
    ]);
    assert.equal(q.speaker, 'the minister');
  });

  it('keeps a single-quoted quote inside a double-quoted one as a second level', () => {
    const text = 'Smith recalled: "The colonel told us \'hold the bridge at any cost\' and left."';
    const found = quotes(text, 'en', [['Smith', 'person:smith']]);
    assert.equal(found.length, 2, JSON.stringify(found));
    assert.equal(found[0]!.entity, 'person:smith');
    assert.deepEqual(found[1]!.content, ['hold the bridge at any cost']);
    assert.equal(found[1]!.level, 1);
    assert.equal(found[1]!.speaker, 'The colonel');
    assert.equal(found[1]!.parent, 0);
  });

  it('leaves an apostrophe alone', () => {
    const found = quotes('"We don\'t negotiate with anyone who won\'t listen," she said.', 'en');
    assert.equal(found.length, 1);
    assert.deepEqual(found[0]!.content, ["We don't negotiate with anyone who won't listen"]);
  });

  it('takes a very long quote whole, with the stated role of the speaker', () => {
    const sentence = 'The sanctions regime has failed on every measure we were promised it would meet. ';
    const body = sentence.repeat(60).trim();
    const text = `"${body}" said Gleb Tumanov, a former trade official.`;
    const q = only(text, 'en', [['Gleb Tumanov', 'gleb-tumanov']]);
    assert.equal(q.content[0], body);
    assert.ok(body.length > 4000);
    assert.equal(q.entity, 'gleb-tumanov');
    assert.equal(q.role, 'former trade official');
  });
});

describe('indirect speech in English', () => {
  const cases: Array<[string, string, string, string]> = [
    ['Smith said that the plan would fail.', 'said', 'Smith', 'that the plan would fail'],
    [
      'According to officials, the talks stalled on Monday.',
      'According to',
      'officials',
      'the talks stalled on Monday',
    ],
    [
      'The analyst believes the sanctions will be lifted soon.',
      'believes',
      'The analyst',
      'the sanctions will be lifted soon',
    ],
    [
      'The talks stalled on Monday, according to two diplomats.',
      'according to',
      'two diplomats',
      'The talks stalled on Monday',
    ],
  ];
  for (const [text, cue, speaker, content] of cases)
    it(text, () => {
      const q = only(text, 'en');
      assert.equal(q.mode, 'indirect');
      assert.equal(q.cue, cue);
      assert.equal(q.speaker, speaker);
      assert.deepEqual(q.content, [content]);
    });
});

describe('offsets', () => {
  it('are UTF-16 code units into the text, emoji and all', () => {
    const text = '🇷🇺🔥 «Это только начало», — заявил Песков.';
    const [q] = extractQuotes({
      text,
      language: 'ru',
      mentions: mentionsIn(text, [['Песков', 'dmitry-peskov']]),
    });
    assert.ok(q);
    assert.equal(text.slice(q.content.start, q.content.end), 'Это только начало');
    assert.equal(text.slice(q.speakerMention!.start, q.speakerMention!.end), 'Песков');
  });
});
