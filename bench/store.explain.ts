// Where a search's time goes on a kept store corpus (`npm run bench -- --only store --keep-db DIR`):
// for each benchmark query, the plan of each statement the SQLite search runs and its time alone,
// the FTS5 index's segments, and the WAL. Read-only; docs/scaling.md records what it found.
// Run: node bench/store.explain.ts FILE.db [--queries bench,second]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseQuery } from '@echotrace/core';
import Database from 'better-sqlite3';
import { compileMatch } from '../packages/storage/src/database/full-text.ts';
import { fts5Syntax } from '../packages/storage/src/database/sqlite.full-text.ts';
import { QUERY_SETS } from './foundation.bench.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { queries: { type: 'string', default: 'bench,second' } },
});
const file = positionals[0];
if (!file) {
  console.error('usage: node bench/store.explain.ts FILE.db [--queries bench,second]');
  process.exit(2);
}
const db = new Database(path.resolve(file), { readonly: true });
db.pragma('cache_size = -65536');
db.pragma('mmap_size = 268435456');

const time = (statement: string, params: unknown[]): { ms: number; rows: number } => {
  const prepared = db.prepare(statement);
  prepared.all(...params); // warm
  const runs: number[] = [];
  let rows = 0;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    rows = prepared.all(...params).length;
    runs.push(performance.now() - started);
  }
  runs.sort((a, b) => a - b);
  return { ms: Math.round(runs[1]! * 100) / 100, rows };
};
const plan = (statement: string, params: unknown[]): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${statement}`).all(...params) as Array<{ detail: string }>)
    .map((r) => r.detail)
    .join(' | ');

const segments = db
  .prepare('SELECT segid, count(*) AS terms, max(pgno) AS pages FROM documents_fts_idx GROUP BY segid')
  .all() as Array<{ segid: number; terms: number; pages: number }>;
console.log(
  `documents ${String((db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n)}, FTS5 segments ${segments.length}: ` +
    segments.map((s) => `${s.segid}:${s.pages}p`).join(' '),
);
console.log(
  `page_count ${String(db.pragma('page_count', { simple: true }))}, page_size ${String(db.pragma('page_size', { simple: true }))}`,
);

const RANK = 'bm25(documents_fts, 2.0, 1.0)';
for (const set of values.queries.split(',')) {
  for (const q of QUERY_SETS[set] ?? []) {
    const query = parseQuery(q);
    const match = compileMatch(query.text, q, fts5Syntax);
    if (!match.include) continue;
    const f = query.filters;
    const cond: string[] = [];
    const fp: unknown[] = [];
    if (f.languages.length) {
      cond.push(`d.language IN (${f.languages.map(() => '?').join(',')})`);
      fp.push(...f.languages);
    }
    if (f.from) {
      cond.push('d.published_utc >= ?');
      fp.push(f.from);
    }
    if (f.to) {
      cond.push('d.published_utc < ?');
      fp.push(f.to);
    }
    const filter = cond.join(' AND ');
    const stages: Record<string, [string, unknown[]]> = {
      matchOnly: ['SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?', [match.include]],
      bm25All: [`SELECT rowid, ${RANK} AS r FROM documents_fts WHERE documents_fts MATCH ?`, [match.include]],
      bm25Top10: [
        `SELECT rowid, ${RANK} AS r FROM documents_fts WHERE documents_fts MATCH ? ORDER BY r LIMIT 10`,
        [match.include],
      ],
      count: ['SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?', [match.include]],
    };
    // The page statement as sqlite.full-text.ts wrote it before this work (ranked CTE, cutoff, join).
    stages.pageBefore = [
      `WITH ranked AS MATERIALIZED (SELECT rowid, ${RANK} AS r FROM documents_fts WHERE documents_fts MATCH ?)
       SELECT d.rowid, ranked.r FROM ranked JOIN documents d ON d.rowid = ranked.rowid
       WHERE ${filter || 'ranked.r <= coalesce((SELECT r FROM ranked ORDER BY r LIMIT 1 OFFSET 9), 1e308)'}
       ORDER BY ranked.r, d.published_utc DESC, d.id LIMIT 10`,
      [match.include, ...fp],
    ];
    if (filter) {
      stages.joinFilter = [
        `SELECT count(*) FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ? AND ${filter}`,
        [match.include, ...fp],
      ];
    }
    const out: string[] = [];
    for (const [name, [statement, params]] of Object.entries(stages)) {
      const t = time(statement, params);
      out.push(`${name} ${t.ms} ms (${t.rows} rows)`);
    }
    console.log(`\n${q}\n  ${out.join(', ')}`);
    console.log(`  plan(pageBefore): ${plan(stages.pageBefore[0], stages.pageBefore[1])}`);
    if (filter) console.log(`  plan(joinFilter): ${plan(stages.joinFilter![0], stages.joinFilter![1])}`);
  }
}
