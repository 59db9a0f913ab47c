// A language's NER model as committed under packages/entities/models: tagger weights plus the small
// lexical extras learned from the same training data, and a record of what it was trained on (so
// evaluation can refuse to score on training documents).
import { gunzipSync, gzipSync } from 'node:zlib';
import type { TaggerWeights } from './sequence.tagger.ts';

export interface NerModel {
  language: string;
  weights: TaggerWeights;
  /**
   * Optional second stage: same labels, features extended with the first stage's labels for this
   * token and for the same word elsewhere in the document (stacking for document consistency).
   */
  stage2?: TaggerWeights;
  /** Tagger type (the part after `B-`) → public entity type; types mapped to null are not reported. */
  typeMap: Record<string, 'PERSON' | 'ORGANIZATION' | 'LOCATION' | 'MEDIA' | null>;
  /** Lowercased words seen in role/profession phrases next to person names in training data. */
  titleWords: string[];
  /** The subset of titleWords that may begin a role phrase ("министр", not "обороны" or "дома"). */
  titleHeads: string[];
  /** Dataset name → document ids used for training (only for sets that are also evaluated). */
  trainedOn: Record<string, string[]>;
  /** Free description: data, epochs, seed, scores. */
  info: Record<string, unknown>;
}

const MAGIC = 'ETNER2';

export interface EncodeOptions {
  /** Rows (features) whose largest absolute weight is below this are dropped. */
  pruneBelow: number;
}

interface StageHeader {
  labels: string[];
  marginScale: number;
  transitions: number[];
  features: number;
}

interface Header {
  language: string;
  stages: StageHeader[];
  typeMap: NerModel['typeMap'];
  titleWords: string[];
  titleHeads: string[];
  trainedOn: Record<string, string[]>;
  info: Record<string, unknown>;
}

/**
 * One tagger's weights as bytes: sorted feature hashes (delta-coded u32 LE), one float32 scale per
 * row, then int8 weights (one row of labels per hash). Per-row scales keep the few very large
 * weights (bias, strong cues) exact while small ones share the row's resolution.
 */
function encodeStage(weights: TaggerWeights, options: EncodeOptions): { header: StageHeader; bytes: Buffer } {
  const size = weights.labels.length;
  const kept: Array<[number, number, number]> = [];
  for (const [hash, row] of weights.featureRows) {
    let peak = 0;
    for (let y = 0; y < size; y++) peak = Math.max(peak, Math.abs(weights.emissions[row * size + y]!));
    if (peak >= options.pruneBelow && peak > 0) kept.push([hash, row, peak]);
  }
  kept.sort((a, b) => a[0] - b[0]);
  const deltas = new Uint32Array(kept.length);
  const scales = new Float32Array(kept.length);
  const quantized = new Int8Array(kept.length * size);
  kept.forEach(([hash, row, peak], i) => {
    deltas[i] = hash - (i > 0 ? kept[i - 1]![0] : 0);
    const scale = peak / 127;
    scales[i] = scale;
    for (let y = 0; y < size; y++)
      quantized[i * size + y] = Math.round(weights.emissions[row * size + y]! / scale);
  });
  return {
    header: {
      labels: weights.labels,
      marginScale: weights.marginScale,
      transitions: Array.from(weights.transitions, (v) => Math.round(v * 1000) / 1000),
      features: kept.length,
    },
    bytes: Buffer.concat([
      Buffer.from(deltas.buffer, deltas.byteOffset, deltas.byteLength),
      Buffer.from(scales.buffer, scales.byteOffset, scales.byteLength),
      Buffer.from(quantized.buffer, quantized.byteOffset, quantized.byteLength),
    ]),
  };
}

function decodeStage(
  body: Buffer,
  offset: number,
  header: StageHeader,
): { weights: TaggerWeights; end: number } {
  const size = header.labels.length;
  const featureRows = new Map<number, number>();
  let hash = 0;
  for (let i = 0; i < header.features; i++) {
    hash = (hash + body.readUInt32LE(offset + i * 4)) >>> 0;
    featureRows.set(hash, i);
  }
  offset += header.features * 4;
  const scales = new Float32Array(header.features);
  for (let i = 0; i < header.features; i++) scales[i] = body.readFloatLE(offset + i * 4);
  offset += header.features * 4;
  const emissions = new Float32Array(header.features * size);
  for (let i = 0; i < emissions.length; i++)
    emissions[i] = body.readInt8(offset + i) * scales[Math.floor(i / size)]!;
  offset += emissions.length;
  const weights: TaggerWeights = {
    labels: header.labels,
    featureRows,
    emissions,
    transitions: Float32Array.from(header.transitions),
    marginScale: header.marginScale,
  };
  return { weights, end: offset };
}

/** Serializes a model: gzip of MAGIC, header length (u32 LE), JSON header, then each stage's bytes. */
export function encodeModel(model: NerModel, options: EncodeOptions): Buffer {
  const stages = [model.weights, ...(model.stage2 ? [model.stage2] : [])].map((w) => encodeStage(w, options));
  const header: Header = {
    language: model.language,
    stages: stages.map((stage) => stage.header),
    typeMap: model.typeMap,
    titleWords: model.titleWords,
    titleHeads: model.titleHeads,
    trainedOn: model.trainedOn,
    info: model.info,
  };
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  return gzipSync(Buffer.concat([Buffer.from(MAGIC), length, json, ...stages.map((stage) => stage.bytes)]), {
    level: 9,
  });
}

export function decodeModel(compressed: Uint8Array, origin: string): NerModel {
  const body = gunzipSync(compressed);
  if (body.subarray(0, MAGIC.length).toString() !== MAGIC)
    throw new Error(`${origin}: not an Echotrace NER model`);
  const headerLength = body.readUInt32LE(MAGIC.length);
  let offset = MAGIC.length + 4;
  const header = JSON.parse(body.subarray(offset, offset + headerLength).toString()) as Header;
  offset += headerLength;
  const stages: TaggerWeights[] = [];
  for (const stage of header.stages) {
    const decoded = decodeStage(body, offset, stage);
    stages.push(decoded.weights);
    offset = decoded.end;
  }
  const model: NerModel = {
    language: header.language,
    weights: stages[0]!,
    typeMap: header.typeMap,
    titleWords: header.titleWords,
    titleHeads: header.titleHeads,
    trainedOn: header.trainedOn,
    info: header.info,
  };
  if (stages[1]) model.stage2 = stages[1];
  return model;
}
