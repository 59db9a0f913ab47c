// A document's near-duplicate signature: the MinHash of its whole text plus, for long texts, of
// overlapping windows, with the shingle counts that containment estimates need. Encoded to bytes
// for storage so that the index can be rebuilt without re-reading texts.
import { InputError } from '@echotrace/core';
import type { DedupeConfig } from './dedupe.config.ts';
import { createMinHasher, mergeSignatures, type MinHasher } from './minhash.signer.ts';
import { shingleSequence } from './shingle.hasher.ts';

/** What dedupe needs of a document (a core `Document` fits). */
export interface DedupeInput {
  id: string;
  text: string;
  title?: string | null;
  publishedAt: string | null;
  ingestedAt: string;
}

export interface DedupeSignature {
  documentId: string;
  /** When it first appeared: publication time, or ingestion time when undated (epoch ms). */
  appearedAt: number;
  ingestedAt: number;
  /** Distinct shingles of the whole text. */
  shingleCount: number;
  /** Shingle positions in each window, in window order. */
  windowCounts: Uint32Array;
  /** `permutations` values for the whole text, then for each window. */
  values: Uint16Array;
}

export interface DocumentSigner {
  sign(input: DedupeInput): DedupeSignature;
}

export function createDocumentSigner(config: DedupeConfig): DocumentSigner {
  const hasher: MinHasher = createMinHasher(config.permutations, config.seed);
  const step = Math.max(1, Math.floor(config.windowShingles / 2));
  return {
    sign(input) {
      // The headline is left out: outlets rewrite headlines of the same text.
      const body = input.text.trim().length > 0 ? input.text : (input.title ?? '');
      const shingles = shingleSequence(body, config.shingleSize);
      const { blocks, whole } = hasher.signBlocks(shingles, step);
      const blockCount = blocks.length / config.permutations;
      // Windows are two adjacent blocks; a text that fits in about three blocks needs none.
      const windowCount = shingles.length > 3 * step ? Math.min(config.maxWindows, blockCount - 1) : 0;
      const values = new Uint16Array(config.permutations * (1 + windowCount));
      for (let p = 0; p < config.permutations; p++) values[p] = whole[p]! & 0xffff;
      const windowCounts = new Uint32Array(windowCount);
      for (let w = 0; w < windowCount; w++) {
        mergeSignatures(blocks, config.permutations, w, 2, values, (w + 1) * config.permutations);
        windowCounts[w] = Math.min(shingles.length, (w + 2) * step) - w * step;
      }
      return {
        documentId: input.id,
        appearedAt: appearanceTime(input.publishedAt, input.ingestedAt, input.id),
        ingestedAt: parseTime(input.ingestedAt, `document ${input.id} ingestedAt`),
        shingleCount: shingles.length === 0 ? 0 : distinctCount(shingles),
        windowCounts,
        values,
      };
    },
  };
}

function distinctCount(shingles: Uint32Array): number {
  const sorted = Uint32Array.from(shingles).sort();
  let count = 1;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) count++;
  return count;
}

function parseTime(value: string, what: string): number {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new InputError(what, `not a timestamp: ${JSON.stringify(value)}`);
  return time;
}

/** An undated document is known to exist from when it was ingested. */
export function appearanceTime(publishedAt: string | null, ingestedAt: string, id: string): number {
  if (publishedAt !== null) {
    const time = Date.parse(publishedAt);
    if (!Number.isNaN(time)) return time;
  }
  return parseTime(ingestedAt, `document ${id} ingestedAt`);
}

const FORMAT_VERSION = 1;

/** Bytes for storage: version, permutations, shingle count, window count, window counts, values. */
export function encodeSignature(signature: DedupeSignature, permutations: number): Uint8Array {
  const windows = signature.windowCounts.length;
  const headerBytes = 4 * (4 + windows);
  const bytes = new Uint8Array(headerBytes + signature.values.length * 2);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, FORMAT_VERSION, true);
  view.setUint32(4, permutations, true);
  view.setUint32(8, signature.shingleCount, true);
  view.setUint32(12, windows, true);
  for (let w = 0; w < windows; w++) view.setUint32(16 + 4 * w, signature.windowCounts[w]!, true);
  for (let i = 0; i < signature.values.length; i++) view.setUint16(headerBytes + 2 * i, signature.values[i]!, true);
  return bytes;
}

export function decodeSignature(
  documentId: string,
  bytes: Uint8Array,
  times: { publishedAt: string | null; ingestedAt: string },
  permutations: number,
): DedupeSignature {
  const where = `signature of document ${documentId}`;
  if (bytes.byteLength < 16) throw new InputError(where, 'truncated header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== FORMAT_VERSION) throw new InputError(where, 'unknown format version');
  if (view.getUint32(4, true) !== permutations)
    throw new InputError(where, `signed with ${view.getUint32(4, true)} permutations, expected ${permutations}`);
  const shingleCount = view.getUint32(8, true);
  const windows = view.getUint32(12, true);
  const headerBytes = 4 * (4 + windows);
  const valueCount = permutations * (1 + windows);
  if (bytes.byteLength !== headerBytes + 2 * valueCount) throw new InputError(where, 'length does not match its header');
  const windowCounts = new Uint32Array(windows);
  for (let w = 0; w < windows; w++) windowCounts[w] = view.getUint32(16 + 4 * w, true);
  const values = new Uint16Array(valueCount);
  for (let i = 0; i < valueCount; i++) values[i] = view.getUint16(headerBytes + 2 * i, true);
  return {
    documentId,
    appearedAt: appearanceTime(times.publishedAt, times.ingestedAt, documentId),
    ingestedAt: parseTime(times.ingestedAt, `document ${documentId} ingestedAt`),
    shingleCount,
    windowCounts,
    values,
  };
}
