// The thread executor's failure path: a thread started early that dies while building its enrichers
// fails the tasks sent to it afterwards instead of leaving them waiting for ever.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SanctionsEntry } from '@echotrace/core';
import { createThreadExecutor, EnrichmentThreadError } from '@echotrace/app';

describe('createThreadExecutor', () => {
  it('rejects tasks sent after an early-started thread died building its enrichers', async () => {
    let readies = 0;
    const broken = { id: 'x', name: 'X', kind: 'person' } as unknown as SanctionsEntry; // no aliases
    const executor = createThreadExecutor({ entities: [], decisions: [], sanctions: [broken] }, 1, {
      eager: true,
      onReady: () => readies++,
    });
    try {
      // Give the thread the time to start and fail.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const text = 'Текст';
      const task = {
        document: {
          id: 'd',
          key: 'd',
          sourceId: 's',
          captureSha256: '0'.repeat(64),
          text,
          paragraphs: [{ start: 0, end: text.length }],
          title: null,
          byline: null,
          publishedAt: null,
          language: 'ru',
          canonicalUrl: null,
          ingestedAt: '2024-01-01T00:00:00Z',
        },
        producers: ['entities'],
        stored: [],
      };
      await assert.rejects(executor.enrich([task]), EnrichmentThreadError);
      assert.equal(readies, 0);
    } finally {
      await executor.close();
    }
  });
});
