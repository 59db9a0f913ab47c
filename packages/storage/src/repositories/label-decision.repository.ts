// Analysts' verdicts on narrative and technique labels, once for SQLite and PostgreSQL: one row per
// (document, kind, label), the latest decision winning.
import type { LabelDecision, LabelDecisionRepository } from '@echotrace/core';
import type { StoreContext } from '../database/unit-of-work.ts';

export function createLabelDecisionRepository(context: StoreContext): LabelDecisionRepository {
  return {
    async decide(decision) {
      const row = {
        document_id: decision.documentId,
        kind: decision.kind,
        label_id: decision.labelId,
        status: decision.status,
        analyst: decision.analyst,
        note: decision.note,
        decided_at: decision.decidedAt,
      };
      await context
        .db()
        .insertInto('label_decisions')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['document_id', 'kind', 'label_id']).doUpdateSet({
            status: row.status,
            analyst: row.analyst,
            note: row.note,
            decided_at: row.decided_at,
          }),
        )
        .execute();
    },
    async list(documentId) {
      let query = context.db().selectFrom('label_decisions').selectAll();
      if (documentId !== undefined) query = query.where('document_id', '=', documentId);
      const rows = await query.orderBy('document_id').orderBy('kind').orderBy('label_id').execute();
      return rows.map((row): LabelDecision => ({
        documentId: row.document_id,
        kind: row.kind as LabelDecision['kind'],
        labelId: row.label_id,
        status: row.status as LabelDecision['status'],
        analyst: row.analyst,
        note: row.note,
        decidedAt: row.decided_at,
      }));
    },
  };
}
