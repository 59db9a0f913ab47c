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

/**
 * The hashes of every run of `size` consecutive words, in reading order (repeats kept, so windows
 * over the sequence stay aligned with the text). A text shorter than `size` words yields one
 * shingle of all its words, so very short posts still have a signature.
 */
export function shingleSequence(text: string, size: number): Uint32Array {
  const terms = termHashes(text);
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
