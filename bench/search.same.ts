// Prints every benchmark query's results (totals, ids in order, scores) at a few pages as JSON, so
// that two versions of the store can be diffed on the same kept corpus: same hits, same order.
// Run: node bench/search.same.ts FILE.db > before.json
import { parseQuery } from '@echotrace/core';
import { openSqliteStore } from '@echotrace/storage';
import { QUERY_SETS } from './foundation.bench.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/search.same.ts FILE.db');
  process.exit(2);
}
const store = openSqliteStore(file);
const out: Record<string, unknown> = {};
for (const q of Object.values(QUERY_SETS).flat()) {
  for (const offset of [0, 10, 95]) {
    const r = await store.search.search({ query: parseQuery(q), limit: 10, offset });
    out[`${q} @${offset}`] = {
      total: r.total,
      hits: r.hits.map((h) => `${h.documentId} ${h.score} ${h.snippet.length}`),
    };
  }
}
await store.close();
console.log(JSON.stringify(out, null, 1));
