import { InputError, type Source, type SourceRepository } from '@echotrace/core';
import { sourceFromRow, type SourceRow } from '../rows/foundation.rows.ts';
import type { Sql } from './sql.client.ts';

export function createSourceRepository(sql: Sql): SourceRepository {
  return {
    async upsert(source: Source) {
      await sql.run(
        `INSERT INTO sources (id, name, kind, homepage, language, country, labels, owner)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, homepage = excluded.homepage,
           language = excluded.language, country = excluded.country, labels = excluded.labels,
           owner = excluded.owner`,
        [
          source.id,
          source.name,
          source.kind,
          source.homepage,
          source.language,
          source.country,
          JSON.stringify(source.labels),
          source.owner ?? null,
        ],
      );
    },
    async get(id) {
      const [row] = await sql.rows<SourceRow>('SELECT * FROM sources WHERE id = $1', [id]);
      return row ? sourceFromRow(row) : null;
    },
    async list() {
      return (await sql.rows<SourceRow>('SELECT * FROM sources ORDER BY name, id')).map(sourceFromRow);
    },
    async remove(id) {
      const [row] = await sql.rows<{ n: number }>(
        'SELECT count(*)::int AS n FROM documents WHERE source_id = $1',
        [id],
      );
      const count = row?.n ?? 0;
      if (count > 0) throw new InputError(`source ${id}`, `still has ${count} documents; cannot remove it`);
      await sql.run('DELETE FROM sources WHERE id = $1', [id]);
    },
  };
}
