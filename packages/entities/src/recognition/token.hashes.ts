// The hashes of the feature templates of token.features.ts, computed without building the feature
// strings. FNV-1a reads a string one code unit at a time, so the hash of `w-1|w=` + a word + ... is
// the template's prefix state carried on over each part: identical to hashFeature(name) of the full
// name, in the same order (the tagger sums weights in this order), at a fraction of the cost of the
// ~40 strings per token the templates would otherwise build. token.hashes.test.ts checks it against
// sequenceFeatures for every template.
import { type DocumentContext, type TokenHint, wordShape } from './token.features.ts';
import { CLUSTER_PREFIXES, clusterOf, NEIGHBOUR_CLUSTER_PREFIX } from './word.clusters.ts';

const OFFSET = 0x811c9dc5 | 0;
const PRIME = 0x01000193;

function step(state: number, text: string): number {
  let hash = state;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, PRIME);
  }
  return hash;
}

function stepRange(state: number, text: string, from: number, to: number): number {
  let hash = state;
  for (let i = from; i < to; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, PRIME);
  }
  return hash;
}

const BAR = '|'.charCodeAt(0);
function bar(state: number): number {
  return Math.imul(state ^ BAR, PRIME);
}

const prefix = (name: string): number => step(OFFSET, name);
const P = {
  b: prefix('b'),
  w: prefix('w='),
  sh: prefix('sh='),
  sc: prefix('sc='),
  len: prefix('len='),
  p: [prefix('p2='), prefix('p3='), prefix('p4='), prefix('p5=')],
  s: [prefix('s1='), prefix('s2='), prefix('s3='), prefix('s4='), prefix('s5=')],
  wm1: prefix('w-1='),
  wm2: prefix('w-2='),
  wp1: prefix('w+1='),
  wp2: prefix('w+2='),
  shm1: prefix('sh-1='),
  shp1: prefix('sh+1='),
  shm1sh: prefix('sh-1|sh='),
  shshp1: prefix('sh|sh+1='),
  shm2shm1sh: prefix('sh-2|sh-1|sh='),
  shshp1shp2: prefix('sh|sh+1|sh+2='),
  wm1w: prefix('w-1|w='),
  wwp1: prefix('w|w+1='),
  s3m1: prefix('s3-1='),
  s3p1: prefix('s3+1='),
  s2m1s2: prefix('s2-1|s2='),
  s2s2p1: prefix('s2|s2+1='),
  wm1sh: prefix('w-1|sh='),
  shwp1: prefix('sh|w+1='),
  initsh: [prefix('init|sh=false|'), prefix('init|sh=true|')],
  wm1wp1: prefix('w-1|w+1='),
  s4m1: prefix('s4-1='),
  W: prefix('W='),
  c: CLUSTER_PREFIXES.map((k) => prefix(`c${k}=`)),
  cfull: prefix('c='),
  cm1: prefix('c-1='),
  cp1: prefix('c+1='),
  doccap: [prefix('doccap=false') >>> 0, prefix('doccap=true') >>> 0],
  doclower: prefix('doclower') >>> 0,
  y1: prefix('y1='),
  y1m1: prefix('y1-1='),
  y1p1: prefix('y1+1='),
  else: prefix('else='),
  elsey1: prefix('else|y1='),
  elsesh: prefix('else|sh='),
};

const SENTENCE_START_PREVIOUS = new Set(['.', '!', '?', '…', '...', '«', '"', '“', '„', ':', '—', '-', '(']);

interface TokenView {
  lower: string;
  shape: string;
  /** Hashes of the templates that look at this token alone, in template order. */
  own: number[];
  /** `W=word` when the word starts with a capital and is not all lower case, else -1. */
  upper: number;
  capital: boolean;
  /** The neighbour-length prefix of the word's cluster path, when it has one. */
  neighbourCluster?: string;
}

function script(word: string): string {
  if (/\p{Script=Cyrillic}/u.test(word)) return 'cyr';
  if (/\p{Script=Latin}/u.test(word)) return 'lat';
  if (/\p{N}/u.test(word)) return 'num';
  return 'other';
}

/** How many of a token's hashes (the first ones) depend on its word alone: the tagger sums them once per word. */
export const OWN_FEATURES = 14;

// A news vocabulary recurs across documents: a word's own features are computed once and kept
// (bounded: a full cache is emptied, so memory stays flat on any stream).
const VIEW_CACHE_LIMIT = 100_000;
const views = new Map<string, TokenView>();

function view(word: string): TokenView {
  let v = views.get(word);
  if (v) return v;
  const lower = word.toLowerCase();
  const shape = wordShape(word);
  const n = lower.length;
  const own = [
    P.b >>> 0,
    step(P.w, lower) >>> 0,
    step(P.sh, shape) >>> 0,
    step(P.sc, script(word)) >>> 0,
    step(P.len, String(Math.min(word.length, 10))) >>> 0,
    ...P.p.map((state, k) => stepRange(state, lower, 0, Math.min(k + 2, n)) >>> 0),
    ...P.s.map((state, k) => stepRange(state, lower, Math.max(0, n - (k + 1)), n) >>> 0),
  ];
  const cluster = clusterOf(lower);
  if (cluster) {
    CLUSTER_PREFIXES.forEach((k, j) =>
      own.push(stepRange(P.c[j]!, cluster, 0, Math.min(k + 1, cluster.length)) >>> 0),
    );
    own.push(step(P.cfull, cluster) >>> 0);
  }
  const capital = /^\p{Lu}/u.test(word);
  const upper = word !== lower && capital ? step(P.W, word) >>> 0 : -1;
  v = { lower, shape, own, upper, capital };
  if (cluster) v.neighbourCluster = cluster.slice(0, NEIGHBOUR_CLUSTER_PREFIX + 1);
  if (views.size >= VIEW_CACHE_LIMIT) views.clear();
  views.set(word, v);
  return v;
}

// Outside the sequence every template reads the marker whole, suffixes included (`s3-1=<s>`).
interface Neighbour {
  lower: string;
  shape: string;
  marker?: true;
  neighbourCluster?: string;
}
const BOUNDARY: Neighbour = { lower: '<s>', shape: '<s>', marker: true };
const END: Neighbour = { lower: '</s>', shape: '</s>', marker: true };

/** The last `count` code units of a string (String.prototype.slice(-count) without the copy). */
function stepSuffix(state: number, token: Neighbour, count: number): number {
  const text = token.lower;
  return stepRange(state, text, token.marker ? 0 : Math.max(0, text.length - count), text.length);
}

/** `sequenceFeatures(words, context, hints).map((f) => f.map(hashFeature))`, without the strings. */
export function sequenceFeatureHashes(
  words: string[],
  context?: DocumentContext,
  hints?: TokenHint[],
): number[][] {
  const tokens = words.map(view);
  const at = (i: number): Neighbour => (i < 0 ? BOUNDARY : i >= tokens.length ? END : tokens[i]!);
  const result: number[][] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const v = tokens[i]!;
    const { lower, shape } = v;
    const p1 = at(i - 1);
    const p2 = at(i - 2);
    const n1 = at(i + 1);
    const n2 = at(i + 2);
    const initial = i === 0 || SENTENCE_START_PREVIOUS.has(words[i - 1]!);
    const f = v.own.slice(0, OWN_FEATURES);
    const clusterFeatures = v.own.length > OWN_FEATURES ? v.own.slice(OWN_FEATURES) : undefined;
    f.push(
      step(P.wm1, p1.lower) >>> 0,
      step(P.wm2, p2.lower) >>> 0,
      step(P.wp1, n1.lower) >>> 0,
      step(P.wp2, n2.lower) >>> 0,
      step(P.shm1, p1.shape) >>> 0,
      step(P.shp1, n1.shape) >>> 0,
      step(bar(step(P.shm1sh, p1.shape)), shape) >>> 0,
      step(bar(step(P.shshp1, shape)), n1.shape) >>> 0,
      step(bar(step(bar(step(P.shm2shm1sh, p2.shape)), p1.shape)), shape) >>> 0,
      step(bar(step(bar(step(P.shshp1shp2, shape)), n1.shape)), n2.shape) >>> 0,
      step(bar(step(P.wm1w, p1.lower)), lower) >>> 0,
      step(bar(step(P.wwp1, lower)), n1.lower) >>> 0,
      stepSuffix(P.s3m1, p1, 3) >>> 0,
      stepSuffix(P.s3p1, n1, 3) >>> 0,
      stepSuffix(bar(stepSuffix(P.s2m1s2, p1, 2)), v, 2) >>> 0,
      stepSuffix(bar(stepSuffix(P.s2s2p1, v, 2)), n1, 2) >>> 0,
      step(bar(step(P.wm1sh, p1.lower)), shape) >>> 0,
      step(bar(step(P.shwp1, shape)), n1.lower) >>> 0,
      step(P.initsh[initial ? 1 : 0]!, shape) >>> 0,
      step(bar(step(P.wm1wp1, p1.lower)), n1.lower) >>> 0,
      stepSuffix(P.s4m1, p1, 4) >>> 0,
    );
    if (clusterFeatures) f.push(...clusterFeatures);
    if (p1.neighbourCluster) f.push(step(P.cm1, p1.neighbourCluster) >>> 0);
    if (n1.neighbourCluster) f.push(step(P.cp1, n1.neighbourCluster) >>> 0);
    if (v.upper !== -1) f.push(v.upper);
    if (context && initial && v.capital) f.push(P.doccap[context.capitalizedMidSentence.has(lower) ? 1 : 0]!);
    if (context && word !== lower && context.lowercase.has(lower)) f.push(P.doclower);
    if (hints) f.push(...hintHashesAt(hints, i, shape));
    result.push(f);
  }
  return result;
}

function hintHashesAt(hints: TokenHint[], i: number, shape: string): number[] {
  const h = hints[i]!;
  return [
    step(P.y1, h.own) >>> 0,
    step(P.y1m1, hints[i - 1]?.own ?? '<s>') >>> 0,
    step(P.y1p1, hints[i + 1]?.own ?? '</s>') >>> 0,
    step(P.else, h.elsewhere) >>> 0,
    step(bar(step(P.elsey1, h.elsewhere)), h.own) >>> 0,
    step(bar(step(P.elsesh, h.elsewhere)), shape) >>> 0,
  ];
}

/** `hintFeatures(words, hints).map((f) => f.map(hashFeature))`, without the strings. */
export function hintFeatureHashes(words: string[], hints: TokenHint[]): number[][] {
  return words.map((word, i) => hintHashesAt(hints, i, view(word).shape));
}
