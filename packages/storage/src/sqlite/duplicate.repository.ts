// SQLite adapter of core's DuplicateRepository: signatures, groups of copies, forward edges.
import type { DuplicateCopy, DuplicateRepository, ForwardEdge } from '@echotrace/core';
import type Database from 'better-sqlite3';

interface SignatureRow {
  sequence: number;
  document_id: string;
  scheme: string;
  content_sha256: string;
  data: Buffer;
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

const forwardFromRow = (row: ForwardRow): ForwardEdge => ({
  documentId: row.document_id,
  fromChannel: row.from_channel,
  fromMessageId: row.from_message_id === '' ? null : row.from_message_id,
});

export function createDuplicateRepository(db: Database.Database): DuplicateRepository {
  // Replacing keeps the first sequence, so a re-signed document keeps its place in rebuild order.
  const putSignature = db.prepare(
    `INSERT INTO document_signatures (document_id, scheme, content_sha256, data) VALUES (?, ?, ?, ?)
     ON CONFLICT (document_id) DO UPDATE SET scheme = excluded.scheme, content_sha256 = excluded.content_sha256, data = excluded.data`,
  );
  const signatures = db.prepare(
    `SELECT s.sequence, s.document_id, s.scheme, s.content_sha256, s.data, d.published_at, d.ingested_at
     FROM document_signatures s JOIN documents d ON d.id = s.document_id
     WHERE s.sequence > ? ORDER BY s.sequence LIMIT ?`,
  );
  const unsigned = db.prepare(
    `SELECT d.id FROM documents d LEFT JOIN document_signatures s ON s.document_id = d.id
     WHERE d.id > ? AND (s.document_id IS NULL OR s.scheme <> ? OR s.content_sha256 <> d.content_sha256)
     ORDER BY d.id LIMIT ?`,
  );
  const setGroup = db.prepare(
    'INSERT INTO duplicate_members (document_id, group_id) VALUES (?, ?) ON CONFLICT (document_id) DO UPDATE SET group_id = excluded.group_id',
  );
  const groupOf = db.prepare('SELECT group_id FROM duplicate_members WHERE document_id = ?').pluck();
  const copies = db.prepare(
    `SELECT d.id, d.source_id, d.title, d.published_at, d.ingested_at, d.canonical_url, m.group_id
     FROM duplicate_members m JOIN documents d ON d.id = m.document_id
     WHERE m.group_id = (SELECT group_id FROM duplicate_members WHERE document_id = ?)
     ORDER BY coalesce(d.published_utc, d.ingested_at), d.ingested_at, d.id`,
  );
  const recordForward = db.prepare(
    'INSERT OR IGNORE INTO forward_edges (document_id, from_channel, from_message_id) VALUES (?, ?, ?)',
  );
  const forwardsOf = db.prepare(
    'SELECT * FROM forward_edges WHERE document_id = ? ORDER BY from_channel, from_message_id',
  );
  const forwardsFrom = db.prepare(
    'SELECT * FROM forward_edges WHERE from_channel = ? ORDER BY document_id, from_message_id LIMIT ?',
  );
  const putMany = db.transaction((rows: Array<[string, string, string, Uint8Array]>) => {
    for (const row of rows) putSignature.run(...row);
  });
  const setMany = db.transaction((rows: Array<[string, string]>) => {
    for (const row of rows) setGroup.run(...row);
  });

  return {
    async putSignatures(list) {
      putMany(list.map((s) => [s.documentId, s.scheme, s.contentSha256, s.data]));
    },
    async signatures(page) {
      return (signatures.all(page.afterSequence ?? 0, page.limit) as SignatureRow[]).map((row) => ({
        sequence: row.sequence,
        documentId: row.document_id,
        scheme: row.scheme,
        contentSha256: row.content_sha256,
        data: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength),
        publishedAt: row.published_at,
        ingestedAt: row.ingested_at,
      }));
    },
    async unsignedDocumentIds(scheme, page) {
      return unsigned.all(page.afterId ?? '', scheme, page.limit).map((row) => (row as { id: string }).id);
    },
    async setGroups(memberships) {
      setMany(memberships.map((m) => [m.documentId, m.groupId]));
    },
    async clearGroups() {
      db.exec('DELETE FROM duplicate_members');
    },
    async groupOf(documentId) {
      return (groupOf.get(documentId) as string | undefined) ?? null;
    },
    async copiesOf(documentId) {
      return (copies.all(documentId) as CopyRow[]).map((row): DuplicateCopy => ({
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
      recordForward.run(edge.documentId, edge.fromChannel, edge.fromMessageId ?? '');
    },
    async forwardsOf(documentId) {
      return (forwardsOf.all(documentId) as ForwardRow[]).map(forwardFromRow);
    },
    async forwardsFrom(fromChannel, limit = 1000) {
      return (forwardsFrom.all(fromChannel, limit) as ForwardRow[]).map(forwardFromRow);
    },
  };
}
