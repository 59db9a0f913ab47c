import type { AnnotationRepository } from '@echotrace/core';
import { annotationFromRow, type AnnotationRow } from '../rows/foundation.rows.ts';
import type { Sql } from './sql.client.ts';

const COLUMNS =
  'id, document_id, kind, label, start_offset, end_offset, confidence, producer, producer_version, attributes';

export function createAnnotationRepository(sql: Sql): AnnotationRepository {
  return {
    async replace(documentId, producer, annotations) {
      await sql.transaction(async () => {
        await sql.run('DELETE FROM annotations WHERE document_id = $1 AND producer = $2', [
          documentId,
          producer,
        ]);
        for (const a of annotations) {
          await sql.run(
            `INSERT INTO annotations (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
            [
              a.id,
              documentId,
              a.kind,
              a.label,
              a.start,
              a.end,
              a.confidence,
              producer,
              a.producerVersion,
              JSON.stringify(a.attributes),
            ],
          );
        }
      });
    },
    async forDocument(documentId) {
      return (
        await sql.rows<AnnotationRow>(
          `SELECT ${COLUMNS} FROM annotations WHERE document_id = $1 ORDER BY start_offset, end_offset, kind, id`,
          [documentId],
        )
      ).map(annotationFromRow);
    },
    async find(query) {
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (column: string, value: string | undefined): void => {
        if (!value) return;
        params.push(value);
        where.push(`${column} = $${params.length}`);
      };
      add('kind', query.kind);
      add('label', query.label);
      add('document_id', query.documentId);
      params.push(query.limit ?? 1000);
      return (
        await sql.rows<AnnotationRow>(
          `SELECT ${COLUMNS} FROM annotations ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
           ORDER BY document_id, start_offset, id LIMIT $${params.length}`,
          params,
        )
      ).map(annotationFromRow);
    },
  };
}
