import type { Annotation, AnnotationRepository } from '@echotrace/core';
import type Database from 'better-sqlite3';
import { annotationFromRow, type AnnotationRow } from '../rows/foundation.rows.ts';

export function createAnnotationRepository(db: Database.Database): AnnotationRepository {
  const removeProducer = db.prepare('DELETE FROM annotations WHERE document_id = ? AND producer = ?');
  const insert = db.prepare(
    `INSERT INTO annotations (id, document_id, kind, label, start_offset, end_offset, confidence, producer, producer_version, attributes)
     VALUES (@id, @documentId, @kind, @label, @start, @end, @confidence, @producer, @producerVersion, @attributes)`,
  );
  const forDocument = db.prepare(
    'SELECT * FROM annotations WHERE document_id = ? ORDER BY start_offset, end_offset, kind, id',
  );
  const replace = db.transaction((documentId: string, producer: string, annotations: Annotation[]) => {
    removeProducer.run(documentId, producer);
    for (const annotation of annotations) {
      insert.run({ ...annotation, documentId, producer, attributes: JSON.stringify(annotation.attributes) });
    }
  });
  return {
    async replace(documentId, producer, annotations) {
      replace(documentId, producer, annotations);
    },
    async forDocument(documentId) {
      return (forDocument.all(documentId) as AnnotationRow[]).map(annotationFromRow);
    },
    async find(query) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.kind) {
        where.push('kind = ?');
        params.push(query.kind);
      }
      if (query.label) {
        where.push('label = ?');
        params.push(query.label);
      }
      if (query.documentId) {
        where.push('document_id = ?');
        params.push(query.documentId);
      }
      const sql = `SELECT * FROM annotations ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY document_id, start_offset, id LIMIT ?`;
      return (db.prepare(sql).all(...params, query.limit ?? 1000) as AnnotationRow[]).map(annotationFromRow);
    },
  };
}
