// A linear-chain sequence tagger: per-token label scores from sparse hashed features plus label
// transition scores, decoded exactly with Viterbi under BIO constraints (I-X only after B-X/I-X).

/** Weights of a trained tagger, as stored and as used at run time. */
export interface TaggerWeights {
  /** BIO labels, `O` first: `O`, `B-PER`, `I-PER`, … */
  labels: string[];
  /** Feature hash → row in `emissions`. */
  featureRows: Map<number, number>;
  /** rows × labels.length, row-major. */
  emissions: Float32Array;
  /** (labels.length + 1) × labels.length: row `labels.length` holds start-of-sequence scores. */
  transitions: Float32Array;
  /** Margin that maps to confidence ≈ 0.73 (sigmoid(1)); set at training time. */
  marginScale: number;
}

export interface Decoded {
  labels: number[];
  /** Per token: score of the chosen label minus the best alternative's, in context. */
  margins: number[];
}

/** allowed[prev * L + next], prev = L meaning start of sequence. */
export function bioConstraints(labels: string[]): Uint8Array {
  const size = labels.length;
  const allowed = new Uint8Array((size + 1) * size);
  for (let prev = 0; prev <= size; prev++) {
    for (let next = 0; next < size; next++) {
      const label = labels[next]!;
      let ok = true;
      if (label.startsWith('I-')) {
        const previous = prev === size ? 'O' : labels[prev]!;
        ok = previous.slice(2) === label.slice(2) && previous !== 'O';
      }
      allowed[prev * size + next] = ok ? 1 : 0;
    }
  }
  return allowed;
}

/**
 * Open-addressing table from feature hash to row. A Map keyed by uint32 hashes boxes every key above
 * 2^30 as a heap number, which made lookups the slowest step of tagging; typed arrays avoid that.
 */
class FeatureTable {
  readonly keys: Uint32Array;
  readonly rows: Int32Array;
  readonly mask: number;

  constructor(featureRows: Map<number, number>) {
    let capacity = 1024;
    while (capacity < featureRows.size * 2) capacity *= 2;
    this.keys = new Uint32Array(capacity);
    this.rows = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    for (const [hash, row] of featureRows) {
      let slot = hash & this.mask;
      while (this.rows[slot] !== -1) slot = (slot + 1) & this.mask;
      this.keys[slot] = hash;
      this.rows[slot] = row;
    }
  }

  get(hash: number): number {
    let slot = hash & this.mask;
    for (;;) {
      const row = this.rows[slot]!;
      if (row === -1 || this.keys[slot] === hash) return row;
      slot = (slot + 1) & this.mask;
    }
  }
}

const tables = new WeakMap<Map<number, number>, FeatureTable>();

function tableOf(featureRows: Map<number, number>): FeatureTable {
  let table = tables.get(featureRows);
  if (!table) {
    table = new FeatureTable(featureRows);
    tables.set(featureRows, table);
  }
  return table;
}

/** Rows of the known features of each token (unknown features are dropped). */
export function featureRowsOf(
  weights: { featureRows: Map<number, number> },
  hashes: number[][],
): Int32Array[] {
  const table = tableOf(weights.featureRows);
  return hashes.map((token) => {
    // Filled in place (Int32Array.from over a growing array cost more than the lookups).
    const rows = new Int32Array(token.length);
    let known = 0;
    for (let i = 0; i < token.length; i++) {
      const row = table.get(token[i]!);
      if (row !== -1) rows[known++] = row;
    }
    return known === token.length ? rows : rows.slice(0, known);
  });
}

export function emissionScores(emissions: Float32Array, size: number, rows: Int32Array[]): Float64Array {
  const scores = new Float64Array(rows.length * size);
  for (let t = 0; t < rows.length; t++) {
    const base = t * size;
    for (const row of rows[t]!) {
      const offset = row * size;
      for (let y = 0; y < size; y++) scores[base + y]! += emissions[offset + y]!;
    }
  }
  return scores;
}

// Per weights, per word: the sum of the emission rows of the features that depend on the word alone.
// Bounded like the feature views of token.hashes.ts: a full cache is emptied.
const WORD_SUMS_LIMIT = 100_000;
const wordSums = new WeakMap<TaggerWeights, Map<string, Float64Array>>();

/**
 * `emissionScores(emissions, size, featureRowsOf(weights, hashes))` for tokens whose first `shared`
 * hashes depend on their word alone (token.hashes.ts's OWN_FEATURES): those rows are summed once per
 * distinct word and kept. Rows are still added in feature order, starting from the same zero, so every
 * score is the same double as the sum over all rows.
 */
export function emissionScoresByWord(
  weights: TaggerWeights,
  words: readonly string[],
  hashes: readonly number[][],
  shared: number,
): Float64Array {
  const size = weights.labels.length;
  const { emissions } = weights;
  const table = tableOf(weights.featureRows);
  let sums = wordSums.get(weights);
  if (!sums) wordSums.set(weights, (sums = new Map<string, Float64Array>()));
  const scores = new Float64Array(hashes.length * size);
  for (let t = 0; t < hashes.length; t++) {
    const token = hashes[t]!;
    const word = words[t]!;
    let own = sums.get(word);
    if (!own) {
      own = new Float64Array(size);
      for (let i = 0; i < shared; i++) {
        const row = table.get(token[i]!);
        if (row === -1) continue;
        const offset = row * size;
        for (let y = 0; y < size; y++) own[y]! += emissions[offset + y]!;
      }
      if (sums.size >= WORD_SUMS_LIMIT) sums.clear();
      sums.set(word, own);
    }
    const base = t * size;
    scores.set(own, base);
    for (let i = shared; i < token.length; i++) {
      const row = table.get(token[i]!);
      if (row === -1) continue;
      const offset = row * size;
      for (let y = 0; y < size; y++) scores[base + y]! += emissions[offset + y]!;
    }
  }
  return scores;
}

export function viterbi(
  scores: Float64Array,
  transitions: Float32Array,
  allowed: Uint8Array,
  size: number,
): number[] {
  const length = scores.length / size;
  if (length === 0) return [];
  const best = new Float64Array(length * size);
  const back = new Int32Array(length * size);
  for (let y = 0; y < size; y++) {
    best[y] = allowed[size * size + y] ? scores[y]! + transitions[size * size + y]! : -Infinity;
  }
  for (let t = 1; t < length; t++) {
    for (let y = 0; y < size; y++) {
      let top = -Infinity;
      let arg = 0;
      for (let p = 0; p < size; p++) {
        if (!allowed[p * size + y]) continue;
        const s = best[(t - 1) * size + p]! + transitions[p * size + y]!;
        if (s > top) {
          top = s;
          arg = p;
        }
      }
      best[t * size + y] = top + scores[t * size + y]!;
      back[t * size + y] = arg;
    }
  }
  const path = new Array<number>(length);
  let last = 0;
  for (let y = 1; y < size; y++)
    if (best[(length - 1) * size + y]! > best[(length - 1) * size + last]!) last = y;
  path[length - 1] = last;
  for (let t = length - 1; t > 0; t--) path[t - 1] = back[t * size + path[t]!]!;
  return path;
}

export function decode(weights: TaggerWeights, allowed: Uint8Array, rows: Int32Array[]): Decoded {
  return decodeScores(weights, allowed, emissionScores(weights.emissions, weights.labels.length, rows));
}

/** decode, from emission scores already summed (emissionScoresByWord). */
export function decodeScores(weights: TaggerWeights, allowed: Uint8Array, scores: Float64Array): Decoded {
  const size = weights.labels.length;
  const labels = viterbi(scores, weights.transitions, allowed, size);
  const margins = labels.map((chosen, t) => {
    const prev = t === 0 ? size : labels[t - 1]!;
    const next = labels[t + 1];
    const local = (y: number): number => {
      if (!allowed[prev * size + y] || (next !== undefined && !allowed[y * size + next])) return -Infinity;
      let s = scores[t * size + y]! + weights.transitions[prev * size + y]!;
      if (next !== undefined) s += weights.transitions[y * size + next]!;
      return s;
    };
    const own = local(chosen);
    let rival = -Infinity;
    for (let y = 0; y < size; y++) if (y !== chosen) rival = Math.max(rival, local(y));
    return rival === -Infinity ? weights.marginScale * 5 : own - rival;
  });
  return { labels, margins };
}
