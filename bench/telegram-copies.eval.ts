// Copies on real posts: ingests ../shared/data/media/telegram_ru_news_2024 into a temporary SQLite
// store, groups copies, and compares the groups with bench/labels/telegram-copies.json (the groups
// found before copies had to agree on figures and names, each labeled right or wrong by hand).
// `node bench/telegram-copies.eval.ts [--shared-data DIR]` prints how many labeled groups are kept
// whole, broken up, and the groups no label covers (to label before trusting a new figure).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { groupCopies, ingestFiles } from '@echotrace/app';
import { openSqliteStore } from '@echotrace/storage';

interface Labels {
  groups: Array<{ members: string[]; right: boolean; why?: string }>;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { 'shared-data': { type: 'string' } } });
const shared = path.resolve(values['shared-data'] ?? path.join(root, '../shared/data'));
const labels = JSON.parse(
  readFileSync(path.join(root, 'bench/labels/telegram-copies.json'), 'utf8'),
) as Labels;
const dir = mkdtempSync(path.join(tmpdir(), 'echotrace-copies-'));
const store = openSqliteStore(path.join(dir, 'posts.db'));
try {
  await ingestFiles(
    { store, clock: { now: () => new Date() }, enrichers: [] },
    { paths: [path.join(shared, 'media/telegram_ru_news_2024')], maxFileBytes: 1 << 28, dedupe: false },
  );
  const { largest } = await groupCopies(store, { largest: Number.POSITIVE_INFINITY });
  const key = (members: readonly string[]): string => [...members].sort().join(' ');
  const found = new Map(largest.map((g) => [key(g.members), g]));
  const labeled = new Set(labels.groups.map((g) => key(g.members)));
  const kept = labels.groups.filter((g) => found.has(key(g.members)));
  const keptRight = kept.filter((g) => g.right).length;
  const right = labels.groups.filter((g) => g.right).length;
  const unlabeled = largest.filter((g) => !labeled.has(key(g.members)));
  console.log(
    JSON.stringify(
      {
        groups: largest.length,
        labeledGroups: labels.groups.length,
        labeledRight: right,
        rightKept: keptRight,
        wrongKept: kept.length - keptRight,
        wrongBrokenUp: labels.groups.length - right - (kept.length - keptRight),
        unlabeled: unlabeled.map((g) => g.documents.map((d) => `${d.publishedAt} ${d.sourceId} ${d.title}`)),
      },
      null,
      2,
    ),
  );
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
