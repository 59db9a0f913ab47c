// Precision of sanctions screening on real posts, against labels written by reading them
// (packages/sanctions/test/fixtures/telegram-ru-2024.sanctions.labels.tsv). The store must hold the
// posts and the list:
//   echotrace sanctions import …/ofac_sdn_2023-01/sdn.csv …/ofac_alt_add_2026/alt.csv …/sdn_address.csv --db F
//   echotrace ingest ../shared/data/media/telegram_ru_news_2024 --db F
// Then: node bench/sanctions.telegram.eval.ts F [--stored] [--unlabeled]
// Re-screens every post's stored entity annotations with the current code (or, with --stored, reads
// the sanction annotations already in the store, e.g. from an older version), and scores the
// distinct (mention, mention type, list entry) pairs. Posts are split by id parity: even ids were the
// tuning half, odd ids are held out; precision is reported for each half and overall.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { annotationsOfKind, type Annotation, type Document, type Store } from '@echotrace/core';
import { createStoredScreener } from '@echotrace/app';
import { screenEntityAnnotations } from '@echotrace/sanctions';
import { openStore } from '@echotrace/storage';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LABELS = path.join(repoRoot, 'packages/sanctions/test/fixtures/telegram-ru-2024.sanctions.labels.tsv');

// Listed parties truly named in these posts (read from them), with their OFAC ids.
const MUST_FLAG: ReadonlyArray<[string, string]> = [
  ['Putin', '35096'],
  ['Peskov', '35320'],
  ['Lavrov', '35233'],
  ['Zakharova', '37509'],
  ['Shoigu', '35173'],
  ['Volodin', '16714'],
  ['Sobyanin', '35217'],
  ['Lukashenka', '9760'],
  ['Prigozhin', '21171'],
  ['Kadyrov', '23343'],
  ['Deripaska', '24283'],
  ['Gerasimov', '35176'],
  ['Gladkov', '40257'],
  ['Bogomaz', '40269'],
  ['Belousov (Andrey)', '39361'],
  ['Medvedev', '36407'],
  ['Matviyenko', '16660'],
  ['al-Assad', '12735'],
  ['HAMAS', '4695'],
  ['FSB', '21344'],
  ['GRU', '21343'],
  ['Taliban', '6636'],
];

type Verdict = 'correct' | 'wrong' | 'unsure';

interface Flag {
  readonly key: string;
  readonly post: number;
  readonly entries: string;
}

function readLabels(): Map<string, Verdict> {
  const labels = new Map<string, Verdict>();
  for (const line of readFileSync(LABELS, 'utf8').split('\n')) {
    if (!line || line.startsWith('#') || line.startsWith('mention\t')) continue;
    const [mention, type, entries, verdict] = line.split('\t');
    labels.set(`${mention}\t${type}\t${entries}`, verdict as Verdict);
  }
  return labels;
}

const postNumber = (document: Document): number => Number(/(\d+)$/.exec(document.key)?.[1] ?? NaN);

async function allDocuments(store: Store): Promise<Document[]> {
  const out: Document[] = [];
  let afterId: string | undefined;
  for (;;) {
    const page = await store.documents.list({ limit: 500, ...(afterId !== undefined && { afterId }) });
    if (page.length === 0) return out;
    out.push(...page);
    afterId = page.at(-1)!.id;
  }
}

function flagsOf(
  document: Document,
  sanctions: readonly Annotation[],
  entities: readonly Annotation[],
): Flag[] {
  const byspan = new Map(entities.map((a) => [`${a.start}:${a.end}`, a]));
  return sanctions.map((s) => {
    const entity = byspan.get(`${s.start}:${s.end}`);
    const candidates = s.attributes.candidates as Array<{ listEntryId: string }> | undefined;
    const entries = candidates
      ? candidates
          .map((c) => c.listEntryId)
          .sort()
          .join('|')
      : String(s.attributes.listEntryId);
    const mention = document.text.slice(s.start, s.end);
    return { key: `${mention}\t${entity?.label ?? '?'}\t${entries}`, post: postNumber(document), entries };
  });
}

export async function evaluateTelegramScreening(dbPath: string, stored: boolean) {
  const store = await openStore({ dbPath });
  try {
    // The screener ingest builds, with the store's triage decisions (none in a fresh store).
    const screener = await createStoredScreener(store);
    if (!screener) throw new Error(`${dbPath}: no sanctions list imported`);
    const flags: Flag[] = [];
    const started = performance.now();
    for (const document of await allDocuments(store)) {
      const annotations = await store.annotations.forDocument(document.id);
      const entities = annotationsOfKind(annotations, 'entity');
      const sanctions = stored
        ? annotations.filter((a) => a.kind === 'sanction')
        : screenEntityAnnotations(document.id, entities, screener, document.text);
      flags.push(...flagsOf(document, sanctions, entities));
    }
    const seconds = (performance.now() - started) / 1000;
    const labels = readLabels();
    const score = (keep: (post: number) => boolean) => {
      const pairs = new Set(flags.filter((f) => keep(f.post)).map((f) => f.key));
      const counts = { pairs: pairs.size, correct: 0, wrong: 0, unsure: 0, unlabeled: [] as string[] };
      const wrong: string[] = [];
      for (const pair of pairs) {
        const verdict = labels.get(pair);
        if (verdict === undefined) counts.unlabeled.push(pair);
        else counts[verdict]++;
        if (verdict === 'wrong') wrong.push(pair);
      }
      const judged = counts.correct + counts.wrong;
      return { ...counts, precision: judged ? counts.correct / judged : 1, wrongPairs: wrong };
    };
    const flaggedEntries = new Set(flags.flatMap((f) => f.entries.split('|')));
    // Recall over every pair labeled correct: which are still flagged (the labels hold pairs flagged
    // by any version that was labeled).
    const flaggedPairs = new Set(flags.map((f) => f.key));
    const correctPairs = [...labels].filter(([, v]) => v === 'correct').map(([k]) => k);
    return {
      source: stored ? 'stored annotations' : 'current screening',
      seconds: Math.round(seconds * 10) / 10,
      tuning: score((post) => post % 2 === 0),
      heldOut: score((post) => post % 2 === 1),
      overall: score(() => true),
      mustFlag: MUST_FLAG.map(([name, id]) => ({ name, id, flagged: flaggedEntries.has(id) })),
      correctPairsStillFlagged: correctPairs.filter((p) => flaggedPairs.has(p)).length,
      correctPairsLabeled: correctPairs.length,
      correctPairsLost: correctPairs.filter((p) => !flaggedPairs.has(p)),
    };
  } finally {
    await store.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dbPath = process.argv[2];
  if (!dbPath) {
    console.error('usage: node bench/sanctions.telegram.eval.ts DB [--stored] [--unlabeled]');
    process.exit(2);
  }
  const result = await evaluateTelegramScreening(dbPath, process.argv.includes('--stored'));
  const line = (name: string, s: Awaited<ReturnType<typeof evaluateTelegramScreening>>['overall']) =>
    `${name}: ${s.pairs} distinct pairs, ${s.correct} correct, ${s.wrong} wrong, ${s.unsure} unsure, ` +
    `${s.unlabeled.length} unlabeled → precision ${(s.precision * 100).toFixed(1)} %`;
  console.log(`${result.source} (${result.seconds} s)`);
  console.log(line('tuning half (even post ids)', result.tuning));
  console.log(line('held-out half (odd post ids)', result.heldOut));
  console.log(line('overall', result.overall));
  console.log(
    `must flag: ${result.mustFlag.filter((m) => m.flagged).length}/${result.mustFlag.length}` +
      result.mustFlag
        .filter((m) => !m.flagged)
        .map((m) => ` missing ${m.name} (${m.id})`)
        .join(''),
  );
  console.log(
    `pairs labeled correct still flagged: ${result.correctPairsStillFlagged}/${result.correctPairsLabeled}`,
  );
  if (process.argv.includes('--unlabeled')) {
    for (const pair of result.overall.unlabeled) console.log(`unlabeled\t${pair}`);
    for (const pair of result.overall.wrongPairs) console.log(`wrong\t${pair}`);
    for (const pair of result.correctPairsLost) console.log(`lost\t${pair}`);
  }
}
