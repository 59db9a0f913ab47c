// The SHA-256 of every annotation row of a SQLite store (all columns but the id, which hashes the
// same fields), sorted, one JSON array per line: the check that a speed change leaves enrichment's
// output byte for byte as it was. Ingest the real posts into a fresh copy of a store with the
// sanctions lists imported before and after the change, and compare:
//   node bench/annotation.digest.ts STORE.db   → `<rows> <sha256>`
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

export function annotationDigest(db: string): { annotations: number; sha256: string } {
  const sqlite = new Database(db, { readonly: true });
  try {
    const rows = sqlite
      .prepare(
        `SELECT document_id, kind, label, start_offset, end_offset, confidence, producer, producer_version, attributes
         FROM annotations ORDER BY document_id, producer, start_offset, end_offset, kind, label, attributes`,
      )
      .raw()
      .all();
    const hash = createHash('sha256');
    for (const row of rows) hash.update(`${JSON.stringify(row)}\n`);
    return { annotations: rows.length, sha256: hash.digest('hex') };
  } finally {
    sqlite.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const db = process.argv[2];
  if (!db) {
    console.error('usage: node bench/annotation.digest.ts STORE.db');
    process.exit(2);
  }
  const { annotations, sha256 } = annotationDigest(db);
  console.log(`${annotations} ${sha256}`);
}
