// Files the full-text entries a store indexed before score-bound cells (migration 0160) under their
// cells, so that searches stop scoring them all (docs/decisions/0160-score-bound-cells.md). Until
// then they sit in cell 0 and every search still scores them: results are the same either way.
// Resumable: each batch is one transaction, and a document already filed is not read again.
import { sql } from 'kysely';
import { sqliteFullText } from '../database/sqlite.full-text.ts';
import type { SqliteStore } from './sqlite.store.ts';

export interface FileCellsProgress {
  filed: number;
  remaining: number;
}

export async function fileSearchCells(
  store: SqliteStore,
  options: { batchSize?: number; onProgress?: (progress: FileCellsProgress) => void } = {},
): Promise<{ filed: number }> {
  const { context } = store;
  const index = sqliteFullText.indexer(context);
  const batchSize = options.batchSize ?? 1000;
  const left = async (): Promise<number> =>
    Number(
      (
        await sql<{ n: number }>`SELECT count(*) AS n FROM documents d
          WHERE NOT EXISTS (SELECT 1 FROM documents_fts_cells c WHERE c.rowid = d.rowid)`.execute(
          context.db(),
        )
      ).rows[0]?.n ?? 0,
    );
  let remaining = await left();
  let filed = 0;
  let after = 0;
  while (remaining > 0) {
    const done = await context.transaction(async () => {
      const db = context.db();
      const batch = await sql<{
        rowid: number;
        title: string | null;
        text: string;
        translated: string | null;
      }>`
        SELECT d.rowid AS rowid, d.title AS title, d.text AS text,
          (SELECT group_concat(t.text, char(10, 10) ORDER BY t.target_language, t.span_start)
            FROM translations t WHERE t.document_id = d.id) AS translated
        FROM documents d
        WHERE d.rowid > ${after} AND NOT EXISTS (SELECT 1 FROM documents_fts_cells c WHERE c.rowid = d.rowid)
        ORDER BY d.rowid LIMIT ${batchSize}`.execute(db);
      for (const row of batch.rows) {
        // The entry's text as translations.reindex writes it: the document, then its translations.
        const text = row.translated === null ? row.text : `${row.text}\n\n${row.translated}`;
        await index({ rowid: Number(row.rowid), title: row.title, text, replacing: true });
        after = Number(row.rowid);
      }
      return batch.rows.length;
    });
    if (done === 0) break;
    filed += done;
    remaining -= done;
    options.onProgress?.({ filed, remaining: Math.max(0, remaining) });
  }
  // Every filed entry left a deleted one behind in the index segments, which each search would
  // still read past (counting took 2.7 ms instead of 0.6 for 12k matches at 100k): merge them out.
  if (filed > 0)
    await sql`INSERT INTO documents_fts (documents_fts) VALUES ('optimize')`.execute(context.db());
  return { filed };
}
