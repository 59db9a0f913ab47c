// Aggregates over a selection of documents, written once for both databases: each method is one
// or two grouped statements over documents `d` meeting the selection's condition, so a trend or a
// spread over a large corpus reads a few thousand aggregate rows and never the documents themselves.
// Days are the first ten characters of the stored UTC instant (ISO text on both databases).
import {
  telegramChannelName,
  type AnalysisRepository,
  type CooccurrenceEdge,
  type CooccurrenceNode,
  type DayCount,
  type SelectedDocument,
  type SelectedMention,
  type SourceAppearance,
  type SpreadLink,
} from '@echotrace/core';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { scopeCondition, selectionCondition } from '../database/selection.condition.ts';
import type { StoreContext } from '../database/unit-of-work.ts';

export function createAnalysisRepository(context: StoreContext): AnalysisRepository {
  const { dialect } = context;
  const count = (value: unknown) => dialect.decodeCount(value);

  const perDay = async (condition: RawBuilder<SqlBool>): Promise<DayCount[]> => {
    const day = sql`substr(d.published_utc, 1, 10)`;
    const { rows } = await sql<{ day: string; source_id: string; language: string; n: unknown }>`
      SELECT ${day} AS day, d.source_id AS source_id, d.language AS language, count(*) AS n
      FROM documents d WHERE d.published_utc IS NOT NULL AND ${condition}
      GROUP BY ${day}, d.source_id, d.language`.execute(context.db());
    return rows
      .map((r) => ({ day: r.day, sourceId: r.source_id, language: r.language, documents: count(r.n) }))
      .sort(byDayThenKey);
  };

  /** Forward origins name a channel; a registered Telegram source with that t.me name or title is it. */
  const channelSources = async (): Promise<Map<string, string>> => {
    const rows = await context
      .db()
      .selectFrom('sources')
      .select(['id', 'name', 'homepage', 'kind'])
      .execute();
    const map = new Map<string, string>();
    for (const row of rows) {
      const name = telegramChannelName(row.homepage);
      if (name) map.set(name.toLowerCase(), row.id);
    }
    for (const row of rows) if (row.kind === 'telegram') map.set(row.name.toLowerCase(), row.id);
    return map;
  };

  return {
    dailyCounts: (selection) => perDay(selectionCondition(context, selection)),
    dailyTotals: (selection) => perDay(scopeCondition(selection)),

    async appearances(selection) {
      const condition = selectionCondition(context, selection);
      const { rows } = await sql<{ source_id: string; n: unknown; first: string; first_id: string }>`
        WITH sel AS (SELECT d.id AS id, d.source_id AS source_id, d.published_utc AS published_utc
          FROM documents d WHERE d.published_utc IS NOT NULL AND ${condition}),
        f AS (SELECT source_id, count(*) AS n, min(published_utc) AS first FROM sel GROUP BY source_id)
        SELECT f.source_id AS source_id, f.n AS n, f.first AS first,
          (SELECT min(d.id) FROM documents d WHERE d.source_id = f.source_id AND d.published_utc = f.first
            AND ${condition}) AS first_id
        FROM f`.execute(context.db());
      return rows
        .map((r): SourceAppearance => ({
          sourceId: r.source_id,
          documents: count(r.n),
          firstDocumentId: r.first_id,
          firstPublishedUtc: r.first,
        }))
        .sort(
          (a, b) =>
            compare(a.firstPublishedUtc, b.firstPublishedUtc) ||
            compare(a.firstDocumentId, b.firstDocumentId),
        );
    },

    async spreadLinks(selection) {
      const condition = selectionCondition(context, selection);
      const db = context.db();
      const copies = await sql<{ from_source: string; to_source: string; n: unknown; first: string | null }>`
        WITH sel AS (SELECT d.id AS id, d.source_id AS source_id, d.published_utc AS published_utc
          FROM documents d WHERE ${condition})
        SELECT o.source_id AS from_source, s.source_id AS to_source, count(*) AS n, min(s.published_utc) AS first
        FROM sel s JOIN duplicate_members m ON m.document_id = s.id JOIN documents o ON o.id = m.group_id
        WHERE m.group_id <> s.id
        GROUP BY o.source_id, s.source_id`.execute(db);
      const forwards = await sql<{ channel: string; to_source: string; n: unknown; first: string | null }>`
        WITH sel AS (SELECT d.id AS id, d.source_id AS source_id, d.published_utc AS published_utc
          FROM documents d WHERE ${condition})
        SELECT f.from_channel AS channel, s.source_id AS to_source, count(*) AS n, min(s.published_utc) AS first
        FROM sel s JOIN forward_edges f ON f.document_id = s.id
        GROUP BY f.from_channel, s.source_id`.execute(db);
      const channels = forwards.rows.length ? await channelSources() : new Map<string, string>();
      const links: SpreadLink[] = [
        ...copies.rows.map((r): SpreadLink => ({
          kind: 'copy',
          fromSourceId: r.from_source,
          fromChannel: null,
          toSourceId: r.to_source,
          documents: count(r.n),
          firstPublishedUtc: r.first,
        })),
        ...forwards.rows.map((r): SpreadLink => ({
          kind: 'forward',
          fromSourceId:
            channels.get(r.channel.toLowerCase()) ??
            channels.get((telegramChannelName(r.channel) ?? '').toLowerCase()) ??
            null,
          fromChannel: r.channel,
          toSourceId: r.to_source,
          documents: count(r.n),
          firstPublishedUtc: r.first,
        })),
      ];
      return links.sort(
        (a, b) =>
          compare(a.firstPublishedUtc ?? '~', b.firstPublishedUtc ?? '~') ||
          compare(a.kind, b.kind) ||
          compare(a.fromSourceId ?? a.fromChannel ?? '', b.fromSourceId ?? b.fromChannel ?? '') ||
          compare(a.toSourceId, b.toSourceId),
      );
    },

    async cooccurrence(selection, { minDocuments }) {
      const condition = selectionCondition(context, selection);
      const db = context.db();
      // One row per (document, entity): a document naming two people five times each links them once.
      const mentioned = sql`SELECT a.document_id AS doc, coalesce(r.to_id, a.entity_id) AS e, max(a.label) AS type
        FROM annotations a LEFT JOIN entity_redirects r ON r.from_id = a.entity_id
        WHERE a.kind = 'entity' AND a.entity_id IS NOT NULL
          AND a.document_id IN (SELECT d.id FROM documents d WHERE ${condition})
        GROUP BY a.document_id, coalesce(r.to_id, a.entity_id)`;
      const nodes = await sql<{ e: string; type: string; n: unknown }>`
        WITH m AS (${mentioned}) SELECT e, max(type) AS type, count(*) AS n FROM m GROUP BY e`.execute(db);
      const edges = await sql<{ source: string; target: string; n: unknown }>`
        WITH m AS (${mentioned})
        SELECT x.e AS source, y.e AS target, count(*) AS n
        FROM m x JOIN m y ON x.doc = y.doc AND ${dialect.binaryText(sql.ref('x.e'))} < ${dialect.binaryText(sql.ref('y.e'))}
        GROUP BY x.e, y.e HAVING count(*) >= ${minDocuments}`.execute(db);
      return {
        nodes: nodes.rows
          .map((r): CooccurrenceNode => ({ entityId: r.e, type: r.type, documents: count(r.n) }))
          .sort((a, b) => b.documents - a.documents || compare(a.entityId, b.entityId)),
        edges: edges.rows
          .map((r): CooccurrenceEdge => ({ source: r.source, target: r.target, documents: count(r.n) }))
          .sort(
            (a, b) => b.documents - a.documents || compare(a.source, b.source) || compare(a.target, b.target),
          ),
      };
    },

    async documentsPage(selection, { after, limit }) {
      const condition = selectionCondition(context, selection);
      const { rows } = await sql<{
        rowid: number | string;
        id: string;
        source_id: string;
        title: string | null;
        text: string;
        language: string;
        published_at: string | null;
        canonical_url: string | null;
      }>`SELECT d.rowid AS rowid, d.id AS id, d.source_id AS source_id, d.title AS title, d.text AS text,
          d.language AS language, d.published_at AS published_at, d.canonical_url AS canonical_url
        FROM documents d WHERE d.rowid > ${after ?? 0} AND ${condition}
        ORDER BY d.rowid LIMIT ${limit}`.execute(context.db());
      return rows.map((r): SelectedDocument => ({
        cursor: Number(r.rowid),
        documentId: r.id,
        sourceId: r.source_id,
        title: r.title,
        text: r.text,
        language: r.language,
        publishedAt: r.published_at,
        canonicalUrl: r.canonical_url,
      }));
    },

    async mentionsOf(documentIds) {
      if (documentIds.length === 0) return [];
      const rows = await context
        .db()
        .selectFrom('annotations as a')
        .leftJoin('entity_redirects as r', 'r.from_id', 'a.entity_id')
        .select([
          'a.id',
          'a.document_id',
          'a.entity_id',
          'r.to_id',
          'a.label',
          'a.start_offset',
          'a.end_offset',
          'a.confidence',
        ])
        .where('a.kind', '=', 'entity')
        .where('a.entity_id', 'is not', null)
        .where('a.document_id', 'in', [...documentIds])
        .orderBy('a.document_id')
        .orderBy('a.start_offset')
        .orderBy('a.end_offset')
        .orderBy('a.id')
        .execute();
      return rows.map((r): SelectedMention => ({
        annotationId: r.id,
        documentId: r.document_id,
        entityId: r.to_id ?? r.entity_id!,
        type: r.label,
        start: r.start_offset,
        end: r.end_offset,
        confidence: r.confidence,
      }));
    },
  };
}

/** Code point order, the order both databases compare these ids and instants in. */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const byDayThenKey = (a: DayCount, b: DayCount): number =>
  compare(a.day, b.day) || compare(a.sourceId, b.sourceId) || compare(a.language, b.language);
