// SQLite implementation of the sanctions port. An import replaces a list's current content in one
// transaction and compares it with what was there: new ids are added, missing ids are marked removed
// (kept, with the date, so history can say when an entry left the list), changed content is updated.
import { createHash } from 'node:crypto';
import type {
  SanctionsEntry,
  SanctionsImport,
  SanctionsImportRecord,
  SanctionsListInfo,
  SanctionsRelation,
  SanctionsRepository,
} from '@echotrace/core';
import type Database from 'better-sqlite3';

interface EntryRow {
  list: string;
  id: string;
  data: string;
  content_sha256: string;
  first_seen_at: string;
  removed_at: string | null;
}

interface RelationRow {
  list: string;
  from_id: string;
  kind: SanctionsRelation['kind'];
  to_id: string | null;
  to_name: string | null;
  detail: string | null;
  start_date: string | null;
  end_date: string | null;
}

interface ImportRow {
  id: number;
  list: string;
  sources: string;
  published_on: string | null;
  imported_at: string;
  added: string;
  removed: string;
  updated: string;
  unchanged: number;
}

function contentHash(entry: SanctionsEntry): string {
  return createHash('sha256').update(JSON.stringify(entry)).digest('hex');
}

function relationFromRow(row: RelationRow): SanctionsRelation {
  return {
    list: row.list,
    fromId: row.from_id,
    kind: row.kind,
    ...(row.to_id !== null && { toId: row.to_id }),
    ...(row.to_name !== null && { toName: row.to_name }),
    ...(row.detail !== null && { detail: row.detail }),
    ...(row.start_date !== null && { startDate: row.start_date }),
    ...(row.end_date !== null && { endDate: row.end_date }),
  };
}

function importFromRow(row: ImportRow): SanctionsImportRecord {
  return {
    id: row.id,
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

export function createSanctionsRepository(db: Database.Database): SanctionsRepository {
  const existing = db.prepare(
    'SELECT list, id, content_sha256, removed_at FROM sanctions_entries WHERE list = ?',
  );
  const insertEntry = db.prepare(
    `INSERT INTO sanctions_entries (list, id, kind, name, data, content_sha256, first_seen_at, removed_at)
     VALUES (@list, @id, @kind, @name, @data, @hash, @at, NULL)`,
  );
  const updateEntry = db.prepare(
    `UPDATE sanctions_entries SET kind = @kind, name = @name, data = @data, content_sha256 = @hash, removed_at = NULL
     WHERE list = @list AND id = @id`,
  );
  const markRemoved = db.prepare('UPDATE sanctions_entries SET removed_at = ? WHERE list = ? AND id = ?');
  const deleteNames = db.prepare('DELETE FROM sanctions_names WHERE list = ? AND entry_id = ?');
  const insertName = db.prepare(
    'INSERT INTO sanctions_names (list, entry_id, name, name_kind, weak) VALUES (?, ?, ?, ?, ?)',
  );
  const deleteRelations = db.prepare('DELETE FROM sanctions_relations WHERE list = ?');
  const insertRelation = db.prepare(
    `INSERT INTO sanctions_relations (list, from_id, kind, to_id, to_name, detail, start_date, end_date)
     VALUES (@list, @fromId, @kind, @toId, @toName, @detail, @startDate, @endDate)`,
  );
  const upsertList = db.prepare(
    `INSERT INTO sanctions_lists (list, published_on, last_import_at) VALUES (?, ?, ?)
     ON CONFLICT (list) DO UPDATE SET published_on = excluded.published_on, last_import_at = excluded.last_import_at`,
  );
  const insertImport = db.prepare(
    `INSERT INTO sanctions_imports (list, sources, published_on, imported_at, added, removed, updated, unchanged)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const getImport = db.prepare('SELECT * FROM sanctions_imports WHERE id = ?');

  const writeNames = (list: string, entry: SanctionsEntry): void => {
    deleteNames.run(list, entry.id);
    insertName.run(list, entry.id, entry.name, 'primary', 0);
    for (const alias of entry.aliases)
      insertName.run(list, entry.id, alias.name, alias.kind, alias.weak ? 1 : 0);
  };

  const importList = db.transaction((data: SanctionsImport): SanctionsImportRecord => {
    const before = new Map((existing.all(data.list) as EntryRow[]).map((row) => [row.id, row] as const));
    const added: string[] = [];
    const updated: string[] = [];
    let unchanged = 0;
    const seen = new Set<string>();
    for (const entry of data.entries) {
      if (seen.has(entry.id)) continue;
      seen.add(entry.id);
      const stored: SanctionsEntry = entry.list === data.list ? entry : { ...entry, list: data.list };
      const hash = contentHash(stored);
      const row = {
        list: data.list,
        id: stored.id,
        kind: stored.kind,
        name: stored.name,
        data: JSON.stringify(stored),
        hash,
        at: data.importedAt,
      };
      const previous = before.get(stored.id);
      if (previous === undefined) {
        insertEntry.run(row);
        writeNames(data.list, stored);
        added.push(stored.id);
      } else if (previous.removed_at !== null) {
        // Listed again after a removal: an addition for this import.
        updateEntry.run(row);
        writeNames(data.list, stored);
        added.push(stored.id);
      } else if (previous.content_sha256 !== hash) {
        updateEntry.run(row);
        writeNames(data.list, stored);
        updated.push(stored.id);
      } else unchanged++;
    }
    const removed: string[] = [];
    for (const [id, row] of before) {
      if (row.removed_at === null && !seen.has(id)) {
        markRemoved.run(data.importedAt, data.list, id);
        removed.push(id);
      }
    }
    deleteRelations.run(data.list);
    for (const relation of data.relations) {
      insertRelation.run({
        list: data.list,
        fromId: relation.fromId,
        kind: relation.kind,
        toId: relation.toId ?? null,
        toName: relation.toName ?? null,
        detail: relation.detail ?? null,
        startDate: relation.startDate ?? null,
        endDate: relation.endDate ?? null,
      });
    }
    upsertList.run(data.list, data.publishedOn ?? null, data.importedAt);
    const info = insertImport.run(
      data.list,
      JSON.stringify(data.sources),
      data.publishedOn ?? null,
      data.importedAt,
      JSON.stringify(added),
      JSON.stringify(removed),
      JSON.stringify(updated),
      unchanged,
    );
    return importFromRow(getImport.get(info.lastInsertRowid) as ImportRow);
  });

  const listInfo = db.prepare(
    `SELECT l.list, l.published_on, l.last_import_at,
       (SELECT count(*) FROM sanctions_entries e WHERE e.list = l.list AND e.removed_at IS NULL) AS entries
     FROM sanctions_lists l ORDER BY l.list`,
  );
  const allEntries = db
    .prepare('SELECT data FROM sanctions_entries WHERE removed_at IS NULL ORDER BY list, id')
    .pluck();
  const listEntries = db
    .prepare('SELECT data FROM sanctions_entries WHERE list = ? AND removed_at IS NULL ORDER BY id')
    .pluck();
  const oneEntry = db
    .prepare('SELECT data FROM sanctions_entries WHERE list = ? AND id = ? AND removed_at IS NULL')
    .pluck();
  const relations = db.prepare(
    'SELECT * FROM sanctions_relations WHERE list = ? AND (from_id = ? OR to_id = ?) ORDER BY from_id, kind, to_id',
  );
  const importsAll = db.prepare('SELECT * FROM sanctions_imports ORDER BY imported_at DESC, id DESC');
  const importsOfList = db.prepare(
    'SELECT * FROM sanctions_imports WHERE list = ? ORDER BY imported_at DESC, id DESC',
  );
  const history = db.prepare(
    'SELECT first_seen_at, removed_at FROM sanctions_entries WHERE list = ? AND id = ?',
  );

  return {
    async importList(data) {
      return importList(data);
    },
    async lists() {
      return (
        listInfo.all() as Array<{
          list: string;
          published_on: string | null;
          last_import_at: string | null;
          entries: number;
        }>
      ).map((row): SanctionsListInfo => ({
        list: row.list,
        entries: row.entries,
        lastImportAt: row.last_import_at,
        publishedOn: row.published_on,
      }));
    },
    async entries(list) {
      const rows = (list === undefined ? allEntries.all() : listEntries.all(list)) as string[];
      return rows.map((data) => JSON.parse(data) as SanctionsEntry);
    },
    async getEntry(list, id) {
      const data = oneEntry.get(list, id) as string | undefined;
      return data === undefined ? null : (JSON.parse(data) as SanctionsEntry);
    },
    async relationsOf(list, id) {
      return (relations.all(list, id, id) as RelationRow[]).map(relationFromRow);
    },
    async imports(list) {
      const rows = (list === undefined ? importsAll.all() : importsOfList.all(list)) as ImportRow[];
      return rows.map(importFromRow);
    },
    async entryHistory(list, id) {
      const row = history.get(list, id) as { first_seen_at: string; removed_at: string | null } | undefined;
      return { firstSeenAt: row?.first_seen_at ?? null, removedAt: row?.removed_at ?? null };
    },
  };
}
