// Trains the committed word clusters (packages/entities/models/word.clusters.tsv.gz) from the
// UNLABELED text in ../shared/data only, for the NER tagger's cluster features (token.hashes.ts).
//   node packages/entities/scripts/train-word-clusters.ts [--no-write] [--russian]
// Method: each frequent lowercased word is described by the words around it (positions -2..+2 over
// the most frequent context words), weighted by positive PMI, then clustered top-down by recursive
// spherical 2-means (each split started from the median cut along the node's principal direction). A word's cluster is its path of left/right
// choices ("r0110…"), so a prefix of the path is a coarser cluster, as with Brown clusters (Koo et al.
// 2008; Ratinov & Roth 2009 use path prefixes as NER features). Deterministic: sorted inputs and a
// fixed initialization, so a re-run writes a byte-identical file (about three minutes on one core).
// Texts that are scored elsewhere are left out even unlabeled: CoNLL eng.testa, NEREL dev, the
// FactRuEval held-out half, and every hand-labeled Telegram post.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { hashFeature } from '../src/recognition/feature.hashing.ts';
import { tokenize } from '../src/recognition/word.tokenizer.ts';
import { parseSpanLabels } from '../src/evaluation/span.labels.ts';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../..');
const shared = process.env.ECHOTRACE_SHARED_DATA ?? resolve(repoRoot, '../shared/data');
const outFile = resolve(repoRoot, 'packages/entities/models/word.clusters.tsv.gz');
const { values } = parseArgs({ options: { 'no-write': { type: 'boolean' }, russian: { type: 'boolean' } } });

/** Words seen fewer times than this get no cluster: their contexts are too few to place them. */
const MIN_COUNT = 3;
const CONTEXT_WORDS = 600;
const MAX_DEPTH = 14;
const MIN_LEAF = 4;
const ITERATIONS = 8;

function filesUnder(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, suffix));
    else if (name.endsWith(suffix)) out.push(path);
  }
  return out;
}

function collectTexts(): string[] {
  const texts: string[] = [];
  const dirs = [
    'propaganda/ptc_en/train-articles',
    'propaganda/ru_zen_prop/train-articles',
    'propaganda/semeval2023_task3',
    'propaganda/semeval2025_task10/train',
    'quotes/polnear/train',
    'quotes/polnear/dev',
    'ner/nerel/NEREL-v1.1/train',
  ];
  for (const dir of dirs)
    for (const file of filesUnder(join(shared, dir), '.txt')) {
      if (/labels|techniques|narratives/.test(file)) continue;
      texts.push(readFileSync(file, 'utf8'));
    }
  // FactRuEval: only the training half (odd id hash, as train-ner.ts splits it).
  const fact = join(shared, 'ner/factRuEval-2016/devset');
  for (const file of filesUnder(fact, '.txt')) {
    const id = file.slice(fact.length + 1, -'.txt'.length);
    if (hashFeature(id) % 2 === 1) texts.push(readFileSync(file, 'utf8'));
  }
  // CoNLL eng.train as running text, one document per -DOCSTART-.
  const conll = readFileSync(join(shared, 'ner/conll2003/eng.train'), 'utf8');
  for (const doc of conll.split(/-DOCSTART-[^\n]*\n/))
    texts.push(
      doc
        .split('\n\n')
        .map((s) =>
          s
            .split('\n')
            .map((l) => l.split(' ')[0])
            .join(' '),
        )
        .join('\n'),
    );
  const labelsFile = resolve(repoRoot, 'packages/entities/eval/telegram-sample.labels.txt');
  const labeled = new Set(parseSpanLabels(readFileSync(labelsFile, 'utf8'), labelsFile).map((p) => p.id));
  const posts = join(shared, 'media/telegram_ru_news_2024');
  for (const file of filesUnder(posts, '_messages.json')) {
    const list = JSON.parse(readFileSync(file, 'utf8')) as Array<{
      message_id: number;
      sender_id: number;
      text?: string;
    }>;
    for (const p of list) if (p.text && !labeled.has(`${-p.sender_id}/${p.message_id}`)) texts.push(p.text);
  }
  // The same article appears in several sets: count it once.
  const seen = new Set<string>();
  return texts.filter((t) => {
    const key = createHash('sha1').update(t.trim()).digest('hex');
    if (seen.has(key) || t.trim() === '') return false;
    seen.add(key);
    return true;
  });
}

function language(text: string): 'e' | 'r' {
  const cyr = (text.match(/\p{Script=Cyrillic}/gu) ?? []).length;
  const lat = (text.match(/\p{Script=Latin}/gu) ?? []).length;
  return cyr > lat ? 'r' : 'e';
}

function cluster(tag: string, docs: string[][]): { paths: Map<string, string>; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  for (const doc of docs) for (const w of doc) counts.set(w, (counts.get(w) ?? 0) + 1);
  const byFrequency = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const vocab = byFrequency.filter(([w, n]) => n >= MIN_COUNT && /[\p{L}\p{N}]/u.test(w)).map(([w]) => w);
  const index = new Map(vocab.map((w, i) => [w, i]));
  // Contexts: the nearest neighbours over a wider vocabulary than the ones two words away; a
  // sentence boundary counts as a context word. Dense PPMI vectors, no projection: a random
  // projection's noise was larger than the small cosines between sparse context vectors.
  const NEAR = CONTEXT_WORDS;
  const FAR = CONTEXT_WORDS / 4;
  const offsets: Array<{ offset: number; size: number }> = [
    { offset: -2, size: FAR },
    { offset: -1, size: NEAR },
    { offset: 1, size: NEAR },
    { offset: 2, size: FAR },
  ];
  const contextIndex = new Map(byFrequency.slice(0, NEAR).map(([w], i) => [w, i]));
  const bases: number[] = [];
  let dimensions = 0;
  for (const o of offsets) {
    bases.push(dimensions);
    dimensions += o.size + 1;
  }
  const cooc = vocab.map(() => new Float32Array(dimensions));
  const contextTotals = new Float64Array(dimensions);
  const rowTotals = new Float64Array(vocab.length);
  let total = 0;
  for (const doc of docs)
    for (let i = 0; i < doc.length; i++) {
      const row = index.get(doc[i]!);
      if (row === undefined) continue;
      offsets.forEach(({ offset, size }, k) => {
        const j = i + offset;
        const c = j < 0 || j >= doc.length ? size : contextIndex.get(doc[j]!);
        if (c === undefined || c > size) return;
        const key = bases[k]! + c;
        cooc[row]![key]! += 1;
        contextTotals[key]! += 1;
        rowTotals[row]! += 1;
        total++;
      });
    }
  const vectors = cooc.map((v, row) => {
    let norm = 0;
    for (let d = 0; d < dimensions; d++) {
      const n = v[d]!;
      const pmi = n > 0 ? Math.log((n * total) / (rowTotals[row]! * contextTotals[d]!)) : 0;
      v[d] = pmi > 0 ? pmi : 0;
      norm += v[d]! * v[d]!;
    }
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < dimensions; d++) v[d]! /= norm;
    return v;
  });
  const dot = (a: Float32Array | Float64Array, b: Float32Array | Float64Array): number => {
    let s = 0;
    for (let d = 0; d < dimensions; d++) s += a[d]! * b[d]!;
    return s;
  };
  const paths = new Map<string, string>();
  // Members are kept in frequency order, so the first is the most frequent word of the node.
  const split = (members: number[], path: string): void => {
    if (path.length - 1 >= MAX_DEPTH || members.length < 2 * MIN_LEAF) {
      for (const m of members) paths.set(vocab[m]!, path);
      return;
    }
    // Start from the median cut along the node's principal direction (a few power iterations from
    // a fixed start), so a handful of outliers cannot take one side; 2-means then refines it.
    const mean = new Float64Array(dimensions);
    for (const m of members)
      for (let d = 0; d < dimensions; d++) mean[d]! += vectors[m]![d]! / members.length;
    let axis = new Float64Array(dimensions).fill(1 / Math.sqrt(dimensions));
    for (let it = 0; it < 6; it++) {
      const next = new Float64Array(dimensions);
      for (const m of members) {
        const v = vectors[m]!;
        let p = 0;
        for (let d = 0; d < dimensions; d++) p += (v[d]! - mean[d]!) * axis[d]!;
        for (let d = 0; d < dimensions; d++) next[d]! += p * (v[d]! - mean[d]!);
      }
      const norm = Math.sqrt(dot(next, next)) || 1;
      axis = next.map((x) => x / norm);
    }
    const along = members.map((m) => dot(vectors[m]!, axis));
    const median = [...along].sort((x, y) => x - y)[Math.floor(along.length / 2)]!;
    const centroid = (group: number[]): Float64Array => {
      const c = new Float64Array(dimensions);
      for (const m of group) for (let d = 0; d < dimensions; d++) c[d]! += vectors[m]![d]!;
      // Unit length: an unnormalized centroid of the larger side would win every comparison.
      const norm = Math.sqrt(dot(c, c)) || 1;
      return c.map((x) => x / norm);
    };
    let a = centroid(members.filter((_, k) => along[k]! < median));
    let b = centroid(members.filter((_, k) => along[k]! >= median));
    let left: number[] = [];
    let right: number[] = [];
    for (let it = 0; it < ITERATIONS; it++) {
      left = [];
      right = [];
      for (const m of members) (dot(vectors[m]!, a) >= dot(vectors[m]!, b) ? left : right).push(m);
      if (left.length === 0 || right.length === 0) break;
      a = centroid(left);
      b = centroid(right);
    }
    if (left.length < MIN_LEAF || right.length < MIN_LEAF) {
      for (const m of members) paths.set(vocab[m]!, path);
      return;
    }
    split(left, `${path}0`);
    split(right, `${path}1`);
  };
  split(
    vocab.map((_, i) => i),
    tag,
  );
  const leaves = new Set(paths.values());
  console.log(
    `[${tag}] ${docs.length} documents, ${Math.round(total / offsets.length)} context slots, ${vocab.length} words, ${leaves.size} clusters`,
  );
  return { paths, counts };
}

const started = Date.now();
const byLanguage: Record<'e' | 'r', string[][]> = { e: [], r: [] };
for (const text of collectTexts())
  byLanguage[language(text)].push(tokenize(text).map((t) => t.text.toLowerCase()));
// English only: Russian clusters from the ~0.5M Russian tokens here did not help the Russian tagger
// (FactRuEval held-out half 0.879 → 0.880, other fold 0.870 → 0.871, held-out Telegram posts
// 0.896 → 0.889, NEREL dev 0.755 → 0.756), so they are not shipped; --russian still builds them.
const chosen = new Map<string, { path: string; count: number }>();
for (const tag of values.russian ? (['e', 'r'] as const) : (['e'] as const)) {
  const { paths, counts } = cluster(tag, byLanguage[tag]);
  // A word clustered in both languages (numbers, Latin names in Russian text) keeps the cluster of
  // the language that uses it more: the file maps each word to one path.
  for (const [word, path] of paths) {
    const count = counts.get(word)!;
    if ((chosen.get(word)?.count ?? 0) < count) chosen.set(word, { path, count });
  }
}
const lines = [...chosen]
  .map(([word, { path }]) => `${hashFeature(word).toString(16).padStart(8, '0')}\t${path}`)
  .sort();
const bytes = gzipSync(`${lines.join('\n')}\n`, { level: 9 });
console.log(
  `${lines.length} words, ${(bytes.length / 1024).toFixed(0)} KiB gzipped, ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
if (!values['no-write']) writeFileSync(outFile, bytes);
