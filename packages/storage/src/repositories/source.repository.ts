// Sources, written once over Kysely for every dialect.
import { InputError, type Source, type SourceRepository } from '@echotrace/core';
import type { StoreContext } from '../database/unit-of-work.ts';
import { sourceFromRow } from '../rows/foundation.rows.ts';

export function createSourceRepository(context: StoreContext): SourceRepository {
  const { dialect } = context;
  return {
    async upsert(source: Source) {
      const row = {
        id: source.id,
        name: source.name,
        kind: source.kind,
        homepage: source.homepage,
        language: source.language,
        country: source.country,
        labels: JSON.stringify(source.labels),
        owner: source.owner ?? null,
      };
      await context
        .db()
        .insertInto('sources')
        .values(row)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            kind: eb.ref('excluded.kind'),
            homepage: eb.ref('excluded.homepage'),
            language: eb.ref('excluded.language'),
            country: eb.ref('excluded.country'),
            labels: eb.ref('excluded.labels'),
            owner: eb.ref('excluded.owner'),
          })),
        )
        .execute();
    },
    async get(id) {
      const row = await context
        .db()
        .selectFrom('sources')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? sourceFromRow(row) : null;
    },
    async list() {
      const rows = await context
        .db()
        .selectFrom('sources')
        .selectAll()
        .orderBy('name')
        .orderBy('id')
        .execute();
      return rows.map(sourceFromRow);
    },
    async remove(id) {
      const row = await context
        .db()
        .selectFrom('documents')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('source_id', '=', id)
        .executeTakeFirst();
      const count = dialect.decodeCount(row?.n);
      if (count > 0) throw new InputError(`source ${id}`, `still has ${count} documents; cannot remove it`);
      await context.db().deleteFrom('sources').where('id', '=', id).execute();
    },
  };
}
