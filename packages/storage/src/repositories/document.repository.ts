// Documents and their version history, written once over Kysely for every dialect. The full-text
// entry is written in the same unit through the dialect's seam (an FTS5 row on SQLite, the row's
// tsvector on PostgreSQL).
import { toInstant, type CorpusStats, type DocumentRepository, type DocumentVersion } from '@echotrace/core';
import { sql, type Selectable } from 'kysely';
import { prepared, type PreparedStatement } from '../database/prepared.ts';
import type { DocumentVersionsTable } from '../database/schema.ts';
import type { StoreContext } from '../database/unit-of-work.ts';
import { documentFromRow, type DocumentRow } from '../rows/foundation.rows.ts';

// Named, not `*`: on PostgreSQL the row also holds its search vector, which no caller reads.
const COLUMNS = [
  'id',
  'key',
  'source_id',
  'capture_sha256',
  'content_sha256',
  'text',
  'paragraphs',
  'title',
  'byline',
  'published_at',
  'published_utc',
  'language',
  'canonical_url',
  'ingested_at',
] as const;

export function createDocumentRepository(context: StoreContext): DocumentRepository {
  const { dialect } = context;
  const documents = () => context.db().selectFrom('documents').select(COLUMNS);
  const count = async (table: 'documents' | 'captures' | 'annotations'): Promise<number> => {
    const row = await context
      .db()
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    return dialect.decodeCount(row?.n);
  };

  const lockKey = prepared<{ key: string }, { rowid: number | string; content_sha256: string }>(
    context,
    (db, slot) =>
      // Row lock on the key (PostgreSQL): two workers upserting the same document serialize here.
      dialect.lockRows(
        db.selectFrom('documents').select(['rowid', 'content_sha256']).where('key', '=', slot('key')),
      ),
  );
  type Row = Record<(typeof COLUMNS)[number], string | null> & Record<string, string | null>;
  let write: PreparedStatement<Row, { rowid: number | string }> | undefined;
  // Built from the first row's columns: the document's own, and the index's on the row, if any.
  const writeStatement = (columns: string[]) =>
    prepared<Row, { rowid: number | string }>(context, (db, slot) =>
      db
        .insertInto('documents')
        .values(Object.fromEntries(columns.map((column) => [column, slot(column)])) as never)
        // An upsert, not an update: a concurrent writer may have added the key since the lock read.
        // Every column but id and key is replaced.
        .onConflict((oc) =>
          oc
            .column('key')
            .doUpdateSet(
              Object.fromEntries(
                columns
                  .filter((column) => column !== 'id' && column !== 'key')
                  .map((column) => [column, sql.ref(`excluded.${column}`)]),
              ) as never,
            ),
        )
        .returning('rowid'),
    );
  const addVersion = prepared<Selectable<DocumentVersionsTable>>(context, (db, slot) =>
    db
      .insertInto('document_versions')
      .values({
        document_id: slot('document_id'),
        content_sha256: slot('content_sha256'),
        capture_sha256: slot('capture_sha256'),
        seen_at: slot('seen_at'),
      })
      .onConflict((oc) => oc.doNothing()),
  );
  const index = dialect.fullText.indexer(context);
  // Read once per document by show, dedupe and the worker: prepared as well.
  const byId = prepared<{ id: string }, DocumentRow>(context, (db, slot) =>
    db.selectFrom('documents').select(COLUMNS).where('id', '=', slot('id')),
  );
  const byKey = prepared<{ key: string }, DocumentRow>(context, (db, slot) =>
    db.selectFrom('documents').select(COLUMNS).where('key', '=', slot('key')),
  );
  const versionsOf = prepared<{ id: string }, Selectable<DocumentVersionsTable>>(context, (db, slot) =>
    db
      .selectFrom('document_versions')
      .selectAll()
      .where('document_id', '=', slot('id'))
      .orderBy('seen_at')
      .orderBy('content_sha256'),
  );

  return {
    upsert(document, contentSha256) {
      return context.transaction(async () => {
        const [existing] = (await lockKey({ key: document.key })).rows;
        if (existing && existing.content_sha256 === contentSha256) return 'unchanged' as const;
        const row: Row = {
          id: document.id,
          key: document.key,
          source_id: document.sourceId,
          capture_sha256: document.captureSha256,
          content_sha256: contentSha256,
          text: document.text,
          paragraphs: JSON.stringify(document.paragraphs.map((p) => [p.start, p.end])),
          title: document.title,
          byline: document.byline,
          published_at: document.publishedAt,
          published_utc: document.publishedAt ? toInstant(document.publishedAt) : null,
          language: document.language,
          canonical_url: document.canonicalUrl,
          ingested_at: document.ingestedAt,
          ...dialect.fullText.documentValues(document.title, document.text),
        };
        write ??= writeStatement(Object.keys(row));
        const [written] = (await write(row)).rows;
        await index({
          rowid: Number(written!.rowid),
          title: document.title,
          text: document.text,
          replacing: existing !== undefined,
        });
        await addVersion({
          document_id: document.id,
          content_sha256: contentSha256,
          capture_sha256: document.captureSha256,
          seen_at: document.ingestedAt,
        });
        return existing ? ('updated' as const) : ('added' as const);
      });
    },
    async get(id) {
      const [row] = (await byId({ id })).rows;
      return row ? documentFromRow(row) : null;
    },
    async getByKey(key) {
      const [row] = (await byKey({ key })).rows;
      return row ? documentFromRow(row) : null;
    },
    async unchangedKeys(items) {
      if (items.length === 0) return new Set();
      const keys = [...new Set(items.map((i) => i.key))];
      const stored = new Map<string, string>();
      // Chunks keep the IN list under either database's limit on bind parameters.
      for (let at = 0; at < keys.length; at += 1000) {
        const rows = await context
          .db()
          .selectFrom('documents')
          .select(['key', 'content_sha256'])
          .where('key', 'in', keys.slice(at, at + 1000))
          .execute();
        for (const r of rows) stored.set(r.key, r.content_sha256);
      }
      return new Set(items.filter((i) => stored.get(i.key) === i.contentSha256).map((i) => i.key));
    },
    async keysByCanonicalUrl(urls) {
      const wanted = [...new Set(urls.map((u) => u.toLowerCase()))];
      const found = new Map<string, string>();
      for (let at = 0; at < wanted.length; at += 1000) {
        // lower(canonical_url) is indexed (migration 0122); the earliest stored document wins.
        const rows = await context
          .db()
          .selectFrom('documents')
          .select(['key', sql<string>`lower(canonical_url)`.as('url')])
          .where(sql<string>`lower(canonical_url)`, 'in', wanted.slice(at, at + 1000))
          .orderBy('ingested_at')
          .orderBy('id')
          .execute();
        for (const r of rows) if (!found.has(r.url)) found.set(r.url, r.key);
      }
      return found;
    },
    async versions(id) {
      const { rows } = await versionsOf({ id });
      return rows.map((r): DocumentVersion => ({
        documentId: r.document_id,
        contentSha256: r.content_sha256,
        captureSha256: r.capture_sha256,
        seenAt: r.seen_at,
      }));
    },
    async list(options) {
      let select = documents();
      if (options.afterId) select = select.where('id', '>', options.afterId);
      if (options.sourceId) select = select.where('source_id', '=', options.sourceId);
      const rows = await select.orderBy('id').limit(options.limit).execute();
      return rows.map(documentFromRow);
    },
    count: () => count('documents'),
    async stats() {
      const db = context.db();
      const sources = await db
        .selectFrom('sources as s')
        .leftJoin('documents as d', 'd.source_id', 's.id')
        .select((eb) => ['s.id as sourceId', 's.name as name', eb.fn.count('d.rowid').as('documents')])
        .groupBy(['s.id', 's.name'])
        .orderBy('documents', 'desc')
        .orderBy('s.id')
        .execute();
      const languages = await db
        .selectFrom('documents')
        .select((eb) => ['language', eb.fn.countAll().as('documents')])
        .groupBy('language')
        .orderBy('documents', 'desc')
        .orderBy('language')
        .execute();
      // Month buckets of the UTC instant (ISO text), sorted byte-wise as on SQLite.
      const month = dialect.binaryText(sql<string>`coalesce(substr(published_utc, 1, 7), 'unknown')`);
      const months = await db
        .selectFrom('documents')
        .select((eb) => [month.as('month'), eb.fn.countAll().as('documents')])
        .groupBy(sql`1`)
        .orderBy(sql`1`)
        .execute();
      const stats: CorpusStats = {
        documents: await count('documents'),
        sources: sources.map((r) => ({
          sourceId: r.sourceId,
          name: r.name,
          documents: dialect.decodeCount(r.documents),
        })),
        languages: languages.map((r) => ({
          language: r.language,
          documents: dialect.decodeCount(r.documents),
        })),
        months: months.map((r) => ({ month: r.month, documents: dialect.decodeCount(r.documents) })),
        captures: await count('captures'),
        annotations: await count('annotations'),
      };
      return stats;
    },
  };
}
