import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createDuplicateIndex,
  decodeSignature,
  encodeSignature,
  extractFacts,
  factsSubstituted,
  type DedupeInput,
} from '@echotrace/extract';

const INGESTED = '2024-12-05T00:00:00Z';
const doc = (id: string, text: string, day: number): DedupeInput => ({
  id,
  text,
  title: null,
  publishedAt: `2024-11-${String(day).padStart(2, '0')}T11:00:00Z`,
  ingestedAt: INGESTED,
});

const losses = (figure: string, extra: string): string =>
  `Потери противника на северном направлении за сутки составили более ${figure} военнослужащих, ${extra}, сообщили в штабе группировки войск`;
const village = (name: string): string =>
  `Армия освободила населенный пункт ${name} в Заречной области, сообщили в штабе группировки`;
const DIGEST =
  'Обстановка и главные события дня.\n\n' +
  `▪️${losses('250', 'уничтожены два танка')};\n\n` +
  '▪️Средства ПВО за сутки перехватили 25 беспилотников над Заречной областью и 10 над Озёрной;\n\n' +
  '▪️Губернатор Озёрной области Иван Петров сообщил о восстановлении подачи электричества в трёх районах после ночного удара.';

function groupsOf(docs: DedupeInput[], factConflictShare?: number): string[][] {
  const index = createDuplicateIndex(factConflictShare === undefined ? {} : { factConflictShare });
  for (const d of docs) index.addDocument(d);
  return index.groups().map((g) => g.members);
}

describe('copies agree on figures and names', () => {
  it('does not group daily reports from one template with other figures', () => {
    const reports = [
      doc('d26', losses('250', 'уничтожены два танка'), 26),
      doc('d27', losses('255', 'уничтожены два танка'), 27),
      doc('d28', losses('300', 'уничтожены четыре танка'), 28),
    ];
    assert.deepEqual(groupsOf(reports, 0), [['d26', 'd27', 'd28']], 'wording alone groups them');
    assert.deepEqual(groupsOf(reports), []);
  });

  it('does not group one-sentence posts that name another place', () => {
    const posts = [
      doc('a', village('Новая Ильинка'), 27),
      doc('b', village('Воровское'), 28),
      doc('c', village('Раздольное'), 29),
    ];
    assert.deepEqual(groupsOf(posts, 0), [['a', 'b', 'c']], 'wording alone groups them');
    assert.deepEqual(groupsOf(posts), []);
  });

  it('still groups a copy that repeats the figures, with a figure or a name dropped or added', () => {
    const original = losses('250', 'уничтожены два танка');
    assert.deepEqual(
      groupsOf([
        doc('orig', original, 26),
        doc('copy', `${original}. Подробности у Ивана Петрова`, 27),
        doc('short', losses('250', 'уничтожены танки'), 28),
      ]),
      [['orig', 'copy', 'short']],
    );
  });

  it('groups a digest with the post it holds, but not with a post of another figure', () => {
    assert.deepEqual(
      groupsOf([
        doc('post', losses('250', 'уничтожены два танка'), 26),
        doc('other-day', losses('255', 'уничтожены два танка'), 27),
        doc('digest', DIGEST, 28),
      ]),
      [['post', 'digest']],
    );
  });

  it('reads figures written as digits with separators or as words, and keeps them across storage', () => {
    const facts = extractFacts(
      'Курс превысил 99,9 рубля, погибли два человека и 1 535 военных; один из них — Иван',
    );
    const again = extractFacts('Курс превысил 99.9 рубля, погибли 2 человека и 1535 военных; Иван');
    assert.deepEqual([...facts.numbers].sort(), [...again.numbers].sort());
    assert.equal(factsSubstituted(facts, again), false);
    assert.equal(
      factsSubstituted(extractFacts('превысил 115 рублей'), extractFacts('превысил 120 рублей')),
      true,
    );
    const index = createDuplicateIndex();
    const signature = index.sign(doc('x', losses('250', 'уничтожены два танка'), 26));
    const decoded = decodeSignature('x', encodeSignature(signature, 128), doc('x', '', 26), 128);
    assert.deepEqual(
      [decoded.numbers, decoded.names, decoded.slots],
      [signature.numbers, signature.names, signature.slots],
    );
  });
});
