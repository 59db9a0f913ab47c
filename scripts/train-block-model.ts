// Fits the block model (packages/extract/src/html/block.model.ts) and scores it on the sets it was
// not fitted on. For each training page the first pass's chosen containers are kept and every leaf
// block near them is labelled: on Zyte, in the article (its text is in the true body) or not; on
// trafilatura's set, in the article when it holds a 'with' snippet, out when it holds a 'without'
// snippet, unlabelled otherwise. An L2-regularized logistic regression is fitted to the blocks'
// features, and the threshold above which a block is added is chosen on the training pages.
//   node scripts/train-block-model.ts --train zyte [--write] [--data DIR] [--l2 STRENGTH (default 20)]
// Sets: zyte (all 181 pages), tune / held-out (the halves of trafilatura_eval_dev split by site).
// DIR (default $ECHOTRACE_SHARED_DATA/extraction, else ../shared/data/extraction) holds zyte/ and
// trafilatura_eval_dev/. --write stores the fitted weights in packages/extract/src/html/block.weights.ts.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readBenchmarkPages, readSnippetPages } from '@echotrace/app';
import {
  BLOCK_FEATURES,
  blockViews,
  countSnippets,
  extractArticle,
  matchShingles,
  parseHtmlDocument,
  scoreMatches,
  scoreSnippets,
} from '@echotrace/extract';
import type { BlockModel, SnippetCounts } from '@echotrace/extract';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    train: { type: 'string', default: 'zyte' },
    write: { type: 'boolean', default: false },
    l2: { type: 'string', default: '20' },
    data: {
      type: 'string',
      default: path.resolve(
        process.env.ECHOTRACE_SHARED_DATA ?? path.resolve(repoRoot, '../shared/data'),
        'extraction',
      ),
    },
  },
});
const SETS = ['zyte', 'tune', 'held-out'] as const;
type SetName = (typeof SETS)[number];
const train = new Set(values.train.split(',') as SetName[]);
for (const name of train)
  if (!SETS.includes(name)) throw new Error(`--train: unknown set ${name} (expected ${SETS.join(', ')})`);

interface Page {
  set: SetName;
  html: string;
  url: string;
  /** Higher is better: the page's metric for one extracted text. */
  value(text: string): number;
  /** 1 in the article, 0 not, null unknown: one block's text. */
  label(text: string): number | null;
  /** The set's counting unit for one text (shingle match or snippet counts). */
  count(text: string): ReturnType<typeof matchShingles> | SnippetCounts;
}

const normalize = (text: string): string => text.replace(/\s+/g, ' ').trim();

function loadPages(): Page[] {
  const pages: Page[] = [];
  for (const page of readBenchmarkPages(path.join(values.data, 'zyte'))) {
    const f1 = (text: string) => {
      const m = matchShingles(page.truth, text);
      return m.tp + m.fp + m.fn === 0 ? 1 : (2 * m.tp) / (2 * m.tp + m.fp + m.fn);
    };
    const truth = normalize(page.truth);
    pages.push({
      set: 'zyte',
      label: (text) => (truth.includes(normalize(text)) ? 1 : 0),
      html: page.html(),
      url: page.url,
      value: f1,
      count: (text) => matchShingles(page.truth, text),
    });
  }
  for (const page of readSnippetPages(path.join(values.data, 'trafilatura_eval_dev'))) {
    const counts = (text: string) => countSnippets(text, page.with, page.without);
    const withs = page.with.map(normalize);
    const withouts = page.without.map(normalize);
    pages.push({
      set: page.half,
      label: (text) => {
        const block = normalize(text);
        if (withs.some((w) => block.includes(w))) return 1;
        if (withouts.some((w) => block.includes(w))) return 0;
        return null;
      },
      html: page.html().text,
      url: page.url,
      value: (text) => {
        const c = counts(text);
        return c.tp - c.fp;
      },
      count: counts,
    });
  }
  return pages;
}

// Each training set weighs the same in the fit, however many blocks it labels (Zyte labels every
// block of a page, trafilatura's set only those holding a snippet).
function examples(pages: Page[]): { x: number[][]; y: number[]; w: number[] } {
  const x: number[][] = [];
  const y: number[] = [];
  const sets: SetName[] = [];
  for (const page of pages) {
    for (const block of blockViews(parseHtmlDocument(page.html).body!, true).blocks) {
      const label = page.label(block.text);
      if (label === null) continue;
      x.push(block.features);
      y.push(label);
      sets.push(page.set);
    }
  }
  const per = new Map<SetName, number>();
  for (const set of sets) per.set(set, (per.get(set) ?? 0) + 1);
  const w = sets.map((set) => x.length / (per.size * per.get(set)!));
  return { x, y, w };
}

const L2 = Number(values.l2);
const STEPS = 3000;
const RATE = 0.1;

function fit(x: number[][], y: number[], w: number[]): Omit<BlockModel, 'threshold'> {
  const d = BLOCK_FEATURES.length;
  const total = w.reduce((s, v) => s + v, 0);
  const mean = Array.from({ length: d }, (_, k) => x.reduce((s, row, i) => s + w[i]! * row[k]!, 0) / total);
  const scale = Array.from({ length: d }, (_, k) => {
    const variance = x.reduce((s, row, i) => s + w[i]! * (row[k]! - mean[k]!) ** 2, 0) / total;
    return variance > 1e-12 ? Math.sqrt(variance) : 1;
  });
  const z = x.map((row) => row.map((v, k) => (v - mean[k]!) / scale[k]!));
  const weights = new Array<number>(d).fill(0);
  let bias = 0;
  for (let step = 0; step < STEPS; step++) {
    const grad = new Array<number>(d).fill(0);
    let gradBias = 0;
    for (const [i, row] of z.entries()) {
      let s = bias;
      for (let k = 0; k < d; k++) s += weights[k]! * row[k]!;
      const error = w[i]! * (1 / (1 + Math.exp(-s)) - y[i]!);
      for (let k = 0; k < d; k++) grad[k]! += error * row[k]!;
      gradBias += error;
    }
    for (let k = 0; k < d; k++) weights[k]! -= (RATE * (grad[k]! + L2 * weights[k]!)) / z.length;
    bias -= (RATE * gradBias) / z.length;
  }
  const round = (v: number) => Number(v.toPrecision(6));
  return { mean: mean.map(round), scale: scale.map(round), weights: weights.map(round), bias: round(bias) };
}

const THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95];

/** Mean over the training sets of each set's score with this model (F1 or F). */
function meanScore(pages: Page[], model: BlockModel | null): number {
  const sets = [...new Set(pages.map((p) => p.set))];
  let total = 0;
  for (const set of sets) {
    const chosen = pages.filter((p) => p.set === set);
    const counts = chosen.map((page) =>
      page.count(extractArticle(page.html, page.url || undefined, { blockModel: model }).text),
    );
    total += set === 'zyte' ? scoreMatches(counts).f1 : scoreSnippets(counts as SnippetCounts[]).f;
  }
  return total / sets.length;
}

/** The threshold that scores best on the training pages (none, 1, when no threshold helps). */
function chooseThreshold(model: Omit<BlockModel, 'threshold'>, pages: Page[]): number {
  let best = { threshold: 1, score: meanScore(pages, null) };
  for (const threshold of THRESHOLDS) {
    const s = meanScore(pages, { ...model, threshold });
    if (s > best.score) best = { threshold, score: s };
  }
  return best.threshold;
}

function score(pages: Page[], model: BlockModel | null): string {
  const out: string[] = [];
  for (const set of SETS) {
    const chosen = pages.filter((p) => p.set === set);
    if (!chosen.length) continue;
    const counts = chosen.map((page) =>
      page.count(extractArticle(page.html, page.url || undefined, { blockModel: model }).text),
    );
    if (set === 'zyte') {
      const s = scoreMatches(counts);
      out.push(`zyte F1 ${s.f1.toFixed(3)} (P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)})`);
    } else {
      const s = scoreSnippets(counts as SnippetCounts[]);
      out.push(`${set} F ${s.f.toFixed(3)} (P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)})`);
    }
  }
  return out.join('  ');
}

const pages = loadPages();
const training = pages.filter((p) => train.has(p.set));
const { x, y, w } = examples(training);
const fitted = fit(x, y, w);
const model: BlockModel = { ...fitted, threshold: chooseThreshold(fitted, training) };
console.log(
  `trained on ${[...train].join(' + ')}: ${training.length} pages, ${x.length} labelled blocks ` +
    `(${y.filter((v) => v === 1).length} in the article), threshold ${model.threshold}`,
);
for (const [k, name] of BLOCK_FEATURES.entries())
  console.log(`  ${name.padEnd(22)} ${model.weights[k]!.toFixed(3)}`);
console.log(`without model: ${score(pages, null)}`);
console.log(`with model:    ${score(pages, model)}`);
console.log(`(sets trained on: ${[...train].join(', ')}; the others were not seen)`);

if (values.write) {
  const file = path.join(repoRoot, 'packages/extract/src/html/block.weights.ts');
  writeFileSync(
    file,
    `// Written by scripts/train-block-model.ts --train ${values.train} --write; do not edit by hand.\n` +
      `import type { BlockModel } from './block.model.ts';\n\n` +
      `export const BLOCK_WEIGHTS: BlockModel | null = ${JSON.stringify(model, null, 2)};\n`,
  );
  console.log(`wrote ${path.relative(repoRoot, file)}`);
}
