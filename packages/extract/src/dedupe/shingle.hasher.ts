// Text → the sequence of hashed word shingles that near-duplicate detection compares. Words are
// core's search terms (folded and stemmed), so case, `ё`, punctuation, Markdown and inflection
// changes made by a re-poster do not hide a copy. URLs are dropped: they differ between outlets
// (tracking links, short links) and say nothing about whether the text is the same.
import { analyze } from '@echotrace/core';

const URL_PATTERN = /\b(?:https?:\/\/|www\.|t\.me\/|bit\.ly\/)\S*/giu;

/** 32-bit FNV-1a over UTF-16 code units: fast and good enough before the final mix. */
function hashTerm(term: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    hash ^= term.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A 32-bit finalizer (lowbias32) with full avalanche: every input bit flips each output bit. */
export function mix32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** The words of a text as 32-bit term hashes, in reading order. */
export function termHashes(text: string): Uint32Array {
  const tokens = analyze(text.replace(URL_PATTERN, ' '));
  const hashes = new Uint32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) hashes[i] = hashTerm(tokens[i]!.term);
  return hashes;
}

/** Hash of a line's words: the same line with other links, emoji or Markdown hashes the same. */
function lineHash(terms: Uint32Array): number {
  let hash = 0x1b873593;
  for (let i = 0; i < terms.length; i++) hash = mix32(hash ^ terms[i]!);
  return hash === 0 ? 1 : hash;
}

export interface ShingledText {
  /** Shingle hashes in reading order (repeats kept, so windows stay aligned with the text). */
  shingles: Uint32Array;
  /** Hashes of the short lines (boilerplate candidates), dropped or not, once each. */
  shortLines: Uint32Array;
  /** The lines the shingles came from (boilerplate left out), for the text's facts. */
  keptText: string;
}

/**
 * Shingles of `size` consecutive words. Short lines (at most `shortLineWords` words) for which
 * `isBoilerplate` holds are left out: channel signatures, "subscribe" lines, rubric headers. When
 * that would leave nothing, nothing is left out. A text shorter than `size` words yields one shingle
 * of all its words, so very short posts still have a signature.
 */
export function shingleText(
  text: string,
  size: number,
  shortLineWords = 0,
  isBoilerplate: (lineHash: number) => boolean = () => false,
): ShingledText {
  const lines = text.replace(URL_PATTERN, ' ').split('\n');
  const kept: Uint32Array[] = [];
  const keptLines: string[] = [];
  const all: Uint32Array[] = [];
  const shortLines = new Set<number>();
  for (const line of lines) {
    const terms = termHashes(line);
    if (terms.length === 0) continue;
    all.push(terms);
    if (terms.length <= shortLineWords) {
      const hash = lineHash(terms);
      shortLines.add(hash);
      if (isBoilerplate(hash)) continue;
    }
    kept.push(terms);
    keptLines.push(line);
  }
  const chosen = kept.length > 0 ? kept : all;
  let length = 0;
  for (const terms of chosen) length += terms.length;
  const words = new Uint32Array(length);
  let offset = 0;
  for (const terms of chosen) {
    words.set(terms, offset);
    offset += terms.length;
  }
  return {
    shingles: shingleWords(words, size),
    shortLines: Uint32Array.from(shortLines),
    keptText: kept.length > 0 ? keptLines.join('\n') : lines.join('\n'),
  };
}

export function shingleSequence(text: string, size: number): Uint32Array {
  return shingleWords(termHashes(text), size);
}

function shingleWords(terms: Uint32Array, size: number): Uint32Array {
  if (terms.length === 0) return new Uint32Array(0);
  const count = Math.max(1, terms.length - size + 1);
  const shingles = new Uint32Array(count);
  for (let start = 0; start < count; start++) {
    let hash = 0x9e3779b9;
    const end = Math.min(terms.length, start + size);
    for (let i = start; i < end; i++) hash = mix32(hash ^ terms[i]!);
    shingles[start] = mix32(hash);
  }
  return shingles;
}
