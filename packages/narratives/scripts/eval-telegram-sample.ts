// Scores the committed narrative model on our hand labels of real Telegram posts
// (eval/telegram-sample.narratives.txt), read without Telegram markup as ingest reads them (quotes
// are not weighed here; scripts/eval-real-posts.ts scores the whole ingest path): precision of the
// predicted narratives, the share of posts
// labelled Other that stay unlabelled, recall.
//   node packages/narratives/scripts/eval-telegram-sample.ts [--shared-data DIR] [--json]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { labelScorer, predictNarratives } from '../src/index.ts';
import { OTHER, textFeatures } from '../src/training.ts';
import { readerText } from '../src/evaluation/dataset.readers.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const { values } = parseArgs({ options: { 'shared-data': { type: 'string' }, json: { type: 'boolean' } } });
const sharedData =
  values['shared-data'] ?? process.env.ECHOTRACE_SHARED_DATA ?? path.resolve(root, '../shared/data');
const dir = path.join(sharedData, 'media/telegram_ru_news_2024');
const posts = new Map<string, string>();
for (const channel of ['1001003921752', '1001101170442']) {
  const messages = JSON.parse(readFileSync(path.join(dir, `${channel}_messages.json`), 'utf8')) as Array<{
    message_id: number;
    text: string;
  }>;
  for (const m of messages) posts.set(`${channel}/${m.message_id}`, readerText(m.text ?? ''));
}
const labels = readFileSync(
  fileURLToPath(new URL('../eval/telegram-sample.narratives.txt', import.meta.url)),
  'utf8',
)
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => {
    const [id, gold] = l.split('\t');
    return { id: id!, gold: new Set(gold!.split(';')) };
  });
const scorer = labelScorer('narratives', 'ru');
if (!scorer) throw new Error('no Russian narrative model in models/');
let predicted = 0;
let correct = 0;
let goldCount = 0;
let found = 0;
let otherPosts = 0;
let otherKept = 0;
const rows: Array<{ id: string; gold: string[]; predicted: string[] }> = [];
for (const { id, gold } of labels) {
  const text = posts.get(id);
  if (text === undefined) throw new Error(`post ${id} is not in ${dir}`);
  const p = predictNarratives(scorer, textFeatures(text))
    .narratives.map((n) => n.label)
    .filter((l) => l !== OTHER);
  rows.push({ id, gold: [...gold], predicted: p });
  predicted += p.length;
  correct += p.filter((l) => gold.has(l)).length;
  const g = [...gold].filter((l) => l !== OTHER);
  goldCount += g.length;
  found += g.filter((l) => p.includes(l)).length;
  if (g.length === 0) {
    otherPosts++;
    if (p.length === 0) otherKept++;
  }
}
const byChannel = (channel: string) => {
  const own = rows.filter((r) => r.id.startsWith(channel + '/'));
  const predictedHere = own.flatMap((r) => r.predicted.map((l) => r.gold.includes(l)));
  return {
    posts: own.length,
    predictedLabels: predictedHere.length,
    precision: predictedHere.length ? predictedHere.filter(Boolean).length / predictedHere.length : null,
  };
};
const result = {
  posts: labels.length,
  predictedLabels: predicted,
  precision: predicted ? correct / predicted : null,
  recall: goldCount ? found / goldCount : null,
  otherPosts,
  otherLeftUnlabelled: otherPosts ? otherKept / otherPosts : null,
  postsWithANarrative: rows.filter((r) => r.predicted.length > 0).length,
  // BBC News Russian's other posts are trained on as Other; RIA Novosti's never are.
  bbcNewsRussian: byChannel('1001003921752'),
  riaNovosti: byChannel('1001101170442'),
};
if (values.json) console.log(JSON.stringify({ ...result, rows }, null, 2));
else {
  console.log(JSON.stringify(result));
  for (const r of rows)
    if (r.predicted.length || !r.gold.includes(OTHER))
      console.log(`${r.id}\tgold ${r.gold.join(';')}\tpredicted ${r.predicted.join(';') || '-'}`);
}
