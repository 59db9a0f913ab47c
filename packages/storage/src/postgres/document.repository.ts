import { toInstant, type CorpusStats, type DocumentRepository, type DocumentVersion } from '@echotrace/core';
import { documentFromRow, type DocumentRow } from '../rows/foundation.rows.ts';
import { searchVector } from './search.vector.ts';
import type { Sql } from './sql.client.ts';

const COLUMNS =
  'id, key, source_id, capture_sha256, content_sha256, text, paragraphs, title, byline, published_at, published_utc, language, canonical_url, ingested_at';

export function createDocumentRepository(sql: Sql): DocumentRepository {
  const one = async (column: 'id' | 'key', value: string) => {
    const [row] = await sql.rows<DocumentRow>(`SELECT ${COLUMNS} FROM documents WHERE ${column} = $1`, [
      value,
    ]);
    return row ? documentFromRow(row) : null;
  };
  const count = async (table: string): Promise<number> =>
    (await sql.rows<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  return {
    upsert(document, contentSha256) {
      return sql.transaction(async () => {
        // Row lock on the key: two workers upserting the same document serialize here.
        const [existing] = await sql.rows<{ content_sha256: string }>(
          'SELECT content_sha256 FROM documents WHERE key = $1 FOR UPDATE',
          [document.key],
        );
        if (existing && existing.content_sha256 === contentSha256) return 'unchanged' as const;
        const values = [
          document.id,
          document.key,
          document.sourceId,
          document.captureSha256,
          contentSha256,
          document.text,
          JSON.stringify(document.paragraphs.map((p) => [p.start, p.end])),
          document.title,
          document.byline,
          document.publishedAt,
          document.publishedAt ? toInstant(document.publishedAt) : null,
          document.language,
          document.canonicalUrl,
          document.ingestedAt,
          searchVector(document.title, document.text),
        ];
        await sql.run(
          `INSERT INTO documents (${COLUMNS}, search_vector)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::tsvector)
           ON CONFLICT (key) DO UPDATE SET source_id = excluded.source_id, capture_sha256 = excluded.capture_sha256,
             content_sha256 = excluded.content_sha256, text = excluded.text, paragraphs = excluded.paragraphs,
             title = excluded.title, byline = excluded.byline, published_at = excluded.published_at,
             published_utc = excluded.published_utc, language = excluded.language,
             canonical_url = excluded.canonical_url, ingested_at = excluded.ingested_at,
             search_vector = excluded.search_vector`,
          values,
        );
        await sql.run(
          `INSERT INTO document_versions (document_id, content_sha256, capture_sha256, seen_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT DO NOTHING`,
          [document.id, contentSha256, document.captureSha256, document.ingestedAt],
        );
        return existing ? ('updated' as const) : ('added' as const);
      });
    },
    get: (id) => one('id', id),
    getByKey: (key) => one('key', key),
    async unchangedKeys(items) {
      if (items.length === 0) return new Set();
      const rows = await sql.rows<{ key: string; content_sha256: string }>(
        'SELECT key, content_sha256 FROM documents WHERE key = ANY($1::text[])',
        [[...new Set(items.map((i) => i.key))]],
      );
      const stored = new Map(rows.map((r) => [r.key, r.content_sha256]));
      return new Set(items.filter((i) => stored.get(i.key) === i.contentSha256).map((i) => i.key));
    },
    async versions(id) {
      const rows = await sql.rows<{
        document_id: string;
        content_sha256: string;
        capture_sha256: string;
        seen_at: string;
      }>('SELECT * FROM document_versions WHERE document_id = $1 ORDER BY seen_at, content_sha256', [id]);
      return rows.map((r): DocumentVersion => ({
        documentId: r.document_id,
        contentSha256: r.content_sha256,
        captureSha256: r.capture_sha256,
        seenAt: r.seen_at,
      }));
    },
    async list(options) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (options.afterId) {
        params.push(options.afterId);
        where.push(`id > $${params.length}`);
      }
      if (options.sourceId) {
        params.push(options.sourceId);
        where.push(`source_id = $${params.length}`);
      }
      params.push(options.limit);
      const rows = await sql.rows<DocumentRow>(
        `SELECT ${COLUMNS} FROM documents ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id LIMIT $${params.length}`,
        params,
      );
      return rows.map(documentFromRow);
    },
    count: () => count('documents'),
    async stats() {
      const stats: CorpusStats = {
        documents: await count('documents'),
        sources: await sql.rows<CorpusStats['sources'][number]>(
          `SELECT s.id AS "sourceId", s.name AS name, count(d.rowid)::int AS documents FROM sources s
             LEFT JOIN documents d ON d.source_id = s.id GROUP BY s.id, s.name ORDER BY documents DESC, s.id`,
        ),
        languages: await sql.rows<CorpusStats['languages'][number]>(
          'SELECT language, count(*)::int AS documents FROM documents GROUP BY language ORDER BY documents DESC, language',
        ),
        months: await sql.rows<CorpusStats['months'][number]>(
          `SELECT coalesce(substr(published_utc, 1, 7), 'unknown') COLLATE "C" AS month, count(*)::int AS documents
           FROM documents GROUP BY 1 ORDER BY 1`,
        ),
        captures: await count('captures'),
        annotations: await count('annotations'),
      };
      return stats;
    },
  };
}
