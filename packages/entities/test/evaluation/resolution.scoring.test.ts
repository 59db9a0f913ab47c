import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreClusters } from '@echotrace/entities';

describe('scoreClusters', () => {
  it('is perfect when predicted ids partition mentions exactly as gold does (ids may differ)', () => {
    const score = scoreClusters([
      [
        { gold: 'a', predicted: 'x' },
        { gold: 'a', predicted: 'x' },
        { gold: 'b', predicted: 'y' },
      ],
    ]);
    assert.deepEqual(score.b3, { precision: 1, recall: 1, f1: 1 });
    assert.equal(score.pairwise.f1, 1);
  });

  it('penalizes a split chain in recall and a merge in precision', () => {
    const split = scoreClusters([
      [
        { gold: 'a', predicted: 'x' },
        { gold: 'a', predicted: 'y' },
      ],
    ]);
    assert.deepEqual([split.b3.precision, split.b3.recall], [1, 0.5]);
    assert.deepEqual([split.pairwise.precision, split.pairwise.recall], [1, 0]);
    const merged = scoreClusters([
      [
        { gold: 'a', predicted: 'x' },
        { gold: 'b', predicted: 'x' },
      ],
    ]);
    assert.deepEqual([merged.b3.precision, merged.b3.recall], [0.5, 1]);
    assert.equal(merged.pairwise.precision, 0);
  });

  it('never links mentions across documents', () => {
    const score = scoreClusters([[{ gold: 'a', predicted: 'x' }], [{ gold: 'a', predicted: 'x' }]]);
    assert.equal(score.pairwise.goldPairs, 0);
    assert.equal(score.b3.f1, 1);
  });
});
