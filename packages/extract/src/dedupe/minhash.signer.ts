// MinHash over hashed shingles. Each permutation is simulated by re-mixing the shingle hash with a
// per-permutation seed; only the low 16 bits of each minimum are kept (b-bit minwise hashing): two
// different minima then agree by chance once in 65,536, which barely biases the estimate, and
// signatures take half the memory and storage of 32-bit ones.
import { mix32 } from './shingle.hasher.ts';

export interface MinHasher {
  readonly permutations: number;
  /**
   * Signs `shingles[start, end)` in blocks of `blockSize`: the result holds one signature per block,
   * then (when `whole`) the signature of the whole range. Callers combine adjacent blocks into
   * overlapping windows with `mergeSignatures`, so each shingle is hashed once per permutation.
   */
  signBlocks(shingles: Uint32Array, blockSize: number): { blocks: Uint32Array; whole: Uint32Array };
}

export function createMinHasher(permutations: number, seed = 0x5eed1e55): MinHasher {
  const seeds = new Uint32Array(permutations);
  for (let i = 0; i < permutations; i++) seeds[i] = mix32(seed + Math.imul(i + 1, 0x9e3779b9));
  return {
    permutations,
    signBlocks(shingles, blockSize) {
      const blockCount = Math.max(1, Math.ceil(shingles.length / blockSize));
      const blocks = new Uint32Array(blockCount * permutations).fill(0xffffffff);
      const whole = new Uint32Array(permutations).fill(0xffffffff);
      for (let s = 0; s < shingles.length; s++) {
        const shingle = shingles[s]!;
        const offset = Math.floor(s / blockSize) * permutations;
        for (let p = 0; p < permutations; p++) {
          let x = (shingle ^ seeds[p]!) >>> 0;
          x ^= x >>> 16;
          x = Math.imul(x, 0x7feb352d);
          x ^= x >>> 15;
          x = Math.imul(x, 0x846ca68b);
          x = (x ^ (x >>> 16)) >>> 0;
          if (x < blocks[offset + p]!) blocks[offset + p] = x;
        }
      }
      for (let b = 0; b < blockCount; b++) {
        const offset = b * permutations;
        for (let p = 0; p < permutations; p++)
          if (blocks[offset + p]! < whole[p]!) whole[p] = blocks[offset + p]!;
      }
      return { blocks, whole };
    },
  };
}

/** Element-wise minimum of `count` consecutive signatures starting at `first`, truncated to 16 bits. */
export function mergeSignatures(
  signatures: Uint32Array,
  permutations: number,
  first: number,
  count: number,
  out: Uint16Array,
  outOffset: number,
): void {
  for (let p = 0; p < permutations; p++) {
    let min = 0xffffffff;
    for (let b = first; b < first + count; b++) {
      const value = signatures[b * permutations + p]!;
      if (value < min) min = value;
    }
    out[outOffset + p] = min & 0xffff;
  }
}

/** The share of permutations on which two signatures agree: an estimate of the sets' Jaccard index. */
export function estimateJaccard(
  values: Uint16Array,
  aOffset: number,
  bValues: Uint16Array,
  bOffset: number,
  permutations: number,
): number {
  let equal = 0;
  for (let p = 0; p < permutations; p++) if (values[aOffset + p] === bValues[bOffset + p]) equal++;
  return equal / permutations;
}
