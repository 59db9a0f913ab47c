// The sanctions port, once for SQLite and PostgreSQL. An import replaces a list's current content in
// one unit of work and compares it with what was there: new ids are added, missing ids are marked
// removed (kept, with the date, so history can say when an entry left the list), changed content is
// updated. Writes go in multi-row statements, so a list of ~12,000 entries with their aliases is a
// few dozen statements (round trips on PostgreSQL), not tens of thousands.
import { createHash } from 'node:crypto';
import type {
  SanctionsEntry,
  SanctionsImportRecord,
  SanctionsRelation,
  SanctionsRepository,
} from '@echotrace/core';
import { CompiledQuery, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Database, SanctionsImportsTable, SanctionsRelationsTable } from '../database/schema.ts';
import type { StoreContext } from '../database/unit-of-work.ts';
import { createSanctionsDecisionMethods } from './sanctions-decision.repository.ts';

// Rows per multi-row statement: 8 columns × 1000 stays well under SQLite's 32,766 and PostgreSQL's
// 65,535 bind parameters.
const ROWS_PER_STATEMENT = 1000;

/** What "updated" compares; stable across versions so that copied rows compare equal. */
export function sanctionsContentHash(entry: SanctionsEntry): string {
  return createHash('sha256').update(JSON.stringify(entry)).digest('hex');
}

function relationFromRow(row: Selectable<SanctionsRelationsTable>): SanctionsRelation {
  return {
    list: row.list,
    fromId: row.from_id,
    kind: row.kind as SanctionsRelation['kind'],
    ...(row.to_id !== null && { toId: row.to_id }),
    ...(row.to_name !== null && { toName: row.to_name }),
    ...(row.detail !== null && { detail: row.detail }),
    ...(row.start_date !== null && { startDate: row.start_date }),
    ...(row.end_date !== null && { endDate: row.end_date }),
  };
}

function importFromRow(row: Selectable<SanctionsImportsTable>): SanctionsImportRecord {
  return {
    id: Number(row.id),
    list: row.list,
    sources: JSON.parse(row.sources) as string[],
    publishedOn: row.published_on,
    importedAt: row.imported_at,
    added: JSON.parse(row.added) as string[],
    removed: JSON.parse(row.removed) as string[],
    updated: JSON.parse(row.updated) as string[],
    unchanged: row.unchanged,
  };
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += ROWS_PER_STATEMENT)
    out.push(items.slice(at, at + ROWS_PER_STATEMENT));
  return out;
}

/**
 * Inserts rows in multi-row statements. Every full chunk has the same statement text, so it is built
 * once and re-bound: building a 1000-row statement through the query builder costs more than SQLite
 * takes to run it, and an import writes dozens of them. Rows must all name the same columns in the
 * same order (the builder's parameter order is row by row, column by column).
 */
async function insertRows<T extends 'sanctions_entries' | 'sanctions_names' | 'sanctions_relations'>(
  db: Kysely<Database>,
  table: T,
  rows: Array<Insertable<Database[T]>>,
): Promise<void> {
  let full: CompiledQuery | undefined;
  for (const chunk of chunks(rows)) {
    if (chunk.length < ROWS_PER_STATEMENT) {
      await db.insertInto(table).values(chunk).execute();
      continue;
    }
    if (!full) {
      full = db.insertInto(table).values(chunk).compile();
      await db.executeQuery(full);
      continue;
    }
    const columns = Object.keys(chunk[0]!) as Array<keyof (typeof chunk)[number]>;
    await db.executeQuery(
      CompiledQuery.raw(
        full.sql,
        chunk.flatMap((row) => columns.map((c) => row[c])),
      ),
    );
  }
}

const parseEntries = (rows: Array<{ data: string }>): SanctionsEntry[] =>
  rows.map((row) => JSON.parse(row.data) as SanctionsEntry);

export function createSanctionsRepository(context: StoreContext): SanctionsRepository {
  return {
    ...createSanctionsDecisionMethods(context),
    importList(data) {
      return context.transaction(async () => {
        const tx = context.db();
        // Two imports of one list run one after the other: the list's row is locked for the unit
        // (PostgreSQL; SQLite's unit of work already holds the one write lock).
        await tx
          .insertInto('sanctions_lists')
          .values({ list: data.list })
          .onConflict((oc) => oc.column('list').doNothing())
          .execute();
        await context.dialect
          .lockRows(tx.selectFrom('sanctions_lists').select('list').where('list', '=', data.list))
          .execute();
        const before = new Map(
          (
            await tx
              .selectFrom('sanctions_entries')
              .select(['id', 'content_sha256', 'first_seen_at', 'removed_at'])
              .where('list', '=', data.list)
              .orderBy('id')
              .execute()
          ).map((row) => [row.id, row] as const),
        );
        const added: string[] = [];
        const updated: string[] = [];
        const rows: Array<Insertable<Database['sanctions_entries']>> = [];
        const names: Array<Insertable<Database['sanctions_names']>> = [];
        // Entries whose stored row is replaced: listed again after a removal, or changed content.
        const rewritten: string[] = [];
        let unchanged = 0;
        const seen = new Set<string>();
        for (const entry of data.entries) {
          if (seen.has(entry.id)) continue;
          seen.add(entry.id);
          const stored: SanctionsEntry = entry.list === data.list ? entry : { ...entry, list: data.list };
          const hash = sanctionsContentHash(stored);
          const previous = before.get(stored.id);
          if (previous !== undefined && previous.removed_at === null && previous.content_sha256 === hash) {
            unchanged++;
            continue;
          }
          if (previous === undefined || previous.removed_at !== null) added.push(stored.id);
          else updated.push(stored.id);
          if (previous !== undefined) rewritten.push(stored.id);
          rows.push({
            list: data.list,
            id: stored.id,
            kind: stored.kind,
            name: stored.name,
            data: JSON.stringify(stored),
            content_sha256: hash,
            // A rewritten entry keeps the day it was first seen.
            first_seen_at: previous?.first_seen_at ?? data.importedAt,
            removed_at: null,
          });
          names.push({
            list: data.list,
            entry_id: stored.id,
            name: stored.name,
            name_kind: 'primary',
            weak: 0,
          });
          for (const alias of stored.aliases) {
            names.push({
              list: data.list,
              entry_id: stored.id,
              name: alias.name,
              name_kind: alias.kind,
              weak: alias.weak ? 1 : 0,
            });
          }
        }
        const removed = [...before]
          .filter(([id, row]) => row.removed_at === null && !seen.has(id))
          .map(([id]) => id);

        // Replacing a row as delete + insert says the same on both databases in multi-row statements
        // (an UPDATE … FROM (VALUES …) does not); its names go with it (ON DELETE CASCADE).
        for (const ids of chunks(rewritten)) {
          await tx
            .deleteFrom('sanctions_entries')
            .where('list', '=', data.list)
            .where('id', 'in', ids)
            .execute();
        }
        await insertRows(tx, 'sanctions_entries', rows);
        await insertRows(tx, 'sanctions_names', names);
        for (const ids of chunks(removed)) {
          await tx
            .updateTable('sanctions_entries')
            .set({ removed_at: data.importedAt })
            .where('list', '=', data.list)
            .where('id', 'in', ids)
            .execute();
        }
        await tx.deleteFrom('sanctions_relations').where('list', '=', data.list).execute();
        const relations = data.relations.map((r) => ({
          list: data.list,
          from_id: r.fromId,
          kind: r.kind,
          to_id: r.toId ?? null,
          to_name: r.toName ?? null,
          detail: r.detail ?? null,
          start_date: r.startDate ?? null,
          end_date: r.endDate ?? null,
        }));
        await insertRows(tx, 'sanctions_relations', relations);
        await tx
          .updateTable('sanctions_lists')
          .set({ published_on: data.publishedOn ?? null, last_import_at: data.importedAt })
          .where('list', '=', data.list)
          .execute();
        const record = await tx
          .insertInto('sanctions_imports')
          .values({
            list: data.list,
            sources: JSON.stringify(data.sources),
            published_on: data.publishedOn ?? null,
            imported_at: data.importedAt,
            added: JSON.stringify(added),
            removed: JSON.stringify(removed),
            updated: JSON.stringify(updated),
            unchanged,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return importFromRow(record);
      });
    },
    async lists() {
      const rows = await context
        .db()
        .selectFrom('sanctions_lists as l')
        .select((eb) => [
          'l.list',
          'l.published_on',
          'l.last_import_at',
          eb
            .selectFrom('sanctions_entries as e')
            .select((inner) => inner.fn.countAll().as('n'))
            .whereRef('e.list', '=', 'l.list')
            .where('e.removed_at', 'is', null)
            .as('entries'),
        ])
        .orderBy('l.list')
        .execute();
      return rows.map((row) => ({
        list: row.list,
        entries: context.dialect.decodeCount(row.entries),
        lastImportAt: row.last_import_at,
        publishedOn: row.published_on,
      }));
    },
    async entries(list) {
      let query = context.db().selectFrom('sanctions_entries').select('data').where('removed_at', 'is', null);
      query =
        list === undefined
          ? query.orderBy('list').orderBy('id')
          : query.where('list', '=', list).orderBy('id');
      return parseEntries(await query.execute());
    },
    async getEntry(list, id) {
      const row = await context
        .db()
        .selectFrom('sanctions_entries')
        .select('data')
        .where('list', '=', list)
        .where('id', '=', id)
        .where('removed_at', 'is', null)
        .executeTakeFirst();
      return row === undefined ? null : (JSON.parse(row.data) as SanctionsEntry);
    },
    async relationsOf(list, id) {
      const rows = await context
        .db()
        .selectFrom('sanctions_relations')
        .selectAll()
        .where('list', '=', list)
        .where((eb) => eb.or([eb('from_id', '=', id), eb('to_id', '=', id)]))
        // A relation without a resolved object sorts first, as SQLite orders NULL on both databases;
        // the rest of the row breaks ties so that the order is the same everywhere.
        .orderBy('from_id')
        .orderBy('kind')
        .orderBy('to_id', (ob) => ob.asc().nullsFirst())
        .orderBy('to_name', (ob) => ob.asc().nullsFirst())
        .orderBy('detail', (ob) => ob.asc().nullsFirst())
        .orderBy('start_date', (ob) => ob.asc().nullsFirst())
        .orderBy('end_date', (ob) => ob.asc().nullsFirst())
        .execute();
      return rows.map(relationFromRow);
    },
    async imports(list) {
      let query = context.db().selectFrom('sanctions_imports').selectAll();
      if (list !== undefined) query = query.where('list', '=', list);
      const rows = await query.orderBy('imported_at', 'desc').orderBy('id', 'desc').execute();
      return rows.map(importFromRow);
    },
    async entryHistory(list, id) {
      const row = await context
        .db()
        .selectFrom('sanctions_entries')
        .select(['first_seen_at', 'removed_at'])
        .where('list', '=', list)
        .where('id', '=', id)
        .executeTakeFirst();
      return { firstSeenAt: row?.first_seen_at ?? null, removedAt: row?.removed_at ?? null };
    },
  };
}
