// The knowledge base and entity mention queries in PostgreSQL; same behaviour as the SQLite
// adapter (packages/storage/src/sqlite/entity.repository.ts), checked by the same contract suite.
import type {
  DiscoveredEntity,
  EntityDecision,
  EntityDecisionRecord,
  EntityRepository,
  EntityType,
} from '@echotrace/core';
import { entityFromRow, mentionFromRow, type EntityRow, type MentionRow } from '../rows/entity.rows.ts';
import type { Sql } from './sql.client.ts';

interface Period {
  period: string;
  mentions: number;
  documents: number;
}

// Annotations of kind `entity` linked to any id in the text array bound as $1.
const MENTIONS_OF = `FROM annotations a JOIN documents d ON d.id = a.document_id
  WHERE a.kind = 'entity' AND a.entity_id = ANY($1::text[])`;

export function createEntityRepository(sql: Sql): EntityRepository {
  const overTime = (width: number) => async (ids: readonly string[]) =>
    sql.rows<Period>(
      `SELECT coalesce(substr(d.published_utc, 1, ${width}), 'unknown') AS period,
         count(*)::int AS mentions, count(DISTINCT a.document_id)::int AS documents
       ${MENTIONS_OF} GROUP BY period ORDER BY period`,
      [ids],
    );
  const byMonth = overTime(7);
  const byDay = overTime(10);

  return {
    async upsert(entities) {
      const updatedAt = new Date().toISOString();
      await sql.transaction(async () => {
        for (const e of entities) {
          await sql.run(
            `INSERT INTO entities (id, type, names, aliases, metonyms, description, external_ids, origin, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (id) DO UPDATE SET type = excluded.type, names = excluded.names, aliases = excluded.aliases,
               metonyms = excluded.metonyms, description = excluded.description, external_ids = excluded.external_ids,
               origin = excluded.origin, updated_at = excluded.updated_at`,
            [
              e.id,
              e.type,
              JSON.stringify(e.names),
              JSON.stringify(e.aliases),
              JSON.stringify(e.metonyms),
              e.description,
              JSON.stringify(e.externalIds),
              e.origin,
              updatedAt,
            ],
          );
        }
      });
    },
    async get(id) {
      const [row] = await sql.rows<EntityRow>('SELECT * FROM entities WHERE id = $1', [id]);
      return row ? entityFromRow(row) : null;
    },
    async list() {
      return (await sql.rows<EntityRow>('SELECT * FROM entities ORDER BY id')).map(entityFromRow);
    },
    async addDecision(decision, note = null) {
      const decidedAt = new Date().toISOString();
      const [row] = await sql.rows<{ seq: string | number }>(
        'INSERT INTO entity_decisions (kind, decision, note, decided_at) VALUES ($1, $2, $3, $4) RETURNING seq',
        [decision.kind, JSON.stringify(decision), note, decidedAt],
      );
      return { ...decision, seq: Number(row!.seq), decidedAt, note };
    },
    async decisions() {
      const rows = await sql.rows<{
        seq: string | number;
        decision: string;
        note: string | null;
        decided_at: string;
      }>('SELECT seq, decision, note, decided_at FROM entity_decisions ORDER BY seq');
      return rows.map((row): EntityDecisionRecord => ({
        ...(JSON.parse(row.decision) as EntityDecision),
        seq: Number(row.seq),
        decidedAt: row.decided_at,
        note: row.note,
      }));
    },
    async replaceRedirects(redirects) {
      await sql.transaction(async () => {
        await sql.run('DELETE FROM entity_redirects');
        for (const [from, to] of redirects) {
          if (from !== to)
            await sql.run('INSERT INTO entity_redirects (from_id, to_id) VALUES ($1, $2)', [from, to]);
        }
      });
    },
    async mentions(entityIds, options = {}) {
      const rows = await sql.rows<MentionRow>(
        `SELECT a.document_id, d.title, d.source_id, d.published_at, d.canonical_url, a.entity_id,
           a.start_offset, a.end_offset, a.attributes::jsonb ->> 'surface' AS surface,
           substr(d.text, a.start_offset + 1, a.end_offset - a.start_offset) AS span,
           a.confidence, a.attributes::jsonb ->> 'reason' AS reason
         ${MENTIONS_OF}
         ORDER BY d.published_utc IS NULL, d.published_utc DESC, a.document_id, a.start_offset
         LIMIT $2 OFFSET $3`,
        [entityIds, options.limit ?? 100, options.offset ?? 0],
      );
      return rows.map(mentionFromRow);
    },
    async mentionsOverTime(entityIds, granularity) {
      return granularity === 'day' ? byDay(entityIds) : byMonth(entityIds);
    },
    async mentionsBySource(entityIds) {
      return sql.rows<{ sourceId: string; name: string; mentions: number; documents: number }>(
        `SELECT d.source_id AS "sourceId", coalesce(s.name, d.source_id) AS name,
           count(*)::int AS mentions, count(DISTINCT a.document_id)::int AS documents
         FROM annotations a JOIN documents d ON d.id = a.document_id LEFT JOIN sources s ON s.id = d.source_id
         WHERE a.kind = 'entity' AND a.entity_id = ANY($1::text[])
         GROUP BY d.source_id, s.name ORDER BY mentions DESC, d.source_id`,
        [entityIds],
      );
    },
    async discovered(knownIds, options = {}) {
      const known = new Set(knownIds);
      const limit = options.limit ?? 100;
      const out: DiscoveredEntity[] = [];
      const linked = await sql.rows<{ entityId: string; mentions: number; documents: number }>(
        `SELECT entity_id AS "entityId", count(*)::int AS mentions, count(DISTINCT document_id)::int AS documents
         FROM annotations WHERE kind = 'entity' AND entity_id IS NOT NULL
         GROUP BY entity_id ORDER BY mentions DESC, entity_id`,
      );
      for (const row of linked) {
        if (known.has(row.entityId)) continue;
        const forms = await sql.rows<{ label: string; name: string | null; surface: string | null }>(
          `SELECT label, attributes::jsonb ->> 'name' AS name,
             coalesce(attributes::jsonb ->> 'surface', attributes::jsonb ->> 'name') AS surface, count(*) AS n
           FROM annotations WHERE kind = 'entity' AND entity_id = $1
           GROUP BY label, name, surface ORDER BY n DESC, surface LIMIT 50`,
          [row.entityId],
        );
        const first = forms[0];
        out.push({
          ...row,
          type: (first?.label ?? 'ORGANIZATION') as EntityType,
          name: first?.name ?? row.entityId,
          surfaces: [...new Set(forms.flatMap((f) => (f.surface ? [f.surface] : [])))].slice(0, 10),
        });
        if (out.length >= limit) break;
      }
      return out;
    },
  };
}
