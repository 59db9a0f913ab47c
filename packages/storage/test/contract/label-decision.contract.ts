// The label decision repository contract: every dialect's LabelDecisionRepository must pass it.
import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import type { LabelDecision, Store } from '@echotrace/core';
import type { StoreFactory } from './store.contract.ts';

export function describeLabelDecisionRepositoryContract(adapter: string, factory: StoreFactory): void {
  describe(`LabelDecisionRepository contract: ${adapter}`, () => {
    let current: Store | undefined;
    const decision = (over: Partial<LabelDecision>): LabelDecision => ({
      documentId: 'd1',
      kind: 'narrative',
      labelId: 'urw-discrediting-ukraine',
      status: 'rejected',
      analyst: 'ana',
      note: 'plain reporting',
      decidedAt: '2026-12-02T10:00:00Z',
      ...over,
    });

    beforeEach(async () => {
      if (current) await factory.destroy(current);
      current = await factory.create();
    });
    after(async () => {
      if (current) await factory.destroy(current);
    });

    it('keeps one verdict per document, kind and label, the latest winning', async () => {
      const repo = current!.labelDecisions;
      await repo.decide(decision({}));
      await repo.decide(decision({ kind: 'technique', labelId: 'Loaded_Language', status: 'confirmed' }));
      await repo.decide(decision({ documentId: 'd0', status: 'confirmed' }));
      await repo.decide(
        decision({ status: 'confirmed', note: 'on second reading', decidedAt: '2026-12-02T11:00:00Z' }),
      );
      const all = await repo.list();
      assert.deepEqual(
        all.map((d) => [d.documentId, d.kind, d.labelId, d.status, d.note]),
        [
          ['d0', 'narrative', 'urw-discrediting-ukraine', 'confirmed', 'plain reporting'],
          ['d1', 'narrative', 'urw-discrediting-ukraine', 'confirmed', 'on second reading'],
          ['d1', 'technique', 'Loaded_Language', 'confirmed', 'plain reporting'],
        ],
      );
      assert.deepEqual(
        (await repo.list('d0')).map((d) => d.decidedAt),
        ['2026-12-02T10:00:00Z'],
      );
    });

    it('refuses a kind or status the table does not know', async () => {
      await assert.rejects(
        current!.labelDecisions.decide(decision({ status: 'maybe' as LabelDecision['status'] })),
      );
      assert.deepEqual(await current!.labelDecisions.list(), []);
    });
  });
}
