// Telegram posts as seen through channel previews, written once over Kysely for every dialect.
import type { TelegramPostRepository, TelegramPostState } from '@echotrace/core';
import type { Selectable } from 'kysely';
import type { TelegramPostsTable } from '../database/schema.ts';
import type { StoreContext } from '../database/unit-of-work.ts';

function fromRow(row: Selectable<TelegramPostsTable>): TelegramPostState {
  return {
    documentId: row.document_id,
    channel: row.channel,
    messageId: Number(row.message_id),
    views: row.views === null ? null : Number(row.views),
    edited: Number(row.edited) === 1,
    forwardedFrom: row.forwarded_from,
    forwardedFromUrl: row.forwarded_from_url,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    deletedAt: row.deleted_at,
  };
}

export function createTelegramPostRepository(context: StoreContext): TelegramPostRepository {
  return {
    async recordSeen(states) {
      for (const state of states) {
        await context
          .db()
          .insertInto('telegram_posts')
          .values({
            document_id: state.documentId,
            channel: state.channel,
            message_id: state.messageId,
            views: state.views,
            edited: state.edited ? 1 : 0,
            forwarded_from: state.forwardedFrom,
            forwarded_from_url: state.forwardedFromUrl,
            first_seen_at: state.lastSeenAt,
            last_seen_at: state.lastSeenAt,
            deleted_at: null,
          })
          .onConflict((oc) =>
            oc.column('document_id').doUpdateSet((eb) => ({
              views: eb.ref('excluded.views'),
              // Once edited, always edited: a later page may no longer say so.
              edited: state.edited ? 1 : eb.ref('telegram_posts.edited'),
              forwarded_from: eb.ref('excluded.forwarded_from'),
              forwarded_from_url: eb.ref('excluded.forwarded_from_url'),
              last_seen_at: eb.ref('excluded.last_seen_at'),
              deleted_at: null,
            })),
          )
          .execute();
      }
    },
    async forChannel(channel, fromId, toId) {
      const rows = await context
        .db()
        .selectFrom('telegram_posts')
        .selectAll()
        .where('channel', '=', channel)
        .where('message_id', '>=', fromId)
        .where('message_id', '<=', toId)
        .orderBy('message_id')
        .execute();
      return rows.map(fromRow);
    },
    async markDeleted(documentIds, at) {
      if (documentIds.length === 0) return;
      await context
        .db()
        .updateTable('telegram_posts')
        .set({ deleted_at: at })
        .where('document_id', 'in', [...documentIds])
        .where('deleted_at', 'is', null)
        .execute();
    },
    async get(documentId) {
      const row = await context
        .db()
        .selectFrom('telegram_posts')
        .selectAll()
        .where('document_id', '=', documentId)
        .executeTakeFirst();
      return row ? fromRow(row) : null;
    },
  };
}
