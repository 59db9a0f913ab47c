// The knowledge base and entity mention queries, once for SQLite and PostgreSQL. Mentions are
// annotations of kind `entity`; both schemas index their `attributes.entityId` as
// `annotations.entity_id`.
import type {
  DiscoveredEntity,
  EntityDecision,
  EntityDecisionRecord,
  EntityRepository,
  EntityType,
} from '@echotrace/core';
import { sql, type ExpressionBuilder } from 'kysely';
import { entityFromRow, mentionFromRow } from '../rows/entity.rows.ts';
import type { Database } from '../database/schema.ts';
import type { StoreContext } from '../database/unit-of-work.ts';

type MentionScope = ExpressionBuilder<
  Database & { a: Database['annotations']; d: Database['documents'] },
  'a' | 'd'
>;

export function createEntityRepository(context: StoreContext): EntityRepository {
  const { dialect } = context;
  const count = (value: unknown): number => dialect.decodeCount(value);
  // Annotations of kind `entity` linked to any of `ids` (not empty: `IN ()` is not SQL), with their documents.
  const mentionsOf = (ids: readonly string[]) =>
    context
      .db()
      .selectFrom('annotations as a')
      .innerJoin('documents as d', 'd.id', 'a.document_id')
      .where('a.kind', '=', 'entity')
      .where('a.entity_id', 'in', [...ids]);
  const counts = (eb: MentionScope) =>
    [eb.fn.countAll().as('mentions'), eb.fn.count('a.document_id').distinct().as('documents')] as const;

  return {
    async upsert(entities) {
      if (entities.length === 0) return;
      const updatedAt = new Date().toISOString();
      await context.transaction(async () => {
        for (const e of entities) {
          await context
            .db()
            .insertInto('entities')
            .values({
              id: e.id,
              type: e.type,
              names: JSON.stringify(e.names),
              aliases: JSON.stringify(e.aliases),
              metonyms: JSON.stringify(e.metonyms),
              description: e.description,
              external_ids: JSON.stringify(e.externalIds),
              origin: e.origin,
              updated_at: updatedAt,
            })
            .onConflict((oc) =>
              oc.column('id').doUpdateSet((eb) => ({
                type: eb.ref('excluded.type'),
                names: eb.ref('excluded.names'),
                aliases: eb.ref('excluded.aliases'),
                metonyms: eb.ref('excluded.metonyms'),
                description: eb.ref('excluded.description'),
                external_ids: eb.ref('excluded.external_ids'),
                origin: eb.ref('excluded.origin'),
                updated_at: eb.ref('excluded.updated_at'),
              })),
            )
            .execute();
        }
      });
    },
    async get(id) {
      const row = await context
        .db()
        .selectFrom('entities')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? entityFromRow(row) : null;
    },
    async list() {
      return (await context.db().selectFrom('entities').selectAll().orderBy('id').execute()).map(
        entityFromRow,
      );
    },
    async addDecision(decision: EntityDecision, note: string | null = null) {
      const decidedAt = new Date().toISOString();
      const row = await context
        .db()
        .insertInto('entity_decisions')
        .values({ kind: decision.kind, decision: JSON.stringify(decision), note, decided_at: decidedAt })
        .returning('seq')
        .executeTakeFirstOrThrow();
      return { ...decision, seq: Number(row.seq), decidedAt, note };
    },
    async decisions() {
      const rows = await context
        .db()
        .selectFrom('entity_decisions')
        .select(['seq', 'decision', 'note', 'decided_at'])
        .orderBy('seq')
        .execute();
      return rows.map((row): EntityDecisionRecord => ({
        ...(JSON.parse(row.decision) as EntityDecision),
        seq: Number(row.seq),
        decidedAt: row.decided_at,
        note: row.note,
      }));
    },
    async replaceRedirects(redirects) {
      const rows = [...redirects]
        .filter(([from, to]) => from !== to)
        .map(([from_id, to_id]) => ({ from_id, to_id }));
      await context.transaction(async () => {
        await context.db().deleteFrom('entity_redirects').execute();
        if (rows.length > 0) await context.db().insertInto('entity_redirects').values(rows).execute();
      });
    },
    async mentions(entityIds, options = {}) {
      if (entityIds.length === 0) return [];
      const rows = await mentionsOf(entityIds)
        .select((eb) => [
          'a.document_id',
          'd.title',
          'd.source_id',
          'd.published_at',
          'd.canonical_url',
          'a.entity_id',
          'a.start_offset',
          'a.end_offset',
          dialect.jsonText(eb.ref('a.attributes'), 'surface').as('surface'),
          sql<string>`substr(${eb.ref('d.text')}, ${eb.ref('a.start_offset')} + 1, ${eb.ref('a.end_offset')} - ${eb.ref('a.start_offset')})`.as(
            'span',
          ),
          'a.confidence',
          dialect.jsonText(eb.ref('a.attributes'), 'reason').as('reason'),
        ])
        .orderBy(sql`${sql.ref('d.published_utc')} IS NULL`)
        .orderBy('d.published_utc', 'desc')
        .orderBy('a.document_id')
        .orderBy('a.start_offset')
        .limit(options.limit ?? 100)
        .offset(options.offset ?? 0)
        .execute();
      return rows.map((row) => mentionFromRow({ ...row, entity_id: row.entity_id! }));
    },
    async mentionsOverTime(entityIds, granularity) {
      if (entityIds.length === 0) return [];
      const width = granularity === 'day' ? 10 : 7;
      const period = sql<string>`coalesce(substr(${sql.ref('d.published_utc')}, 1, ${sql.lit(width)}), 'unknown')`;
      const rows = await mentionsOf(entityIds)
        .select((eb) => [period.as('period'), ...counts(eb)])
        .groupBy(period)
        .orderBy(period)
        .execute();
      return rows.map((row) => ({
        period: row.period,
        mentions: count(row.mentions),
        documents: count(row.documents),
      }));
    },
    async mentionsBySource(entityIds) {
      if (entityIds.length === 0) return [];
      const rows = await mentionsOf(entityIds)
        .leftJoin('sources as s', 's.id', 'd.source_id')
        .select((eb) => [
          'd.source_id',
          eb.fn.coalesce('s.name', 'd.source_id').as('name'),
          ...counts(eb as unknown as MentionScope),
        ])
        .groupBy(['d.source_id', 's.name'])
        .orderBy('mentions', 'desc')
        .orderBy('d.source_id')
        .execute();
      return rows.map((row) => ({
        sourceId: row.source_id,
        name: row.name,
        mentions: count(row.mentions),
        documents: count(row.documents),
      }));
    },
    async discovered(knownIds, options = {}) {
      const known = new Set(knownIds);
      const limit = options.limit ?? 100;
      const out: DiscoveredEntity[] = [];
      const linked = await context
        .db()
        .selectFrom('annotations')
        .select((eb) => [
          'entity_id',
          eb.fn.countAll().as('mentions'),
          eb.fn.count('document_id').distinct().as('documents'),
        ])
        .where('kind', '=', 'entity')
        .where('entity_id', 'is not', null)
        .groupBy('entity_id')
        .orderBy('mentions', 'desc')
        .orderBy('entity_id')
        .execute();
      for (const row of linked) {
        const entityId = row.entity_id!;
        if (known.has(entityId)) continue;
        const forms = await context
          .db()
          .selectFrom('annotations')
          .select((eb) => {
            const name = dialect.jsonText(eb.ref('attributes'), 'name');
            return [
              'label',
              name.as('name'),
              eb.fn.coalesce(dialect.jsonText(eb.ref('attributes'), 'surface'), name).as('surface'),
              eb.fn.countAll().as('n'),
            ];
          })
          .where('kind', '=', 'entity')
          .where('entity_id', '=', entityId)
          .groupBy(['label', 'name', 'surface'])
          .orderBy('n', 'desc')
          .orderBy('surface')
          .limit(50)
          .execute();
        const first = forms[0];
        out.push({
          entityId,
          mentions: count(row.mentions),
          documents: count(row.documents),
          type: (first?.label ?? 'ORGANIZATION') as EntityType,
          name: first?.name ?? entityId,
          surfaces: [...new Set(forms.flatMap((f) => (f.surface ? [f.surface] : [])))].slice(0, 10),
        });
        if (out.length >= limit) break;
      }
      return out;
    },
  };
}
