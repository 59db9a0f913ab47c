// Analysts' decisions on screening hits, once for SQLite and PostgreSQL: one row per (resolved
// entity, list entry) pair, the latest decision winning.
import type { SanctionsDecision, SanctionsRepository } from '@echotrace/core';
import type { StoreContext } from '../database/unit-of-work.ts';

export function createSanctionsDecisionMethods(
  context: StoreContext,
): Pick<SanctionsRepository, 'decide' | 'decisions'> {
  return {
    async decide(decision) {
      const row = {
        entity_id: decision.entityId,
        list: decision.list,
        entry_id: decision.listEntryId,
        status: decision.status,
        reason: decision.reason,
        decided_at: decision.decidedAt,
      };
      await context
        .db()
        .insertInto('sanctions_decisions')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['entity_id', 'list', 'entry_id']).doUpdateSet({
            status: row.status,
            reason: row.reason,
            decided_at: row.decided_at,
          }),
        )
        .execute();
    },
    async decisions(entityId) {
      let query = context.db().selectFrom('sanctions_decisions').selectAll();
      if (entityId !== undefined) query = query.where('entity_id', '=', entityId);
      const rows = await query.orderBy('entity_id').orderBy('list').orderBy('entry_id').execute();
      return rows.map((row): SanctionsDecision => ({
        entityId: row.entity_id,
        list: row.list,
        listEntryId: row.entry_id,
        status: row.status as SanctionsDecision['status'],
        reason: row.reason,
        decidedAt: row.decided_at,
      }));
    },
  };
}
