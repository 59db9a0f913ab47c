// Scores recognizeEntities (the whole recognizer: tagger, corrections, MEDIA → ORG) on our hand
// labels of real Telegram posts (packages/entities/eval/telegram-sample.labels.txt; README there).
//   node packages/entities/scripts/eval-telegram-sample.ts [--split dev|held-out|all] [--errors] [--json]
// Posts are read from ../shared/data/media/telegram_ru_news_2024 (or ECHOTRACE_SHARED_DATA). The
// split is fixed: the labeled posts in file order, even positions development, odd held out.
// --errors lists missed and spurious spans, and is refused on the held-out half.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { recognizeEntities } from '../src/recognition/entity.recognizer.ts';
import type { GoldSpan } from '../src/evaluation/labeled.document.ts';
import { Tally, tallyExact } from '../src/evaluation/ner.scoring.ts';
import { parseSpanLabels, resolveSpanLabels } from '../src/evaluation/span.labels.ts';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../..');
const sharedData = process.env.ECHOTRACE_SHARED_DATA ?? resolve(repoRoot, '../shared/data');
const postsDir = resolve(sharedData, 'media/telegram_ru_news_2024');
const labelsFile = resolve(repoRoot, 'packages/entities/eval/telegram-sample.labels.txt');

const { values } = parseArgs({
  options: {
    split: { type: 'string', default: 'dev' },
    errors: { type: 'boolean' },
    json: { type: 'boolean' },
  },
});
const split = values.split;
if (!['dev', 'held-out', 'all'].includes(split))
  throw new Error(`--split ${split}: expected dev, held-out or all`);
if (values.errors && split !== 'dev') throw new Error('--errors is for the development half only');

const texts = new Map<string, string>();
for (const file of ['1001003921752_messages.json', '1001101170442_messages.json']) {
  const posts = JSON.parse(readFileSync(resolve(postsDir, file), 'utf8')) as Array<{
    message_id: number;
    sender_id: number;
    text?: string;
  }>;
  for (const p of posts) if (p.text) texts.set(`${-p.sender_id}/${p.message_id}`, p.text);
}

const TYPE: Record<string, string> = { PERSON: 'PER', LOCATION: 'LOC', ORGANIZATION: 'ORG', MEDIA: 'ORG' };
const labeled = parseSpanLabels(readFileSync(labelsFile, 'utf8'), labelsFile);
const chosen = labeled.filter((_, i) => split === 'all' || (i % 2 === 0) === (split === 'dev'));
const tally = new Tally();
const errors: string[] = [];
for (const post of chosen) {
  const text = texts.get(post.id);
  if (text === undefined) throw new Error(`${labelsFile}: post ${post.id} is not in ${postsDir}`);
  const gold = resolveSpanLabels(post, text, labelsFile);
  const predicted: GoldSpan[] = recognizeEntities(text, 'ru').map((m) => ({
    start: m.start,
    end: m.end,
    type: TYPE[m.type]!,
  }));
  tallyExact(tally, gold, predicted);
  if (values.errors) {
    const key = (s: GoldSpan): string => `${s.start}:${s.end}:${s.type}`;
    const g = new Set(gold.map(key));
    const p = new Set(predicted.map(key));
    for (const s of gold)
      if (!p.has(key(s))) errors.push(`${post.id}\tmissed\t${s.type}\t${text.slice(s.start, s.end)}`);
    for (const s of predicted)
      if (!g.has(key(s))) errors.push(`${post.id}\tspurious\t${s.type}\t${text.slice(s.start, s.end)}`);
  }
}
const table = tally.table();
if (values.json) console.log(JSON.stringify({ split, posts: chosen.length, ...table }, null, 2));
else {
  console.log(`telegram sample, ${split}: ${chosen.length} posts`);
  console.log('type          P%     R%    F1%   gold   pred');
  const pct = (x: number): string => (x * 100).toFixed(2).padStart(6);
  for (const [type, s] of [...Object.entries(table.perType), ['overall', table.overall] as const])
    console.log(
      `${type.padEnd(9)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)} ${String(s.gold).padStart(6)} ${String(s.predicted).padStart(6)}`,
    );
  for (const e of errors) console.log(e);
}
