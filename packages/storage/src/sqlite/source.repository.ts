import { InputError, type Source, type SourceRepository } from '@echotrace/core';
import type Database from 'better-sqlite3';
import { sourceFromRow, type SourceRow } from '../rows/foundation.rows.ts';

export function createSourceRepository(db: Database.Database): SourceRepository {
  const upsert = db.prepare(
    `INSERT INTO sources (id, name, kind, homepage, language, country, labels, owner) VALUES (@id, @name, @kind, @homepage, @language, @country, @labels, @owner)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, homepage = excluded.homepage,
       language = excluded.language, country = excluded.country, labels = excluded.labels, owner = excluded.owner`,
  );
  const get = db.prepare('SELECT * FROM sources WHERE id = ?');
  const list = db.prepare('SELECT * FROM sources ORDER BY name, id');
  const documentCount = db.prepare('SELECT count(*) FROM documents WHERE source_id = ?').pluck();
  const remove = db.prepare('DELETE FROM sources WHERE id = ?');
  return {
    async upsert(source: Source) {
      upsert.run({ ...source, labels: JSON.stringify(source.labels), owner: source.owner ?? null });
    },
    async get(id) {
      const row = get.get(id) as SourceRow | undefined;
      return row ? sourceFromRow(row) : null;
    },
    async list() {
      return (list.all() as SourceRow[]).map(sourceFromRow);
    },
    async remove(id) {
      const count = documentCount.get(id) as number;
      if (count > 0) throw new InputError(`source ${id}`, `still has ${count} documents; cannot remove it`);
      remove.run(id);
    },
  };
}
