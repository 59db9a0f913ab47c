// Dispatches, their blocks and the excerpts they cite, written once over Kysely for every dialect.
import type { Dispatch, DispatchItem, DispatchRepository, Excerpt } from '@echotrace/core';
import type { Selectable } from 'kysely';
import type { DispatchesTable, ExcerptsTable } from '../database/schema.ts';
import type { StoreContext } from '../database/unit-of-work.ts';

function dispatchOf(row: Selectable<DispatchesTable>): Dispatch {
  return {
    id: row.id,
    headline: row.headline,
    subheadline: row.subheadline,
    date: row.dated,
    summary: row.summary,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function excerptOf(row: Selectable<ExcerptsTable>): Excerpt {
  return {
    id: row.id,
    documentId: row.document_id,
    captureSha256: row.capture_sha256,
    start: Number(row.span_start),
    end: Number(row.span_end),
    text: row.text,
    annotationId: row.annotation_id,
    translation: row.translation,
    translationOrigin: row.translation_origin as Excerpt['translationOrigin'],
    translationBy: row.translation_by,
    note: row.note,
    createdAt: row.created_at,
  };
}

const dispatchRow = (d: Dispatch) => ({
  id: d.id,
  headline: d.headline,
  subheadline: d.subheadline,
  dated: d.date,
  summary: d.summary,
  created_at: d.createdAt,
  updated_at: d.updatedAt,
});

export function createDispatchRepository(context: StoreContext): DispatchRepository {
  return {
    async create(dispatch) {
      await context.db().insertInto('dispatches').values(dispatchRow(dispatch)).execute();
    },
    async get(id) {
      const row = await context
        .db()
        .selectFrom('dispatches')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? dispatchOf(row) : null;
    },
    async list() {
      const rows = await context
        .db()
        .selectFrom('dispatches')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(dispatchOf);
    },
    async update(dispatch) {
      const { id, ...rest } = dispatchRow(dispatch);
      await context.db().updateTable('dispatches').set(rest).where('id', '=', id).execute();
    },
    async putExcerpt(e) {
      await context
        .db()
        .insertInto('excerpts')
        .values({
          id: e.id,
          document_id: e.documentId,
          capture_sha256: e.captureSha256,
          span_start: e.start,
          span_end: e.end,
          text: e.text,
          annotation_id: e.annotationId,
          translation: e.translation,
          translation_origin: e.translationOrigin,
          translation_by: e.translationBy,
          note: e.note,
          created_at: e.createdAt,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    },
    async excerpt(id) {
      const row = await context
        .db()
        .selectFrom('excerpts')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? excerptOf(row) : null;
    },
    async reviseExcerpt(id, change) {
      await context
        .db()
        .updateTable('excerpts')
        .set({
          translation: change.translation,
          translation_origin: change.translationOrigin,
          translation_by: change.translationBy,
          note: change.note,
        })
        .where('id', '=', id)
        .execute();
    },
    async items(dispatchId) {
      const rows = await context
        .db()
        .selectFrom('dispatch_items')
        .selectAll()
        .where('dispatch_id', '=', dispatchId)
        .orderBy('position')
        .execute();
      return rows.map((row): DispatchItem =>
        row.kind === 'excerpt'
          ? { kind: 'excerpt', excerptId: row.excerpt_id! }
          : { kind: row.kind as 'heading' | 'text', text: row.text ?? '' },
      );
    },
    async replaceItems(dispatchId, items) {
      await context.transaction(async () => {
        await context.db().deleteFrom('dispatch_items').where('dispatch_id', '=', dispatchId).execute();
        for (const [position, item] of items.entries())
          await context
            .db()
            .insertInto('dispatch_items')
            .values({
              dispatch_id: dispatchId,
              position,
              kind: item.kind,
              text: item.kind === 'excerpt' ? null : item.text,
              excerpt_id: item.kind === 'excerpt' ? item.excerptId : null,
            })
            .execute();
      });
    },
  };
}
