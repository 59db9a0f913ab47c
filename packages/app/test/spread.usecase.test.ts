// Spread on a real SQLite store: the order and delay of first appearances, copies and forwards as
// edges, the distinct-sources curve per label and the date a story crossed from fringe to mainstream.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { selectionFromText, spread } from '@echotrace/app';
import { Story } from './helpers/story.builders.ts';

describe('spread', () => {
  it('orders sources by first appearance and measures when fringe was reached and outnumbered by mainstream', async () => {
    const story = await Story.open();
    await story.source('fringe-a', ['fringe']);
    await story.source('fringe-b', ['fringe']);
    await story.source('paper-a', ['mainstream']);
    await story.source('paper-b', ['mainstream']);
    await story.source('paper-c', ['mainstream']);
    await story.source('channel', ['telegram'], {
      kind: 'telegram',
      homepage: 'https://t.me/fringe_channel',
    });
    const origin = await story.document({
      source: 'fringe-a',
      at: '2022-05-01T10:00:00Z',
      text: 'Треугольник: начало.',
    });
    await story.document({ source: 'fringe-a', at: '2022-05-03T10:00:00Z', text: 'Треугольник снова.' });
    await story.document({ source: 'fringe-b', at: '2022-05-02T10:00:00Z', text: 'Треугольник у соседей.' });
    const forward = await story.document({
      source: 'channel',
      at: '2022-05-01T16:00:00Z',
      text: 'Треугольник: начало.',
    });
    const copy = await story.document({
      source: 'paper-a',
      at: '2023-01-10T10:00:00Z',
      text: 'Треугольник: начало.',
    });
    await story.document({ source: 'paper-b', at: '2023-02-01T10:00:00Z', text: 'Треугольник обсуждают.' });
    await story.document({ source: 'paper-c', at: '2023-02-01T12:00:00Z', text: 'Треугольник везде.' });
    await story.document({ source: 'paper-c', at: null, text: 'Треугольник без даты.' });
    await story.store.duplicates.setGroups([
      { documentId: origin, groupId: origin },
      { documentId: copy, groupId: origin },
    ]);
    await story.store.duplicates.recordForward({ documentId: forward, fromChannel: 'Fringe A TG' });
    await story.source('fringe-a', ['fringe'], { kind: 'telegram', name: 'Fringe A TG' });

    const result = await spread(story.store, {
      selection: selectionFromText('треугольник'),
      labels: ['fringe', 'mainstream'],
    });
    assert.equal(result.documents, 7, 'dated documents only');
    assert.deepEqual(
      result.sources.map((s) => [s.order, s.sourceId, s.delayHours, s.documents]),
      [
        [1, 'fringe-a', 0, 2],
        [2, 'channel', 6, 1],
        [3, 'fringe-b', 24, 1],
        [4, 'paper-a', 6096, 1],
        [5, 'paper-b', 6624, 1],
        [6, 'paper-c', 6626, 1],
      ],
    );
    assert.deepEqual(
      result.links.map((l) => [l.kind, l.fromSourceId, l.toSourceId, l.documents, l.delayHours]),
      [
        ['forward', 'fringe-a', 'channel', 1, 6],
        ['copy', 'fringe-a', 'paper-a', 1, 6096],
      ],
    );
    assert.deepEqual(result.curve, [
      { day: '2022-05-01', sources: 2, byLabel: { fringe: 1, mainstream: 0 } },
      { day: '2022-05-02', sources: 3, byLabel: { fringe: 2, mainstream: 0 } },
      { day: '2023-01-10', sources: 4, byLabel: { fringe: 2, mainstream: 1 } },
      { day: '2023-02-01', sources: 6, byLabel: { fringe: 2, mainstream: 3 } },
    ]);
    assert.deepEqual(result.crossings, [
      {
        from: 'fringe',
        to: 'mainstream',
        reachedUtc: '2023-01-10T10:00:00.000Z',
        delayHours: 6096,
        overtookDay: '2023-02-01',
      },
    ]);
    assert.deepEqual(
      result.labels.map((l) => [l.label, l.firstSourceId, l.sources]),
      [
        ['fringe', 'fringe-a', 2],
        ['mainstream', 'paper-a', 3],
      ],
    );

    // A copy group alone: the original and its copy.
    const group = await spread(story.store, { selection: selectionFromText(`group:${copy}`) });
    assert.deepEqual(
      group.sources.map((s) => s.sourceId),
      ['fringe-a', 'paper-a'],
    );
    assert.deepEqual(
      group.crossings.map((c) => [c.from, c.to, c.overtookDay]),
      [['fringe', 'mainstream', '2023-01-10']],
    );
    await story.store.close();
  });

  it('is empty for a query nothing matches', async () => {
    const story = await Story.open();
    await story.source('a', []);
    await story.document({ source: 'a', at: '2024-01-01', text: 'Погода.' });
    const result = await spread(story.store, { selection: selectionFromText('треугольник') });
    assert.deepEqual(result, { documents: 0, sources: [], links: [], curve: [], labels: [], crossings: [] });
    await story.store.close();
  });
});
