// The scrapinghub article-extraction-benchmark metric, reproduced exactly so our figures are
// comparable with the published ones: word tokens (`\w+`), 4-token shingles counted as a multiset,
// per-page TP/FP/FN normalized to sum 1 (long pages weigh no more than short ones), precision and
// recall averaged over pages where they are defined, and F1 taken from those two averages (not an
// average of per-page F1s).

/** One page's shingle counts, normalized so that tp + fp + fn = 1 (all 0 when both texts are empty). */
export interface ShingleMatch {
  tp: number;
  fp: number;
  fn: number;
}

export interface ExtractionScores {
  precision: number;
  recall: number;
  f1: number;
  /** Pages scored. */
  pages: number;
}

// Python's `\w` with re.UNICODE: letters, digits and other numerics, and underscore.
const TOKEN = /[\p{L}\p{N}_]+/gu;

/** Word tokens as the benchmark's `_tokenize` finds them; case is kept. */
export function tokenizeForEval(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Multiset of n-token shingles; a text shorter than n tokens is one shorter shingle, none if empty. */
export function shingles(text: string, n = 4): Map<string, number> {
  const tokens = tokenizeForEval(text);
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const gram = tokens.slice(i, i + n);
    if (gram.length === 0) continue;
    // Tokens never contain a space, so joining on one is unambiguous.
    const key = gram.join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Per-page TP/FP/FN of predicted against true text, normalized to sum 1. */
export function matchShingles(truth: string, predicted: string, n = 4): ShingleMatch {
  const expected = shingles(truth, n);
  const got = shingles(predicted, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, trueCount] of expected) {
    const predCount = got.get(key) ?? 0;
    tp += Math.min(trueCount, predCount);
    fn += Math.max(0, trueCount - predCount);
    fp += Math.max(0, predCount - trueCount);
  }
  for (const [key, predCount] of got) if (!expected.has(key)) fp += predCount;
  const sum = tp + fp + fn;
  return sum > 0 ? { tp: tp / sum, fp: fp / sum, fn: fn / sum } : { tp, fp, fn };
}

function precisionOf({ tp, fp, fn }: ShingleMatch): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

function recallOf({ tp, fp, fn }: ShingleMatch): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

const mean = (values: number[]): number =>
  values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;

/** Benchmark scores from per-page matches. */
export function scoreMatches(matches: ShingleMatch[]): ExtractionScores {
  const precision = mean(matches.filter((m) => m.tp + m.fp > 0).map(precisionOf));
  const recall = mean(matches.filter((m) => m.tp + m.fn > 0).map(recallOf));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, pages: matches.length };
}

/** Scores predicted article bodies against the truth, page by page (a missing prediction is ""). */
export function scoreExtraction(
  truth: ReadonlyMap<string, string>,
  predicted: ReadonlyMap<string, string>,
): ExtractionScores {
  const matches: ShingleMatch[] = [];
  for (const [id, body] of truth) matches.push(matchShingles(body, predicted.get(id) ?? ''));
  return scoreMatches(matches);
}

// trafilatura's evaluation metric: each page lists snippets its main text must contain and snippets
// it must not; a found 'with' is a true positive, a missing one a false negative, a found 'without'
// a false positive, an absent one a true negative. Counts are summed over all pages (long pages with
// more snippets weigh more), then precision, recall and F taken once. Matching is substring search
// after collapsing whitespace on both sides, so a line break where the page had a space costs nothing.

/** Snippet counts, for one page or summed over many. */
export interface SnippetCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface SnippetScores extends SnippetCounts {
  precision: number;
  recall: number;
  f: number;
  /** (tp + tn) over all snippets. */
  accuracy: number;
}

const normalizeSnippet = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** One page's counts; `predicted` null (the extractor failed) misses every 'with' and no 'without'. */
export function countSnippets(
  predicted: string | null,
  withSnippets: readonly string[],
  withoutSnippets: readonly string[],
): SnippetCounts {
  const text = predicted === null ? null : normalizeSnippet(predicted);
  const found = (snippet: string): boolean => text !== null && text.includes(normalizeSnippet(snippet));
  const tp = withSnippets.filter(found).length;
  const fp = withoutSnippets.filter(found).length;
  return { tp, fp, fn: withSnippets.length - tp, tn: withoutSnippets.length - fp };
}

/** Precision, recall, F and accuracy from counts summed over pages (0 where undefined). */
export function scoreSnippets(pages: readonly SnippetCounts[]): SnippetScores {
  const sum = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const page of pages) {
    sum.tp += page.tp;
    sum.fp += page.fp;
    sum.fn += page.fn;
    sum.tn += page.tn;
  }
  const { tp, fp, fn, tn } = sum;
  const total = tp + fp + fn + tn;
  return {
    ...sum,
    precision: tp + fp > 0 ? tp / (tp + fp) : 0,
    recall: tp + fn > 0 ? tp / (tp + fn) : 0,
    f: 2 * tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : 0,
    accuracy: total > 0 ? (tp + tn) / total : 0,
  };
}

// Author fields name the same people in different shapes ("By A and B", "A, B", "A; B", "Von A und
// B"): both sides are read as a set of names before comparing, so only who is named counts.
const AUTHOR_PREFIX = /^(?:by|von|par|por|di|da|автор(?:ы)?|текст)\s*:?\s+/;
const AUTHOR_SEPARATOR = /\s*(?:[,;&/|]|\s(?:and|und|y|et|e|i|и)\s)\s*/;

/** The names an author field lists: folded, prefixes ("By", "Von") and separators dropped. */
export function authorNames(value: string): string[] {
  const folded = value
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(AUTHOR_PREFIX, '');
  const names = folded
    .split(AUTHOR_SEPARATOR)
    .map((name) => name.replace(/^[\s.:-]+|[\s.:-]+$/g, ''))
    .filter((name) => name !== '');
  return [...new Set(names)].sort();
}

/** Whether two author fields name the same set of people. */
export function sameAuthors(a: string, b: string): boolean {
  const x = authorNames(a);
  const y = authorNames(b);
  return x.length > 0 && x.length === y.length && x.every((name, i) => name === y[i]);
}
