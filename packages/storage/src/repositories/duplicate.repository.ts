// Core's DuplicateRepository, once for SQLite and PostgreSQL: signatures, groups of copies, forward
// edges. Batches are written as multi-row statements, one unit of work per call.
import type { DuplicateCopy, DuplicateRepository, ForwardEdge } from '@echotrace/core';
import type { Selectable } from 'kysely';
import type { ForwardEdgesTable } from '../database/schema.ts';
import type { StoreContext } from '../database/unit-of-work.ts';

// Rows per multi-row statement, well under either database's limit on bind parameters.
const ROWS_PER_STATEMENT = 1000;

const forwardFromRow = (row: Selectable<ForwardEdgesTable>): ForwardEdge => ({
  documentId: row.document_id,
  fromChannel: row.from_channel,
  fromMessageId: row.from_message_id === '' ? null : row.from_message_id,
});

/**
 * Keeps the last row per key, in first-seen order: a key given twice in one statement would make
 * ON CONFLICT DO UPDATE fail, and the later row wins, as when rows are applied one by one.
 */
function lastPerKey<T>(rows: T[], key: (row: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const row of rows) byKey.set(key(row), row);
  return [...byKey.values()];
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += ROWS_PER_STATEMENT)
    out.push(items.slice(at, at + ROWS_PER_STATEMENT));
  return out;
}

export function createDuplicateRepository(context: StoreContext): DuplicateRepository {
  const { dialect } = context;
  return {
    async putSignatures(list) {
      const rows = lastPerKey(list, (s) => s.documentId).map((s) => ({
        document_id: s.documentId,
        scheme: s.scheme,
        content_sha256: s.contentSha256,
        // better-sqlite3 binds a Buffer, not a bare Uint8Array.
        data: Buffer.from(s.data.buffer, s.data.byteOffset, s.data.byteLength),
      }));
      if (rows.length === 0) return;
      await context.transaction(async () => {
        for (const chunk of chunks(rows)) {
          // Replacing keeps the first sequence, so a re-signed document keeps its place in rebuild order.
          await context
            .db()
            .insertInto('document_signatures')
            .values(chunk)
            .onConflict((oc) =>
              oc.column('document_id').doUpdateSet((eb) => ({
                scheme: eb.ref('excluded.scheme'),
                content_sha256: eb.ref('excluded.content_sha256'),
                data: eb.ref('excluded.data'),
              })),
            )
            .execute();
        }
      });
    },
    async signatures(page) {
      const rows = await context
        .db()
        .selectFrom('document_signatures as s')
        .innerJoin('documents as d', 'd.id', 's.document_id')
        .select([
          's.sequence',
          's.document_id',
          's.scheme',
          's.content_sha256',
          's.data',
          'd.published_at',
          'd.ingested_at',
        ])
        .where('s.sequence', '>', page.afterSequence ?? 0)
        .orderBy('s.sequence')
        .limit(page.limit)
        .execute();
      return rows.map((row) => {
        const data = dialect.decodeBytes(row.data);
        return {
          sequence: Number(row.sequence),
          documentId: row.document_id,
          scheme: row.scheme,
          contentSha256: row.content_sha256,
          data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
          publishedAt: row.published_at,
          ingestedAt: row.ingested_at,
        };
      });
    },
    async unsignedDocumentIds(scheme, page) {
      const rows = await context
        .db()
        .selectFrom('documents as d')
        .leftJoin('document_signatures as s', 's.document_id', 'd.id')
        .select('d.id')
        .where('d.id', '>', page.afterId ?? '')
        .where((eb) =>
          eb.or([
            eb('s.document_id', 'is', null),
            eb('s.scheme', '<>', scheme),
            eb('s.content_sha256', '<>', eb.ref('d.content_sha256')),
          ]),
        )
        .orderBy('d.id')
        .limit(page.limit)
        .execute();
      return rows.map((row) => row.id);
    },
    async setGroups(memberships) {
      const rows = lastPerKey(memberships, (m) => m.documentId).map((m) => ({
        document_id: m.documentId,
        group_id: m.groupId,
      }));
      if (rows.length === 0) return;
      await context.transaction(async () => {
        for (const chunk of chunks(rows)) {
          await context
            .db()
            .insertInto('duplicate_members')
            .values(chunk)
            .onConflict((oc) =>
              oc.column('document_id').doUpdateSet((eb) => ({ group_id: eb.ref('excluded.group_id') })),
            )
            .execute();
        }
      });
    },
    async clearGroups() {
      await context.db().deleteFrom('duplicate_members').execute();
    },
    async groupOf(documentId) {
      const row = await context
        .db()
        .selectFrom('duplicate_members')
        .select('group_id')
        .where('document_id', '=', documentId)
        .executeTakeFirst();
      return row?.group_id ?? null;
    },
    async copiesOf(documentId) {
      const rows = await context
        .db()
        .selectFrom('duplicate_members as m')
        .innerJoin('documents as d', 'd.id', 'm.document_id')
        .select([
          'd.id',
          'd.source_id',
          'd.title',
          'd.published_at',
          'd.ingested_at',
          'd.canonical_url',
          'm.group_id',
        ])
        .where('m.group_id', '=', (eb) =>
          eb.selectFrom('duplicate_members').select('group_id').where('document_id', '=', documentId),
        )
        // Times compare as ISO text in byte order on both databases.
        .orderBy((eb) =>
          eb.fn.coalesce(
            dialect.binaryText(eb.ref('d.published_utc')),
            dialect.binaryText(eb.ref('d.ingested_at')),
          ),
        )
        .orderBy((eb) => dialect.binaryText(eb.ref('d.ingested_at')))
        .orderBy('d.id')
        .execute();
      return rows.map((row): DuplicateCopy => ({
        documentId: row.id,
        sourceId: row.source_id,
        title: row.title,
        publishedAt: row.published_at,
        ingestedAt: row.ingested_at,
        canonicalUrl: row.canonical_url,
        original: row.id === row.group_id,
      }));
    },
    async recordForward(edge) {
      await context
        .db()
        .insertInto('forward_edges')
        .values({
          document_id: edge.documentId,
          from_channel: edge.fromChannel,
          from_message_id: edge.fromMessageId ?? '',
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    },
    async forwardsOf(documentId) {
      const rows = await context
        .db()
        .selectFrom('forward_edges')
        .selectAll()
        .where('document_id', '=', documentId)
        .orderBy('from_channel')
        .orderBy('from_message_id')
        .execute();
      return rows.map(forwardFromRow);
    },
    async forwardsFrom(fromChannel, limit = 1000) {
      const rows = await context
        .db()
        .selectFrom('forward_edges')
        .selectAll()
        .where('from_channel', '=', fromChannel)
        .orderBy('document_id')
        .orderBy('from_message_id')
        .limit(limit)
        .execute();
      return rows.map(forwardFromRow);
    },
  };
}
