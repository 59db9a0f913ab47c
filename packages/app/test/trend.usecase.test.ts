// Attention over time on a real SQLite store: shares against everything in scope, splits by source,
// language and label, zero-filled periods, and change points that a real rise triggers and a mere
// rise in volume does not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baseline, periodOf, periodRange, selectionFromText, trend } from '@echotrace/app';
import { days, Story } from './helpers/story.builders.ts';

describe('periods', () => {
  it('names weeks by their Monday and lists every period between two', () => {
    assert.equal(periodOf('2024-03-03', 'week'), '2024-02-26'); // a Sunday
    assert.equal(periodOf('2024-03-04', 'week'), '2024-03-04'); // a Monday
    assert.equal(periodOf('2024-03-31', 'month'), '2024-03');
    assert.deepEqual(periodRange('2023-11', '2024-02', 'month'), [
      '2023-11',
      '2023-12',
      '2024-01',
      '2024-02',
    ]);
    assert.deepEqual(periodRange('2024-02-28', '2024-03-01', 'day'), [
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
  });
});

describe('change points', () => {
  it('marks a share far above the median of the previous periods, and not before there is history', () => {
    const flat = Array.from({ length: 10 }, () => ({ documents: 2, total: 100 }));
    const series = [...flat, { documents: 12, total: 100 }, { documents: 2, total: 100 }];
    const marked = baseline(series);
    assert.deepEqual(
      marked.map((m) => m.change),
      [...flat.map(() => null), 'rise', null],
    );
    assert.equal(marked[10]!.expected, 2);
    assert.equal(marked[10]!.z, Math.round(((12 - 2) / Math.sqrt(2)) * 100) / 100);
    assert.equal(baseline(series.slice(0, 3).concat([{ documents: 50, total: 100 }]))[3]!.change, null);
  });

  it('does not mark more documents on a busier day when the share stays the same', () => {
    const series = [
      ...Array.from({ length: 8 }, () => ({ documents: 5, total: 100 })),
      { documents: 50, total: 1000 },
    ];
    assert.equal(baseline(series).at(-1)!.change, null);
  });

  it('marks a drop when a steady subject disappears', () => {
    const series = [
      ...Array.from({ length: 8 }, () => ({ documents: 20, total: 100 })),
      { documents: 2, total: 100 },
    ];
    assert.equal(baseline(series).at(-1)!.change, 'drop');
  });
});

describe('trend', () => {
  it('counts a query per week, as shares of all documents in scope, split by label, with its rise', async () => {
    const story = await Story.open();
    await story.source('fringe-daily', ['fringe']);
    await story.source('big-paper', ['mainstream', 'state-affiliated']);
    await story.source('quiet-blog', []);
    // Ten weeks of routine news, one mention of the triangle a week in the fringe outlet …
    for (const day of days('2024-01-01', 10, 7)) {
      await story.document({ source: 'fringe-daily', at: day, text: 'Восточный треугольник снова.' });
      for (let i = 0; i < 4; i++)
        await story.document({ source: 'big-paper', at: day, text: 'Погода и спорт.' });
    }
    // … then the mainstream picks it up in week 11.
    for (let i = 0; i < 6; i++)
      await story.document({
        source: 'big-paper',
        at: '2024-03-12',
        text: 'Восточный треугольник обсуждают.',
      });
    await story.document({ source: 'quiet-blog', at: '2024-03-13', text: 'Треугольник восточный.' });
    await story.document({ source: 'fringe-daily', at: null, text: 'Восточный треугольник без даты.' });

    const result = await trend(story.store, {
      selection: selectionFromText('"восточный треугольник"'),
      interval: 'week',
      by: 'label',
    });
    assert.equal(result.documents, 16);
    assert.equal(result.periods.length, 11);
    assert.equal(result.periods[0], '2024-01-01');
    assert.deepEqual(
      result.series.map((s) => [s.key, s.documents]),
      [
        ['fringe', 10],
        ['mainstream', 6],
        ['state-affiliated', 6],
      ],
    );
    const mainstream = result.series.find((s) => s.key === 'mainstream')!;
    const last = mainstream.points.at(-1)!;
    assert.deepEqual([last.period, last.documents, last.total, last.share], ['2024-03-11', 6, 6, 1]);
    assert.equal(mainstream.points[0]!.share, 0);
    assert.deepEqual(
      result.changes.map((c) => [c.key, c.period, c.direction]),
      [
        ['mainstream', '2024-03-11', 'rise'],
        ['state-affiliated', '2024-03-11', 'rise'],
      ],
    );
    // The phrase query leaves out the blog's reversed words; a word query finds them, unlabeled.
    const words = await trend(story.store, {
      selection: selectionFromText('треугольник'),
      interval: 'month',
      by: 'label',
    });
    assert.deepEqual(
      words.series.map((s) => s.key),
      ['fringe', 'mainstream', 'state-affiliated', '(no label)'],
    );
    await story.store.close();
  });

  it('splits by source and language, and restricts the totals to the query scope', async () => {
    const story = await Story.open();
    await story.source('a', ['fringe']);
    await story.source('b', ['mainstream']);
    await story.document({ source: 'a', at: '2024-05-01', text: 'Санкции.' });
    await story.document({ source: 'a', at: '2024-05-01', text: 'Sanctions.', language: 'en' });
    await story.document({ source: 'b', at: '2024-05-02', text: 'Санкции и санкции.' });
    await story.document({ source: 'b', at: '2024-05-02', text: 'Другое.' });
    const bySource = await trend(story.store, {
      selection: selectionFromText('санкции OR sanctions'),
      interval: 'day',
      by: 'source',
    });
    assert.deepEqual(
      bySource.series.map((s) => [s.key, s.points.map((p) => [p.period, p.documents, p.total])]),
      [
        [
          'a',
          [
            ['2024-05-01', 2, 2],
            ['2024-05-02', 0, 0],
          ],
        ],
        [
          'b',
          [
            ['2024-05-01', 0, 0],
            ['2024-05-02', 1, 2],
          ],
        ],
      ],
    );
    const byLang = await trend(story.store, {
      selection: selectionFromText('санкции OR sanctions'),
      interval: 'month',
      by: 'lang',
    });
    assert.deepEqual(
      byLang.series.map((s) => [s.key, s.documents, s.points[0]!.total]),
      [
        ['ru', 2, 3],
        ['en', 1, 1],
      ],
    );
    const scoped = await trend(story.store, {
      selection: selectionFromText('санкции source:b'),
      interval: 'month',
    });
    assert.deepEqual(
      scoped.series.map((s) => [s.key, s.points[0]!.documents, s.points[0]!.total]),
      [['all', 1, 2]],
    );
    const ranged = await trend(story.store, {
      selection: selectionFromText('санкции', { from: '2024-05-02', to: '2024-05-02' }),
      interval: 'day',
    });
    assert.deepEqual(ranged.periods, ['2024-05-02']);
    await story.store.close();
  });
});
