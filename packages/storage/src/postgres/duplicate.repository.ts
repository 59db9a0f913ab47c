// Core's DuplicateRepository over PostgreSQL; same behaviour as sqlite/duplicate.repository.ts,
// checked by the same contract suite. Batches are written as multi-row statements.
import type { DuplicateCopy, DuplicateRepository, ForwardEdge } from '@echotrace/core';
import type { Sql } from './sql.client.ts';

interface SignatureRow {
  sequence: string | number;
  document_id: string;
  scheme: string;
  content_sha256: string;
  data: Uint8Array;
  published_at: string | null;
  ingested_at: string;
}

interface CopyRow {
  id: string;
  source_id: string;
  title: string | null;
  published_at: string | null;
  ingested_at: string;
  canonical_url: string | null;
  group_id: string;
}

interface ForwardRow {
  document_id: string;
  from_channel: string;
  from_message_id: string;
}

// Rows per multi-row statement, well under PostgreSQL's 65,535 bind parameters.
const ROWS_PER_STATEMENT = 1000;

const forwardFromRow = (row: ForwardRow): ForwardEdge => ({
  documentId: row.document_id,
  fromChannel: row.from_channel,
  fromMessageId: row.from_message_id === '' ? null : row.from_message_id,
});

/** Runs `statement` once per chunk of rows, with `($1, $2), ($3, $4)…` in place of VALUES_LIST. */
async function inChunks(sql: Sql, rows: unknown[][], statement: string): Promise<void> {
  if (rows.length === 0) return;
  await sql.transaction(async () => {
    for (let at = 0; at < rows.length; at += ROWS_PER_STATEMENT) {
      const params: unknown[] = [];
      const tuples = rows.slice(at, at + ROWS_PER_STATEMENT).map((row) => {
        const placeholders = row.map((value) => {
          params.push(value);
          return `$${params.length}`;
        });
        return `(${placeholders.join(', ')})`;
      });
      await sql.run(statement.replace('VALUES_LIST', tuples.join(', ')), params);
    }
  });
}

/**
 * Keeps the last row per key (first column), in first-seen order: a key given twice in one statement
 * would make ON CONFLICT DO UPDATE fail, and the later row wins, as when SQLite applies rows one by one.
 */
function lastPerKey(rows: unknown[][]): unknown[][] {
  const byKey = new Map<unknown, unknown[]>();
  for (const row of rows) byKey.set(row[0], row);
  return [...byKey.values()];
}

export function createDuplicateRepository(sql: Sql): DuplicateRepository {
  return {
    async putSignatures(list) {
      // Replacing keeps the first sequence, so a re-signed document keeps its place in rebuild order.
      await inChunks(
        sql,
        lastPerKey(
          list.map((s) => [
            s.documentId,
            s.scheme,
            s.contentSha256,
            Buffer.from(s.data.buffer, s.data.byteOffset, s.data.byteLength),
          ]),
        ),
        `INSERT INTO document_signatures (document_id, scheme, content_sha256, data) VALUES VALUES_LIST
         ON CONFLICT (document_id) DO UPDATE SET scheme = excluded.scheme,
           content_sha256 = excluded.content_sha256, data = excluded.data`,
      );
    },
    async signatures(page) {
      const rows = await sql.rows<SignatureRow>(
        `SELECT s.sequence, s.document_id, s.scheme, s.content_sha256, s.data, d.published_at, d.ingested_at
         FROM document_signatures s JOIN documents d ON d.id = s.document_id
         WHERE s.sequence > $1 ORDER BY s.sequence LIMIT $2`,
        [page.afterSequence ?? 0, page.limit],
      );
      return rows.map((row) => ({
        sequence: Number(row.sequence),
        documentId: row.document_id,
        scheme: row.scheme,
        contentSha256: row.content_sha256,
        data: new Uint8Array(row.data),
        publishedAt: row.published_at,
        ingestedAt: row.ingested_at,
      }));
    },
    async unsignedDocumentIds(scheme, page) {
      const rows = await sql.rows<{ id: string }>(
        `SELECT d.id FROM documents d LEFT JOIN document_signatures s ON s.document_id = d.id
         WHERE d.id > $1 AND (s.document_id IS NULL OR s.scheme <> $2 OR s.content_sha256 <> d.content_sha256)
         ORDER BY d.id LIMIT $3`,
        [page.afterId ?? '', scheme, page.limit],
      );
      return rows.map((row) => row.id);
    },
    async setGroups(memberships) {
      await inChunks(
        sql,
        lastPerKey(memberships.map((m) => [m.documentId, m.groupId])),
        `INSERT INTO duplicate_members (document_id, group_id) VALUES VALUES_LIST
         ON CONFLICT (document_id) DO UPDATE SET group_id = excluded.group_id`,
      );
    },
    async clearGroups() {
      await sql.run('DELETE FROM duplicate_members');
    },
    async groupOf(documentId) {
      const [row] = await sql.rows<{ group_id: string }>(
        'SELECT group_id FROM duplicate_members WHERE document_id = $1',
        [documentId],
      );
      return row?.group_id ?? null;
    },
    async copiesOf(documentId) {
      // Times compare as ISO text in byte order, as in SQLite.
      const rows = await sql.rows<CopyRow>(
        `SELECT d.id, d.source_id, d.title, d.published_at, d.ingested_at, d.canonical_url, m.group_id
         FROM duplicate_members m JOIN documents d ON d.id = m.document_id
         WHERE m.group_id = (SELECT group_id FROM duplicate_members WHERE document_id = $1)
         ORDER BY coalesce(d.published_utc, d.ingested_at COLLATE "C"), d.ingested_at COLLATE "C", d.id`,
        [documentId],
      );
      return rows.map((row): DuplicateCopy => ({
        documentId: row.id,
        sourceId: row.source_id,
        title: row.title,
        publishedAt: row.published_at,
        ingestedAt: row.ingested_at,
        canonicalUrl: row.canonical_url,
        original: row.id === row.group_id,
      }));
    },
    async recordForward(edge) {
      await sql.run(
        `INSERT INTO forward_edges (document_id, from_channel, from_message_id) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING`,
        [edge.documentId, edge.fromChannel, edge.fromMessageId ?? ''],
      );
    },
    async forwardsOf(documentId) {
      const rows = await sql.rows<ForwardRow>(
        'SELECT * FROM forward_edges WHERE document_id = $1 ORDER BY from_channel, from_message_id',
        [documentId],
      );
      return rows.map(forwardFromRow);
    },
    async forwardsFrom(fromChannel, limit = 1000) {
      const rows = await sql.rows<ForwardRow>(
        'SELECT * FROM forward_edges WHERE from_channel = $1 ORDER BY document_id, from_message_id LIMIT $2',
        [fromChannel, limit],
      );
      return rows.map(forwardFromRow);
    },
  };
}
