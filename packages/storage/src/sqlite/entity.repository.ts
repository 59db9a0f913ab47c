// The knowledge base and entity mention queries in SQLite. Mentions are annotations of kind
// `entity`; the foundation schema indexes their `attributes.entityId` as `annotations.entity_id`.
import type {
  DiscoveredEntity,
  Entity,
  EntityDecision,
  EntityDecisionRecord,
  EntityRepository,
  EntityType,
} from '@echotrace/core';
import { entityFromRow, mentionFromRow, type EntityRow, type MentionRow } from '../rows/entity.rows.ts';
import type Database from 'better-sqlite3';

interface DecisionRow {
  seq: number;
  decision: string;
  note: string | null;
  decided_at: string;
}

// Annotations of kind `entity` linked to any id in the JSON array bound as the first parameter.
const MENTIONS_OF = `FROM annotations a JOIN documents d ON d.id = a.document_id
  WHERE a.kind = 'entity' AND a.entity_id IN (SELECT value FROM json_each(?))`;

export function createEntityRepository(db: Database.Database): EntityRepository {
  const upsert = db.prepare(
    `INSERT INTO entities (id, type, names, aliases, metonyms, description, external_ids, origin, updated_at)
     VALUES (@id, @type, @names, @aliases, @metonyms, @description, @externalIds, @origin, @updatedAt)
     ON CONFLICT (id) DO UPDATE SET type = excluded.type, names = excluded.names, aliases = excluded.aliases,
       metonyms = excluded.metonyms, description = excluded.description, external_ids = excluded.external_ids,
       origin = excluded.origin, updated_at = excluded.updated_at`,
  );
  const upsertMany = db.transaction((entities: Entity[], updatedAt: string) => {
    for (const e of entities) {
      upsert.run({
        ...e,
        names: JSON.stringify(e.names),
        aliases: JSON.stringify(e.aliases),
        metonyms: JSON.stringify(e.metonyms),
        externalIds: JSON.stringify(e.externalIds),
        updatedAt,
      });
    }
  });
  const get = db.prepare('SELECT * FROM entities WHERE id = ?');
  const list = db.prepare('SELECT * FROM entities ORDER BY id');
  const insertDecision = db.prepare(
    'INSERT INTO entity_decisions (kind, decision, note, decided_at) VALUES (?, ?, ?, ?) RETURNING seq',
  );
  const decisions = db.prepare('SELECT seq, decision, note, decided_at FROM entity_decisions ORDER BY seq');
  const clearRedirects = db.prepare('DELETE FROM entity_redirects');
  const insertRedirect = db.prepare('INSERT INTO entity_redirects (from_id, to_id) VALUES (?, ?)');
  const replaceRedirects = db.transaction((redirects: ReadonlyMap<string, string>) => {
    clearRedirects.run();
    for (const [from, to] of redirects) if (from !== to) insertRedirect.run(from, to);
  });
  const mentions = db.prepare(
    `SELECT a.document_id, d.title, d.source_id, d.published_at, d.canonical_url, a.entity_id,
       a.start_offset, a.end_offset, json_extract(a.attributes, '$.surface') AS surface,
       substr(d.text, a.start_offset + 1, a.end_offset - a.start_offset) AS span,
       a.confidence, json_extract(a.attributes, '$.reason') AS reason
     ${MENTIONS_OF}
     ORDER BY d.published_utc IS NULL, d.published_utc DESC, a.document_id, a.start_offset
     LIMIT ? OFFSET ?`,
  );
  const overTime = (width: number): Database.Statement =>
    db.prepare(
      `SELECT coalesce(substr(d.published_utc, 1, ${width}), 'unknown') AS period,
         count(*) AS mentions, count(DISTINCT a.document_id) AS documents
       ${MENTIONS_OF} GROUP BY period ORDER BY period`,
    );
  const byMonth = overTime(7);
  const byDay = overTime(10);
  const bySource = db.prepare(
    `SELECT d.source_id AS sourceId, coalesce(s.name, d.source_id) AS name,
       count(*) AS mentions, count(DISTINCT a.document_id) AS documents
     FROM annotations a JOIN documents d ON d.id = a.document_id LEFT JOIN sources s ON s.id = d.source_id
     WHERE a.kind = 'entity' AND a.entity_id IN (SELECT value FROM json_each(?))
     GROUP BY d.source_id ORDER BY mentions DESC, d.source_id`,
  );
  const linked = db.prepare(
    `SELECT entity_id AS entityId, count(*) AS mentions, count(DISTINCT document_id) AS documents
     FROM annotations WHERE kind = 'entity' AND entity_id IS NOT NULL
     GROUP BY entity_id ORDER BY mentions DESC, entity_id`,
  );
  const surfaces = db.prepare(
    `SELECT label, json_extract(attributes, '$.name') AS name,
       coalesce(json_extract(attributes, '$.surface'), json_extract(attributes, '$.name')) AS surface, count(*) AS n
     FROM annotations WHERE kind = 'entity' AND entity_id = ?
     GROUP BY label, name, surface ORDER BY n DESC, surface LIMIT 50`,
  );

  return {
    async upsert(entities) {
      upsertMany(entities, new Date().toISOString());
    },
    async get(id) {
      const row = get.get(id) as EntityRow | undefined;
      return row ? entityFromRow(row) : null;
    },
    async list() {
      return (list.all() as EntityRow[]).map(entityFromRow);
    },
    async addDecision(decision, note = null) {
      const decidedAt = new Date().toISOString();
      const seq = insertDecision
        .pluck()
        .get(decision.kind, JSON.stringify(decision), note, decidedAt) as number;
      return { ...decision, seq, decidedAt, note };
    },
    async decisions() {
      return (decisions.all() as DecisionRow[]).map((row): EntityDecisionRecord => ({
        ...(JSON.parse(row.decision) as EntityDecision),
        seq: row.seq,
        decidedAt: row.decided_at,
        note: row.note,
      }));
    },
    async replaceRedirects(redirects) {
      replaceRedirects(redirects);
    },
    async mentions(entityIds, options = {}) {
      const rows = mentions.all(
        JSON.stringify(entityIds),
        options.limit ?? 100,
        options.offset ?? 0,
      ) as MentionRow[];
      return rows.map(mentionFromRow);
    },
    async mentionsOverTime(entityIds, granularity) {
      const statement = granularity === 'day' ? byDay : byMonth;
      return statement.all(JSON.stringify(entityIds)) as Array<{
        period: string;
        mentions: number;
        documents: number;
      }>;
    },
    async mentionsBySource(entityIds) {
      return bySource.all(JSON.stringify(entityIds)) as Array<{
        sourceId: string;
        name: string;
        mentions: number;
        documents: number;
      }>;
    },
    async discovered(knownIds, options = {}) {
      const known = new Set(knownIds);
      const limit = options.limit ?? 100;
      const out: DiscoveredEntity[] = [];
      for (const row of linked.all() as Array<{ entityId: string; mentions: number; documents: number }>) {
        if (known.has(row.entityId)) continue;
        const forms = surfaces.all(row.entityId) as Array<{
          label: string;
          name: string | null;
          surface: string | null;
        }>;
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
