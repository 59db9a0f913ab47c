// The feature templates of the sequence tagger: what it may look at around each token. Only the
// token strings themselves are used, and word clusters learned from unlabeled text
// (word.clusters.ts), so a model is a pure function of its training data and that file.
import { CLUSTER_PREFIXES, clusterOf, NEIGHBOUR_CLUSTER_PREFIX } from './word.clusters.ts';

/** Word shape: letters to X/x, digits to d, runs collapsed ("Нью-Йорк" → "Xx-Xx", "1996-08-22" → "d-d-d"). */
export function wordShape(word: string): string {
  let shape = '';
  let last = '';
  for (const char of word) {
    // Case mapping instead of Unicode-property regexes: this runs for every token and dominates.
    const upper = char.toUpperCase();
    const lower = char.toLowerCase();
    let c: string;
    if (upper !== lower) c = char === upper ? 'X' : 'x';
    else if (char >= '0' && char <= '9') c = 'd';
    else if (/\p{N}/u.test(char)) c = 'd';
    else c = char;
    if (c !== last) shape += c;
    last = c;
  }
  return shape;
}

function script(word: string): string {
  if (/\p{Script=Cyrillic}/u.test(word)) return 'cyr';
  if (/\p{Script=Latin}/u.test(word)) return 'lat';
  if (/\p{N}/u.test(word)) return 'num';
  return 'other';
}

const SENTENCE_START_PREVIOUS = new Set(['.', '!', '?', '…', '...', '«', '"', '“', '„', ':', '—', '-', '(']);

/** Per-token facts computed once per sequence, shared by neighbouring tokens' templates. */
interface TokenView {
  lower: string;
  shape: string;
  suffix2: string;
  suffix3: string;
  cluster?: string;
}

function view(word: string): TokenView {
  const lower = word.toLowerCase();
  return {
    lower,
    shape: wordShape(word),
    suffix2: lower.slice(-2),
    suffix3: lower.slice(-3),
    cluster: clusterOf(lower),
  };
}

const BOUNDARY: TokenView = { lower: '<s>', shape: '<s>', suffix2: '<s>', suffix3: '<s>' };
const END: TokenView = { lower: '</s>', shape: '</s>', suffix2: '</s>', suffix3: '</s>' };

/**
 * Optional document-level knowledge: lowercased words that the same document also writes
 * capitalized in mid-sentence. It tells a sentence-initial capital (weak evidence) from a name.
 */
export interface DocumentContext {
  capitalizedMidSentence: Set<string>;
  /** Words the document also writes all-lowercase: a capital there is probably just sentence case. */
  lowercase: Set<string>;
}

export function documentContext(sequences: string[][]): DocumentContext {
  const capitalizedMidSentence = new Set<string>();
  const lowercase = new Set<string>();
  for (const words of sequences) {
    for (const word of words) if (/^\p{Ll}+$/u.test(word)) lowercase.add(word);
    for (let i = 1; i < words.length; i++) {
      const word = words[i]!;
      if (/^\p{Lu}/u.test(word) && !SENTENCE_START_PREVIOUS.has(words[i - 1]!)) {
        capitalizedMidSentence.add(word.toLowerCase());
      }
    }
  }
  return { capitalizedMidSentence, lowercase };
}

/**
 * Second-stage input for one token: the label the first stage gave it, and the type the first stage
 * gave most often to the same word elsewhere in the document (`none` if it occurs only here).
 * Lets the second stage make a name's type consistent across a document (Ratinov & Roth 2009).
 */
export interface TokenHint {
  own: string;
  elsewhere: string;
}

/** Hints for every token of a document from its first-stage BIO labels. */
export function documentHints(sequences: string[][], labels: string[][]): TokenHint[][] {
  const typeOf = (label: string): string => (label === 'O' ? 'O' : label.slice(2));
  const counts = new Map<string, Map<string, number>>();
  sequences.forEach((words, s) =>
    words.forEach((word, i) => {
      const key = word.toLowerCase();
      let byType = counts.get(key);
      if (!byType) counts.set(key, (byType = new Map<string, number>()));
      const type = typeOf(labels[s]![i]!);
      byType.set(type, (byType.get(type) ?? 0) + 1);
    }),
  );
  return sequences.map((words, s) =>
    words.map((word, i) => {
      const own = labels[s]![i]!;
      const ownType = typeOf(own);
      let elsewhere = 'none';
      let top = 0;
      for (const [type, n] of counts.get(word.toLowerCase())!) {
        const others = type === ownType ? n - 1 : n;
        if (others > top) {
          top = others;
          elsewhere = type;
        }
      }
      return { own, elsewhere };
    }),
  );
}

/** The second stage's extra features of token i: the first stage's labels here and elsewhere. */
function hintFeaturesAt(hints: TokenHint[], i: number, shape: string): string[] {
  const h = hints[i]!;
  return [
    `y1=${h.own}`,
    `y1-1=${hints[i - 1]?.own ?? '<s>'}`,
    `y1+1=${hints[i + 1]?.own ?? '</s>'}`,
    `else=${h.elsewhere}`,
    `else|y1=${h.elsewhere}|${h.own}`,
    `else|sh=${h.elsewhere}|${shape}`,
  ];
}

/** Only the hint features of every token: `sequenceFeatures(w, c, hints)` is `sequenceFeatures(w, c)` plus these. */
export function hintFeatures(words: string[], hints: TokenHint[]): string[][] {
  return words.map((word, i) => hintFeaturesAt(hints, i, view(word).shape));
}

/** Feature names for every token of one sequence. */
export function sequenceFeatures(
  words: string[],
  context?: DocumentContext,
  hints?: TokenHint[],
): string[][] {
  const views = words.map(view);
  const at = (i: number): TokenView => (i < 0 ? BOUNDARY : i >= views.length ? END : views[i]!);
  const result: string[][] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const v = views[i]!;
    const lower = v.lower;
    const p1 = at(i - 1);
    const p2 = at(i - 2);
    const n1 = at(i + 1);
    const n2 = at(i + 2);
    const initial = i === 0 || SENTENCE_START_PREVIOUS.has(words[i - 1]!);
    const f: string[] = [
      'b',
      `w=${lower}`,
      `sh=${v.shape}`,
      `sc=${script(word)}`,
      `len=${Math.min(word.length, 10)}`,
      `p2=${lower.slice(0, 2)}`,
      `p3=${lower.slice(0, 3)}`,
      `p4=${lower.slice(0, 4)}`,
      `p5=${lower.slice(0, 5)}`,
      `s1=${lower.slice(-1)}`,
      `s2=${v.suffix2}`,
      `s3=${v.suffix3}`,
      `s4=${lower.slice(-4)}`,
      `s5=${lower.slice(-5)}`,
      `w-1=${p1.lower}`,
      `w-2=${p2.lower}`,
      `w+1=${n1.lower}`,
      `w+2=${n2.lower}`,
      `sh-1=${p1.shape}`,
      `sh+1=${n1.shape}`,
      `sh-1|sh=${p1.shape}|${v.shape}`,
      `sh|sh+1=${v.shape}|${n1.shape}`,
      `sh-2|sh-1|sh=${p2.shape}|${p1.shape}|${v.shape}`,
      `sh|sh+1|sh+2=${v.shape}|${n1.shape}|${n2.shape}`,
      `w-1|w=${p1.lower}|${lower}`,
      `w|w+1=${lower}|${n1.lower}`,
      `s3-1=${p1.suffix3}`,
      `s3+1=${n1.suffix3}`,
      `s2-1|s2=${p1.suffix2}|${v.suffix2}`,
      `s2|s2+1=${v.suffix2}|${n1.suffix2}`,
      `w-1|sh=${p1.lower}|${v.shape}`,
      `sh|w+1=${v.shape}|${n1.lower}`,
      `init|sh=${initial}|${v.shape}`,
      `w-1|w+1=${p1.lower}|${n1.lower}`,
      `s4-1=${p1.lower.slice(-4)}`,
    ];
    if (v.cluster) {
      for (const k of CLUSTER_PREFIXES) f.push(`c${k}=${v.cluster.slice(0, k + 1)}`);
      f.push(`c=${v.cluster}`);
    }
    if (p1.cluster) f.push(`c-1=${p1.cluster.slice(0, NEIGHBOUR_CLUSTER_PREFIX + 1)}`);
    if (n1.cluster) f.push(`c+1=${n1.cluster.slice(0, NEIGHBOUR_CLUSTER_PREFIX + 1)}`);
    if (word !== lower && /^\p{Lu}/u.test(word)) f.push(`W=${word}`);
    if (context && initial && /^\p{Lu}/u.test(word)) {
      f.push(`doccap=${context.capitalizedMidSentence.has(lower)}`);
    }
    if (context && word !== lower && context.lowercase.has(lower)) f.push('doclower');
    if (hints) f.push(...hintFeaturesAt(hints, i, v.shape));
    result.push(f);
  }
  return result;
}
