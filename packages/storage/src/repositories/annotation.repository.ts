// Annotations (spans a producer found in a document), written once over Kysely for every dialect.
import type { AnnotationRepository } from '@echotrace/core';
import type { StoreContext } from '../database/unit-of-work.ts';
import { annotationFromRow } from '../rows/foundation.rows.ts';

// Ten columns a row: 500 rows stay well under either database's limit on bind parameters.
const ROWS_PER_STATEMENT = 500;

export function createAnnotationRepository(context: StoreContext): AnnotationRepository {
  return {
    async replace(documentId, producer, annotations, options = {}) {
      if (options.documentIsNew && annotations.length === 0) return;
      await context.transaction(async () => {
        if (!options.documentIsNew)
          await context
            .db()
            .deleteFrom('annotations')
            .where('document_id', '=', documentId)
            .where('producer', '=', producer)
            .execute();
        for (let at = 0; at < annotations.length; at += ROWS_PER_STATEMENT) {
          const rows = annotations.slice(at, at + ROWS_PER_STATEMENT).map((a) => ({
            id: a.id,
            document_id: documentId,
            kind: a.kind,
            label: a.label,
            start_offset: a.start,
            end_offset: a.end,
            confidence: a.confidence,
            producer,
            producer_version: a.producerVersion,
            attributes: JSON.stringify(a.attributes),
          }));
          await context.db().insertInto('annotations').values(rows).execute();
        }
      });
    },
    async forDocument(documentId) {
      const rows = await context
        .db()
        .selectFrom('annotations')
        .selectAll()
        .where('document_id', '=', documentId)
        .orderBy('start_offset')
        .orderBy('end_offset')
        .orderBy('kind')
        .orderBy('id')
        .execute();
      return rows.map(annotationFromRow);
    },
    async find(query) {
      let select = context.db().selectFrom('annotations').selectAll();
      if (query.kind) select = select.where('kind', '=', query.kind);
      if (query.label) select = select.where('label', '=', query.label);
      if (query.documentId) select = select.where('document_id', '=', query.documentId);
      const rows = await select
        .orderBy('document_id')
        .orderBy('start_offset')
        .orderBy('id')
        .limit(query.limit ?? 1000)
        .execute();
      return rows.map(annotationFromRow);
    },
  };
}
