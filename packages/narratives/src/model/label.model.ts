// A set of binary label models over the same hashed features, with the decision thresholds chosen by
// cross-validation, and its compact file form: a JSON header, then per label the non-zero weights as
// (uint32 feature hash, int16 weight × per-label scale), gzipped. Scoring goes through an inverted
// index (feature → labels), so a document costs one lookup per feature whatever the label count.
import { gunzipSync, gzipSync } from 'node:zlib';
import { InputError } from '@echotrace/core';
import { BIAS_FEATURE } from '../text/text.features.ts';

export interface SparseWeights {
  hashes: Uint32Array;
  weights: Float32Array;
}

export interface LabelModelHeader {
  /** What the model labels: `narratives` or `techniques`. */
  task: string;
  language: string;
  labels: string[];
  /** Per label, the probability at or above which it is predicted. */
  thresholds: number[];
  /** Free facts about training (data, date, options), for the model card and `eval`. */
  meta: Record<string, unknown>;
}

export interface LabelModel extends LabelModelHeader {
  weights: SparseWeights[];
}

const MAGIC = 'ETLM1\n';

/**
 * The value of each feature of a text with `count` distinct features: 1/sqrt(count), but never more
 * than for a text of NORM_FLOOR features, so a two-line post is not read as if each of its few
 * words were shouted (the training documents are long articles). The bias feature is always 1.
 */
export const NORM_FLOOR = 1000;
export function featureScale(count: number): number {
  return 1 / Math.sqrt(Math.max(NORM_FLOOR, count));
}

export function encodeLabelModel(model: LabelModel): Buffer {
  const header = Buffer.from(
    JSON.stringify({
      task: model.task,
      language: model.language,
      labels: model.labels,
      thresholds: model.thresholds,
      meta: model.meta,
    } satisfies LabelModelHeader),
  );
  const parts: Buffer[] = [Buffer.from(MAGIC), u32(header.length), header];
  for (const { hashes, weights } of model.weights) {
    let max = 0;
    for (const w of weights) max = Math.max(max, Math.abs(w));
    const scale = max > 0 ? max / 32767 : 1;
    const q = new Int16Array(weights.length);
    for (let i = 0; i < weights.length; i++) q[i] = Math.round(weights[i]! / scale);
    const scaleBytes = Buffer.alloc(4);
    scaleBytes.writeFloatLE(scale);
    parts.push(
      u32(hashes.length),
      scaleBytes,
      Buffer.from(hashes.buffer, hashes.byteOffset, hashes.byteLength),
    );
    parts.push(Buffer.from(q.buffer));
  }
  return gzipSync(Buffer.concat(parts), { level: 9 });
}

export function decodeLabelModel(bytes: Uint8Array, name = 'label model'): LabelModel {
  let raw: Buffer;
  try {
    raw = gunzipSync(bytes);
  } catch {
    throw new InputError(name, 'not a gzipped label model');
  }
  if (raw.subarray(0, MAGIC.length).toString() !== MAGIC)
    throw new InputError(name, 'not an Echotrace label model (bad magic)');
  let at = MAGIC.length;
  const headerLength = raw.readUInt32LE(at);
  at += 4;
  const header = JSON.parse(raw.subarray(at, at + headerLength).toString()) as LabelModelHeader;
  at += headerLength;
  const weights: SparseWeights[] = [];
  for (let l = 0; l < header.labels.length; l++) {
    if (at + 8 > raw.length) throw new InputError(name, `truncated at label ${l}`);
    const count = raw.readUInt32LE(at);
    const scale = raw.readFloatLE(at + 4);
    at += 8;
    const hashes = new Uint32Array(count);
    for (let i = 0; i < count; i++) hashes[i] = raw.readUInt32LE(at + 4 * i);
    at += 4 * count;
    const w = new Float32Array(count);
    for (let i = 0; i < count; i++) w[i] = raw.readInt16LE(at + 2 * i) * scale;
    at += 2 * count;
    weights.push({ hashes, weights: w });
  }
  return { ...header, weights };
}

function u32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value);
  return b;
}

/**
 * Scores feature sets against every label of a model at once. The inverted index is an
 * open-addressing hash table over typed arrays (feature hash → a run of (label, weight) pairs):
 * a JS Map of 10^5 number keys cost most of the enricher's time.
 */
export class LabelScorer {
  readonly model: LabelModel;
  readonly #keys: Uint32Array;
  /** Per slot, the first pair of its run in #labels/#weights, or -1 for an empty slot. */
  readonly #start: Int32Array;
  readonly #count: Uint16Array;
  readonly #labels: Uint16Array;
  readonly #weights: Float32Array;
  readonly #mask: number;

  constructor(model: LabelModel) {
    this.model = model;
    const pairs = new Map<number, Array<[number, number]>>();
    model.weights.forEach(({ hashes, weights }, label) => {
      for (let i = 0; i < hashes.length; i++) {
        let run = pairs.get(hashes[i]!);
        if (!run) pairs.set(hashes[i]!, (run = []));
        run.push([label, weights[i]!]);
      }
    });
    let capacity = 16;
    while (capacity < pairs.size * 2) capacity *= 2;
    this.#mask = capacity - 1;
    this.#keys = new Uint32Array(capacity);
    this.#start = new Int32Array(capacity).fill(-1);
    this.#count = new Uint16Array(capacity);
    let total = 0;
    for (const run of pairs.values()) total += run.length;
    this.#labels = new Uint16Array(total);
    this.#weights = new Float32Array(total);
    let at = 0;
    for (const [hash, run] of pairs) {
      let slot = this.#slotOf(hash);
      while (this.#start[slot] !== -1) slot = (slot + 1) & this.#mask;
      this.#keys[slot] = hash;
      this.#start[slot] = at;
      this.#count[slot] = run.length;
      for (const [label, weight] of run) {
        this.#labels[at] = label;
        this.#weights[at] = weight;
        at++;
      }
    }
  }

  #slotOf(hash: number): number {
    return (Math.imul(hash, 0x9e3779b1) >>> 0) & this.#mask;
  }

  /** Adds each label's weight for feature `f` times `x` into `margins`. */
  #add(f: number, x: number, margins: Float64Array): void {
    let slot = this.#slotOf(f);
    for (;;) {
      const start = this.#start[slot]!;
      if (start === -1) return;
      if (this.#keys[slot] === f) {
        const end = start + this.#count[slot]!;
        for (let i = start; i < end; i++) margins[this.#labels[i]!]! += this.#weights[i]! * x;
        return;
      }
      slot = (slot + 1) & this.#mask;
    }
  }

  /**
   * Probability per label (model order) for one example's distinct feature hashes; `reported`
   * features (found only in reported speech) count `reportedWeight` times as much.
   */
  probabilities(features: Uint32Array, reported?: Uint32Array, reportedWeight = 1): Float64Array {
    const margins = new Float64Array(this.model.labels.length);
    const scale = featureScale(features.length + (reported?.length ?? 0));
    for (const f of features) this.#add(f, f === BIAS_FEATURE ? 1 : scale, margins);
    if (reported && reportedWeight !== 0)
      for (const f of reported) if (f !== BIAS_FEATURE) this.#add(f, scale * reportedWeight, margins);
    for (let i = 0; i < margins.length; i++) margins[i] = 1 / (1 + Math.exp(-margins[i]!));
    return margins;
  }

  /** The summed weights of every label over an example's features, bias left out (evidence ranking: which sentence supports a label most). */
  margins(features: Uint32Array): Float64Array {
    const margins = new Float64Array(this.model.labels.length);
    for (const f of features) if (f !== BIAS_FEATURE) this.#add(f, 1, margins);
    return margins;
  }
}
