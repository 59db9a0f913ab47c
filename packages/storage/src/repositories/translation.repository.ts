// Translations of document spans, written once over Kysely for every dialect. A machine run
// replaces only untouched machine output: the upsert's WHERE keeps an analyst's edit or approval.
// Every write re-indexes the document with its translations after its own text, so a search in
// English finds a Russian document translated into English (docs/translation.md). A new version
// of the document is indexed from its own text again, until it is translated anew.
import { NotFoundError } from '@echotrace/core';
import type { StoredTranslation, TranslationOrigin, TranslationRepository } from '@echotrace/core';
import type { Selectable } from 'kysely';
import type { TranslationsTable } from '../database/schema.ts';
import type { StoreContext } from '../database/unit-of-work.ts';

function fromRow(row: Selectable<TranslationsTable>): StoredTranslation {
  return {
    id: row.id,
    documentId: row.document_id,
    start: Number(row.span_start),
    end: Number(row.span_end),
    sourceLanguage: row.source_language,
    targetLanguage: row.target_language,
    text: row.text,
    origin: row.origin as TranslationOrigin,
    provider: row.provider,
    model: row.model,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    approvedAt: row.approved_at,
  };
}

export function createTranslationRepository(context: StoreContext): TranslationRepository {
  const get = async (id: string): Promise<StoredTranslation | null> => {
    const row = await context
      .db()
      .selectFrom('translations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? fromRow(row) : null;
  };
  const required = async (id: string): Promise<StoredTranslation> => {
    const found = await get(id);
    if (!found) throw new NotFoundError('translation', id);
    return found;
  };
  const putAll = async (
    translations: Parameters<TranslationRepository['putMachine']>[0],
  ): Promise<number> => {
    let written = 0;
    for (const t of translations) {
      const result = await context
        .db()
        .insertInto('translations')
        .values({
          id: t.id,
          document_id: t.documentId,
          span_start: t.start,
          span_end: t.end,
          source_language: t.sourceLanguage,
          target_language: t.targetLanguage,
          text: t.text,
          origin: 'machine',
          provider: t.provider,
          model: t.model,
          created_at: t.createdAt,
          edited_at: null,
          approved_at: null,
        })
        .onConflict((oc) =>
          oc
            .columns(['document_id', 'target_language', 'span_start', 'span_end'])
            .doUpdateSet((eb) => ({
              text: eb.ref('excluded.text'),
              source_language: eb.ref('excluded.source_language'),
              provider: eb.ref('excluded.provider'),
              model: eb.ref('excluded.model'),
              created_at: eb.ref('excluded.created_at'),
            }))
            .where((eb) =>
              eb.and([eb('translations.origin', '=', 'machine'), eb('translations.approved_at', 'is', null)]),
            ),
        )
        .executeTakeFirst();
      written += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    return written;
  };
  const index = context.dialect.fullText.indexer(context);
  const reindex = async (documentId: string): Promise<void> => {
    const document = await context
      .db()
      .selectFrom('documents')
      .select(['rowid', 'title', 'text'])
      .where('id', '=', documentId)
      .executeTakeFirst();
    if (!document) return;
    const translated = await context
      .db()
      .selectFrom('translations')
      .select('text')
      .where('document_id', '=', documentId)
      .orderBy('target_language')
      .orderBy('span_start')
      .execute();
    const text = [document.text, ...translated.map((t) => t.text)].join('\n\n');
    const values = context.dialect.fullText.documentValues(document.title, text);
    if (Object.keys(values).length > 0)
      await context.db().updateTable('documents').set(values).where('id', '=', documentId).execute();
    await index({ rowid: Number(document.rowid), title: document.title, text, replacing: true });
  };
  return {
    putMachine(translations) {
      return context.transaction(async () => {
        const written = await putAll(translations);
        for (const documentId of new Set(translations.map((t) => t.documentId))) await reindex(documentId);
        return written;
      });
    },
    async forDocument(documentId, targetLanguage) {
      let query = context.db().selectFrom('translations').selectAll().where('document_id', '=', documentId);
      if (targetLanguage !== undefined) query = query.where('target_language', '=', targetLanguage);
      const rows = await query.orderBy('target_language').orderBy('span_start').orderBy('span_end').execute();
      return rows.map(fromRow);
    },
    get,
    edit(id, text, at) {
      return context.transaction(async () => {
        const before = await required(id);
        await context
          .db()
          .updateTable('translations')
          .set({ text, origin: 'edited', edited_at: at, approved_at: null })
          .where('id', '=', id)
          .execute();
        await reindex(before.documentId);
        return required(id);
      });
    },
    async approve(id, at) {
      await required(id);
      await context.db().updateTable('translations').set({ approved_at: at }).where('id', '=', id).execute();
      return required(id);
    },
  };
}
