// Scores the narratives stored for real posts against our hand labels
// (packages/narratives/eval/real-posts.narratives.txt), per outlet kind and per half of the sample
// (tune: what we looked at while changing the classifier; test: scored only). It reads what ingest
// stored, so it measures the whole enrichment path (quotes included), not a model in isolation:
//   npx echotrace ingest ../shared/data/media/telegram_ru_news_2024 --db /tmp/rp.db
//   node scripts/eval-real-posts.ts --db /tmp/rp.db [--json]
import { readFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { db: { type: 'string' }, json: { type: 'boolean' } } });
if (!values.db) throw new Error('--db FILE (an SQLite store the posts were ingested into) is required');

/** Independent outlet reporting the war, and a state outlet. */
const OUTLETS: Record<string, string> = { '1001003921752': 'independent', '1001101170442': 'state' };

const fixture = new URL('../packages/narratives/eval/real-posts.narratives.txt', import.meta.url);
const rows = readFileSync(fixture, 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => {
    const [id, subset, half, labels] = l.split('\t') as [string, string, string, string];
    return { id, subset, half, gold: new Set(labels.split(';').filter((x) => x !== 'Other')) };
  });

const db = new DatabaseSync(values.db, { readOnly: true });
const find = db.prepare(
  `SELECT json_extract(a.attributes, '$.name') AS name FROM annotations a JOIN documents d ON d.id = a.document_id
   WHERE d.key = ? AND a.kind = 'narrative' AND json_extract(a.attributes, '$.level') = 'narrative'`,
);
const scored = rows.map((r) => {
  const found = find.all(`telegram:-${r.id}`) as Array<{ name: string }>;
  return { ...r, predicted: new Set(found.map((f) => f.name)) };
});

function measure(part: typeof scored) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const r of part) {
    for (const l of r.predicted)
      if (r.gold.has(l)) tp++;
      else fp++;
    for (const l of r.gold) if (!r.predicted.has(l)) fn++;
  }
  return {
    posts: part.length,
    postsFlagged: part.filter((r) => r.predicted.size > 0).length,
    predictedLabels: tp + fp,
    goldLabels: tp + fn,
    precision: tp + fp ? tp / (tp + fp) : null,
    recall: tp + fn ? tp / (tp + fn) : null,
  };
}

const result: Record<string, unknown> = {};
for (const half of ['tune', 'test', 'all'])
  for (const outlet of ['independent', 'state']) {
    const part = scored.filter(
      (r) => OUTLETS[r.id.split('/')[0]!] === outlet && (half === 'all' || r.half === half),
    );
    result[`${half} ${outlet}`] = measure(part);
  }
if (values.json)
  console.log(
    JSON.stringify(
      { result, rows: scored.map((r) => ({ ...r, gold: [...r.gold], predicted: [...r.predicted] })) },
      null,
      2,
    ),
  );
else for (const [k, v] of Object.entries(result)) console.log(k.padEnd(18), JSON.stringify(v));
