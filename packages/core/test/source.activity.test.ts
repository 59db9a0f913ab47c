import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { judgeActivity } from '@echotrace/core';

describe('judgeActivity', () => {
  it('calls a source that used to publish daily and has gone quiet silent', () => {
    assert.equal(judgeActivity(0, 56, 3, 28).state, 'silent');
  });
  it('calls a sharp drop declining, and a normal week ok', () => {
    assert.equal(judgeActivity(1, 112, 3, 28).state, 'declining');
    assert.equal(judgeActivity(10, 112, 3, 28).state, 'ok');
  });
  it('does not judge sources without a baseline', () => {
    assert.equal(judgeActivity(0, 5, 3, 28).state, 'no-history');
  });
  it('reports rates per day', () => {
    assert.deepEqual(judgeActivity(3, 56, 3, 28), {
      recentPerDay: 1,
      baselinePerDay: 2,
      recentDays: 3,
      baselineDays: 28,
      state: 'ok',
    });
  });
});
