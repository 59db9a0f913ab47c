// A document's near-duplicate signature: the MinHash of its whole text plus, for long texts, of
// overlapping windows, with the shingle counts that containment estimates need. Encoded to bytes
// for storage so that the index can be rebuilt without re-reading texts.
import { InputError } from '@echotrace/core';
import type { DedupeConfig } from './dedupe.config.ts';
import { createMinHasher, mergeSignatures, type MinHasher } from './minhash.signer.ts';
import { shingleText } from './shingle.hasher.ts';
import { extractFacts } from './fact.extractor.ts';

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
  /** Its figures, names and where they stand (fact.extractor): a copy does not replace them. */
  numbers: Uint32Array;
  names: Uint32Array;
  slots: Uint32Array;
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
      const { shingles, shortLines, keptText } = shingleText(
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
        ...extractFacts(keptText),
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

const FORMAT_VERSION = 2;
const HEADER_WORDS = 8;

/** Bytes for storage: version, permutations, shingle count, window count, short-line count, number,
 * name and slot counts, window counts, short-line hashes, number, name and slot hashes (all u32),
 * then the 16-bit values; little-endian. */
export function encodeSignature(signature: DedupeSignature, permutations: number): Uint8Array {
  const windows = signature.windowCounts.length;
  const lines = signature.shortLines.length;
  const facts = signature.numbers.length + signature.names.length + signature.slots.length;
  const headerBytes = 4 * (HEADER_WORDS + windows + lines + facts);
  const bytes = new Uint8Array(headerBytes + signature.values.length * 2);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, FORMAT_VERSION, true);
  view.setUint32(4, permutations, true);
  view.setUint32(8, signature.shingleCount, true);
  view.setUint32(12, windows, true);
  view.setUint32(16, lines, true);
  view.setUint32(20, signature.numbers.length, true);
  view.setUint32(24, signature.names.length, true);
  view.setUint32(28, signature.slots.length, true);
  let offset = 4 * HEADER_WORDS;
  const lists = [
    signature.windowCounts,
    signature.shortLines,
    signature.numbers,
    signature.names,
    signature.slots,
  ];
  for (const list of lists)
    for (const word of list) {
      view.setUint32(offset, word, true);
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
  const numberCount = view.getUint32(20, true);
  const nameCount = view.getUint32(24, true);
  const slotCount = view.getUint32(28, true);
  const valueCount = permutations * (1 + windows);
  const wordCount = HEADER_WORDS + windows + lines + numberCount + nameCount + slotCount;
  if (bytes.byteLength !== 4 * wordCount + 2 * valueCount)
    throw new InputError(where, 'length does not match its header');
  let offset = 4 * HEADER_WORDS;
  const words = (count: number): Uint32Array => {
    const list = new Uint32Array(count);
    for (let i = 0; i < count; i++, offset += 4) list[i] = view.getUint32(offset, true);
    return list;
  };
  const windowCounts = words(windows);
  const shortLines = words(lines);
  const numbers = words(numberCount);
  const names = words(nameCount);
  const slots = words(slotCount);
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
    numbers,
    names,
    slots,
  };
}
