import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createDuplicateIndex,
  decodeSignature,
  encodeSignature,
  type DedupeInput,
  type DuplicateIndex,
} from '@echotrace/extract';
import {
  BRIDGE_OTHER_STORY,
  BRIDGE_STORY,
  CHANNEL_SIGNATURE,
  FESTIVAL_STORY,
  GRAIN_ARTICLE,
  GRAIN_QUOTE_POST,
  SHORT_STORIES,
  STORM_STORY,
} from './fixture.texts.ts';

const INGESTED = '2024-12-05T00:00:00Z';

function doc(id: string, text: string, publishedAt: string | null, ingestedAt = INGESTED): DedupeInput {
  return { id, text, title: null, publishedAt, ingestedAt };
}

function addAll(index: DuplicateIndex, docs: DedupeInput[]): void {
  for (const d of docs) index.addDocument(d);
}

/** Replaces whole words (first occurrence each): an editor's light rewrite. */
function rewrite(text: string, replacements: Array<[string, string]>): string {
  let result = text;
  for (const [from, to] of replacements) {
    assert.ok(result.includes(from), `fixture lacks ${from}`);
    result = result.replace(from, to);
  }
  return result;
}

describe('duplicate index: copies with different boilerplate, headline and light edits', () => {
  const wire = doc('wire', BRIDGE_STORY, '2024-12-02T08:00:00+03:00');
  const withBoilerplate = doc(
    'repost-boilerplate',
    `⚡️ СРОЧНО\n\n${BRIDGE_STORY}\n\nПодписывайтесь на «Вестник Заречья»: https://t.me/zarechye_vestnik`,
    '2024-12-02T08:20:00+03:00',
  );
  const withHeadline = doc(
    'site-headline',
    `**Северный мост закроют на ремонт до конца месяца**\n\n${BRIDGE_STORY}`,
    '2024-12-02T09:00:00+03:00',
  );
  const edited = doc(
    'edited',
    rewrite(BRIDGE_STORY, [
      ['полностью перекрыто', 'целиком закрыто'],
      ['Подрядчик заменит', 'Подрядная организация заменит'],
      ['поврежденных весенним паводком', 'пострадавших в паводок'],
      ['Объезд организуют', 'Объезд будет организован'],
      ['признал', 'согласился'],
      ['каждый день задержки', 'любой день просрочки'],
    ]),
    '2024-12-02T10:00:00+03:00',
  );
  const reordered = doc(
    'reordered',
    BRIDGE_STORY.split('\n\n').reverse().join('\n\n').toUpperCase(),
    '2024-12-02T11:00:00+03:00',
  );

  it('groups all of them with the wire original', () => {
    const index = createDuplicateIndex();
    addAll(index, [wire, withBoilerplate, withHeadline, edited, reordered]);
    const groups = index.groups();
    assert.equal(groups.length, 1);
    assert.deepEqual(
      new Set(groups[0]!.members),
      new Set(['wire', 'repost-boilerplate', 'site-headline', 'edited', 'reordered']),
    );
    assert.equal(groups[0]!.id, 'wire');
  });

  it('reports each match and the memberships to persist', () => {
    const index = createDuplicateIndex();
    assert.deepEqual(index.addDocument(wire), {
      documentId: 'wire',
      groupId: null,
      matches: [],
      changed: [],
    });
    const outcome = index.addDocument(edited);
    assert.equal(outcome.groupId, 'wire');
    assert.equal(outcome.matches.length, 1);
    assert.equal(outcome.matches[0]!.otherId, 'wire');
    assert.equal(outcome.matches[0]!.via, 'resemblance');
    assert.ok(outcome.matches[0]!.jaccard >= 0.3 && outcome.matches[0]!.jaccard < 1);
    assert.deepEqual(
      outcome.changed.sort((a, b) => a.documentId.localeCompare(b.documentId)),
      [
        { documentId: 'edited', groupId: 'wire' },
        { documentId: 'wire', groupId: 'wire' },
      ],
    );
    // A third copy joins an existing group: only it is new.
    assert.deepEqual(index.addDocument(withBoilerplate).changed, [
      { documentId: 'repost-boilerplate', groupId: 'wire' },
    ]);
  });

  it('does not group a different story on the same topic, or unrelated stories', () => {
    const index = createDuplicateIndex();
    addAll(index, [
      wire,
      doc('other', BRIDGE_OTHER_STORY, '2024-12-02T12:00:00+03:00'),
      doc('festival', FESTIVAL_STORY, '2024-12-02T12:00:00+03:00'),
      doc('storm', STORM_STORY, '2024-12-02T12:00:00+03:00'),
    ]);
    assert.deepEqual(index.groups(), []);
    assert.equal(index.groupOf('other'), null);
    assert.deepEqual(index.membersOf('other'), ['other']);
  });

  it('does not group a rewrite that keeps the facts but not the wording', () => {
    const index = createDuplicateIndex();
    const retold =
      'С понедельника Северный мост в Заречье закрывают на три недели: по данным администрации, рабочие поменяют швы и опоры после паводка. Машины пустят по Южному мосту и понтонной переправе, маршруты 12 и 40 поедут иначе. Петр Ворошилин обещает штрафы подрядчику за задержку.';
    addAll(index, [wire, doc('retold', retold, '2024-12-02T12:00:00+03:00')]);
    assert.deepEqual(index.groups(), []);
  });
});

describe('duplicate index: earliest appearance', () => {
  it('is the earliest publication, whatever the order of arrival', () => {
    const index = createDuplicateIndex();
    addAll(index, [
      doc('late', `${BRIDGE_STORY}\n\nИсточник: агентство «Заречье-Инфо»`, '2024-12-02T12:00:00Z'),
      doc('middle', BRIDGE_STORY, '2024-12-02T09:00:00Z'),
      // Same instant as 09:00Z written with an offset: not earlier.
      doc('offset', `Главное:\n\n${BRIDGE_STORY}`, '2024-12-02T12:00:00+03:00'),
      doc('first', `${BRIDGE_STORY}\n\nЧитайте нас`, '2024-12-02T08:59:00Z'),
    ]);
    const [group] = index.groups();
    assert.equal(group!.id, 'first');
    assert.equal(group!.members[0], 'first');
    assert.equal(group!.members[group!.members.length - 1], 'late');
    assert.equal(index.groupOf('late'), 'first');
  });

  it('breaks ties by ingestion time, and dates undated copies by ingestion', () => {
    const index = createDuplicateIndex();
    addAll(index, [
      doc('b', BRIDGE_STORY, '2024-12-02T09:00:00Z', '2024-12-03T00:00:00Z'),
      doc('a', `${BRIDGE_STORY}\n\nПодписывайтесь`, '2024-12-02T09:00:00Z', '2024-12-04T00:00:00Z'),
      doc('undated', `Срочно\n\n${BRIDGE_STORY}`, null, '2024-12-01T00:00:00Z'),
    ]);
    assert.deepEqual(index.membersOf('a'), ['undated', 'b', 'a']);
  });

  it('relabels a whole group when an earlier copy arrives', () => {
    const index = createDuplicateIndex();
    addAll(index, [
      doc('x', BRIDGE_STORY, '2024-12-02T10:00:00Z'),
      doc('y', `Срочно\n\n${BRIDGE_STORY}`, '2024-12-02T11:00:00Z'),
    ]);
    const outcome = index.addDocument(
      doc('origin', `${BRIDGE_STORY}\n\nФото: пресс-служба`, '2024-12-02T07:00:00Z'),
    );
    assert.equal(outcome.groupId, 'origin');
    assert.deepEqual(outcome.changed.map((c) => `${c.documentId}→${c.groupId}`).sort(), [
      'origin→origin',
      'x→origin',
      'y→origin',
    ]);
  });
});

describe('duplicate index: containment', () => {
  it('groups a short post quoting one paragraph with the long article, in either order', () => {
    for (const order of [0, 1]) {
      const index = createDuplicateIndex();
      const article = doc('article', GRAIN_ARTICLE, '2024-11-30T10:00:00Z');
      const quote = doc('quote', GRAIN_QUOTE_POST, '2024-11-30T12:00:00Z');
      addAll(index, order === 0 ? [article, quote] : [quote, article]);
      assert.equal(index.groupOf('quote'), 'article', `order ${order}`);
      assert.equal(index.groupOf('article'), 'article');
    }
  });

  it('groups a truncated copy (the first paragraphs only)', () => {
    const index = createDuplicateIndex();
    const truncated = GRAIN_ARTICLE.split('\n\n').slice(0, 1).join('\n\n') + '\n\nПодробнее на сайте';
    const outcome =
      (addAll(index, [doc('article', GRAIN_ARTICLE, '2024-11-30T10:00:00Z')]),
      index.addDocument(doc('truncated', truncated, '2024-11-30T11:00:00Z')));
    assert.equal(outcome.groupId, 'article');
    assert.equal(outcome.matches[0]!.via, 'containment');
    assert.ok(outcome.matches[0]!.containment > 0.8);
  });

  it('does not let a digest of several stories chain them into one group', () => {
    const index = createDuplicateIndex();
    addAll(index, [
      doc('festival', FESTIVAL_STORY, '2024-12-01T08:00:00Z'),
      doc('storm', STORM_STORY, '2024-12-01T09:00:00Z'),
      doc('digest', `Главное за утро:\n\n${FESTIVAL_STORY}\n\n${STORM_STORY}`, '2024-12-01T12:00:00Z'),
    ]);
    assert.notEqual(index.groupOf('festival'), index.groupOf('storm') ?? 'none');
    assert.equal(index.groups().length, 1, 'the digest joins one of its stories');
  });

  it('does not treat a quoted headline-length phrase as a copy', () => {
    const index = createDuplicateIndex();
    addAll(index, [
      doc('article', GRAIN_ARTICLE, '2024-11-30T10:00:00Z'),
      doc(
        'phrase',
        'Министерство сельского хозяйства пока не комментирует эти оценки.',
        '2024-11-30T12:00:00Z',
      ),
    ]);
    assert.equal(index.groupOf('phrase'), null);
  });
});

describe('duplicate index: boilerplate', () => {
  it('does not group different posts that share a channel signature', () => {
    const index = createDuplicateIndex();
    SHORT_STORIES.forEach((story, i) =>
      index.addDocument(
        doc(
          `post${i}`,
          `${story}\n${CHANNEL_SIGNATURE}`,
          `2024-12-01T${String(10 + i).padStart(2, '0')}:00:00Z`,
        ),
      ),
    );
    assert.deepEqual(index.groups(), []);
  });

  it('still groups a repost of a signed post once the signature is known boilerplate', () => {
    const index = createDuplicateIndex();
    SHORT_STORIES.forEach((story, i) =>
      index.addDocument(
        doc(
          `post${i}`,
          `${story}\n${CHANNEL_SIGNATURE}`,
          `2024-12-01T${String(10 + i).padStart(2, '0')}:00:00Z`,
        ),
      ),
    );
    const outcome = index.addDocument(
      doc('repost', `${SHORT_STORIES[11]!}\nИсточник: Заречье сегодня`, '2024-12-02T00:00:00Z'),
    );
    assert.equal(outcome.groupId, 'post11');
  });
});

describe('duplicate index: determinism and rebuild', () => {
  const corpus = (): DedupeInput[] => [
    doc('wire', BRIDGE_STORY, '2024-12-02T08:00:00Z'),
    doc('copy', `Срочно\n\n${BRIDGE_STORY}`, '2024-12-02T08:30:00Z'),
    doc('other', BRIDGE_OTHER_STORY, '2024-12-02T09:00:00Z'),
    doc('article', GRAIN_ARTICLE, '2024-11-30T10:00:00Z'),
    doc('quote', GRAIN_QUOTE_POST, '2024-11-30T12:00:00Z'),
    doc('festival', FESTIVAL_STORY, '2024-12-01T08:00:00Z'),
  ];

  it('gives the same groups on every run', () => {
    const runs = [0, 1, 2].map(() => {
      const index = createDuplicateIndex();
      addAll(index, corpus());
      return index.groups();
    });
    assert.deepEqual(runs[1], runs[0]);
    assert.deepEqual(runs[2], runs[0]);
    assert.deepEqual(runs[0], [
      { id: 'article', members: ['article', 'quote'] },
      { id: 'wire', members: ['wire', 'copy'] },
    ]);
  });

  it('rebuilds the same groups from encoded signatures', () => {
    const live = createDuplicateIndex();
    const stored: Array<{ id: string; bytes: Uint8Array; publishedAt: string | null }> = [];
    for (const input of corpus()) {
      const signature = live.sign(input);
      live.add(signature);
      stored.push({ id: input.id, bytes: encodeSignature(signature, 128), publishedAt: input.publishedAt });
    }
    const rebuilt = createDuplicateIndex();
    for (const s of stored)
      rebuilt.add(decodeSignature(s.id, s.bytes, { publishedAt: s.publishedAt, ingestedAt: INGESTED }, 128));
    assert.deepEqual(rebuilt.groups(), live.groups());
  });

  it('refuses a document twice, and a corrupt signature, naming the document', () => {
    const index = createDuplicateIndex();
    index.addDocument(doc('wire', BRIDGE_STORY, null));
    assert.throws(
      () => index.addDocument(doc('wire', BRIDGE_STORY, null)),
      /document wire: already in the duplicate index/,
    );
    const bytes = encodeSignature(index.sign(doc('x', STORM_STORY, null)), 128);
    assert.throws(
      () =>
        decodeSignature(
          'x',
          bytes.subarray(0, bytes.length - 2),
          { publishedAt: null, ingestedAt: INGESTED },
          128,
        ),
      /signature of document x: length does not match/,
    );
    assert.throws(
      () => index.addDocument(doc('bad-time', STORM_STORY, null, 'yesterday')),
      /document bad-time ingestedAt/,
    );
  });
});
