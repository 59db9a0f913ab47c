// The fetch archive's index (one row per HTTP exchange), written once over Kysely for every dialect.
// Times are ISO 8601 UTC text of one precision, so text order is time order (byte-wise on
// PostgreSQL too: the columns are COLLATE "C").
import type { ArchiveEntry, ArchiveQuery, ArchiveRepository } from '@echotrace/core';
import { sql } from 'kysely';
import type { StoreContext } from '../database/unit-of-work.ts';
import { archiveFromRow } from '../rows/archive.rows.ts';

export function createArchiveRepository(context: StoreContext): ArchiveRepository {
  const entries = () => context.db().selectFrom('archive_entries').selectAll();
  const get = async (id: string): Promise<ArchiveEntry | null> => {
    const row = await entries().where('id', '=', id).executeTakeFirst();
    return row ? archiveFromRow(row) : null;
  };
  return {
    async record(entry) {
      await context
        .db()
        .insertInto('archive_entries')
        .values({
          id: entry.id,
          request_url: entry.requestUrl,
          final_url: entry.finalUrl,
          status: entry.status,
          status_text: entry.statusText,
          headers: JSON.stringify(entry.headers),
          request_headers: JSON.stringify(entry.requestHeaders),
          fetched_at: entry.fetchedAt,
          sha256: entry.sha256,
          byte_length: entry.byteLength,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      return (await get(entry.id))!;
    },
    get,
    async list(query: ArchiveQuery) {
      if (query.sha256s && query.sha256s.length === 0) return [];
      let select = entries();
      if (query.from) select = select.where('fetched_at', '>=', query.from);
      if (query.to) select = select.where('fetched_at', '<', query.to);
      if (query.sha256s) select = select.where('sha256', 'in', query.sha256s);
      if (query.afterId) {
        const afterId = query.afterId;
        select = select.where(
          sql<boolean>`(fetched_at, id) > (SELECT fetched_at, id FROM archive_entries WHERE id = ${afterId})`,
        );
      }
      select = select.orderBy('fetched_at').orderBy('id');
      if (query.limit) select = select.limit(query.limit);
      return (await select.execute()).map(archiveFromRow);
    },
    async latestFor(requestUrl) {
      const row = await entries()
        .where('request_url', '=', requestUrl)
        .where('status', '>=', 200)
        .where('status', '<=', 299)
        .orderBy('fetched_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? archiveFromRow(row) : null;
    },
  };
}
