// A document's near-duplicate signature: the MinHash of its whole text plus, for long texts, of
// overlapping windows, with the shingle counts that containment estimates need. Encoded to bytes
// for storage so that the index can be rebuilt without re-reading texts.
import { InputError } from '@echotrace/core';
import type { DedupeConfig } from './dedupe.config.ts';
import { createMinHasher, mergeSignatures, type MinHasher } from './minhash.signer.ts';
import { shingleText } from './shingle.hasher.ts';

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
  /** Hashes of its short lines, which the index counts to recognise boilerplate. */
  shortLines: Uint32Array;
}

export interface DocumentSigner {
  /** `isBoilerplate` says which short lines (by hash) to leave out. */
  sign(input: DedupeInput, isBoilerplate?: (lineHash: number) => boolean): DedupeSignature;
}

export function createDocumentSigner(config: DedupeConfig): DocumentSigner {
  const hasher: MinHasher = createMinHasher(config.permutations, config.seed);
  const step = Math.max(1, Math.floor(config.windowShingles / 2));
  return {
    sign(input, isBoilerplate) {
      // The headline is left out: outlets rewrite headlines of the same text.
      const body = input.text.trim().length > 0 ? input.text : (input.title ?? '');
      const { shingles, shortLines } = shingleText(
        body,
        config.shingleSize,
        config.boilerplateLineWords,
        isBoilerplate,
      );
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
        shortLines,
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
const HEADER_WORDS = 5;

/** Bytes for storage: version, permutations, shingle count, window count, short-line count, window
 * counts, short-line hashes (all u32), then the 16-bit values; little-endian. */
export function encodeSignature(signature: DedupeSignature, permutations: number): Uint8Array {
  const windows = signature.windowCounts.length;
  const lines = signature.shortLines.length;
  const headerBytes = 4 * (HEADER_WORDS + windows + lines);
  const bytes = new Uint8Array(headerBytes + signature.values.length * 2);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, FORMAT_VERSION, true);
  view.setUint32(4, permutations, true);
  view.setUint32(8, signature.shingleCount, true);
  view.setUint32(12, windows, true);
  view.setUint32(16, lines, true);
  let offset = 4 * HEADER_WORDS;
  for (const count of signature.windowCounts) {
    view.setUint32(offset, count, true);
    offset += 4;
  }
  for (const hash of signature.shortLines) {
    view.setUint32(offset, hash, true);
    offset += 4;
  }
  for (const value of signature.values) {
    view.setUint16(offset, value, true);
    offset += 2;
  }
  return bytes;
}

export function decodeSignature(
  documentId: string,
  bytes: Uint8Array,
  times: { publishedAt: string | null; ingestedAt: string },
  permutations: number,
): DedupeSignature {
  const where = `signature of document ${documentId}`;
  if (bytes.byteLength < 4 * HEADER_WORDS) throw new InputError(where, 'truncated header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== FORMAT_VERSION) throw new InputError(where, 'unknown format version');
  if (view.getUint32(4, true) !== permutations)
    throw new InputError(
      where,
      `signed with ${view.getUint32(4, true)} permutations, expected ${permutations}`,
    );
  const shingleCount = view.getUint32(8, true);
  const windows = view.getUint32(12, true);
  const lines = view.getUint32(16, true);
  const valueCount = permutations * (1 + windows);
  if (bytes.byteLength !== 4 * (HEADER_WORDS + windows + lines) + 2 * valueCount)
    throw new InputError(where, 'length does not match its header');
  let offset = 4 * HEADER_WORDS;
  const windowCounts = new Uint32Array(windows);
  for (let w = 0; w < windows; w++, offset += 4) windowCounts[w] = view.getUint32(offset, true);
  const shortLines = new Uint32Array(lines);
  for (let l = 0; l < lines; l++, offset += 4) shortLines[l] = view.getUint32(offset, true);
  const values = new Uint16Array(valueCount);
  for (let i = 0; i < valueCount; i++, offset += 2) values[i] = view.getUint16(offset, true);
  return {
    documentId,
    appearedAt: appearanceTime(times.publishedAt, times.ingestedAt, documentId),
    ingestedAt: parseTime(times.ingestedAt, `document ${documentId} ingestedAt`),
    shingleCount,
    windowCounts,
    values,
    shortLines,
  };
}
