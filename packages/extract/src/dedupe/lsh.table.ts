// LSH banding over typed arrays: one open-addressing table maps (band, band values) to a chain of
// postings, newest first. Millions of postings fit in a few flat arrays, where a Map per band would
// cost an object per bucket and run into Map's size limit.
import { mix32 } from './shingle.hasher.ts';

export interface LshTable {
  /** Files entry `entry` under the first `bandCount` bands of its signature at `values[offset…]`. */
  insert(entry: number, values: Uint16Array, offset: number, bandCount: number): void;
  /** Calls `visit` for up to `scanLimit` newest entries in each of the first `bandCount` buckets. */
  query(values: Uint16Array, offset: number, bandCount: number, scanLimit: number, visit: (entry: number) => void): void;
  readonly postings: number;
}

export function createLshTable(bands: number, rows: number): LshTable {
  let capacity = 1 << 16;
  let keys = new Uint32Array(capacity);
  let heads = new Int32Array(capacity).fill(-1);
  let used = 0;
  let postingEntry = new Int32Array(1 << 16);
  let postingNext = new Int32Array(1 << 16);
  let postings = 0;

  // Key 0 marks an empty slot, so real keys are never 0.
  const bandKey = (band: number, values: Uint16Array, offset: number): number => {
    let hash = mix32(band + 0x51ed27);
    const start = offset + band * rows;
    for (let r = 0; r < rows; r++) hash = mix32(hash ^ values[start + r]!);
    return hash === 0 ? 1 : hash;
  };

  const slotOf = (key: number): number => {
    const mask = capacity - 1;
    let slot = key & mask;
    while (keys[slot] !== 0 && keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  };

  const grow = (): void => {
    const oldKeys = keys;
    const oldHeads = heads;
    capacity *= 2;
    keys = new Uint32Array(capacity);
    heads = new Int32Array(capacity).fill(-1);
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] === 0) continue;
      const slot = slotOf(oldKeys[i]!);
      keys[slot] = oldKeys[i]!;
      heads[slot] = oldHeads[i]!;
    }
  };

  const addPosting = (entry: number, next: number): number => {
    if (postings === postingEntry.length) {
      const entries = new Int32Array(postings * 2);
      entries.set(postingEntry);
      postingEntry = entries;
      const nexts = new Int32Array(postings * 2);
      nexts.set(postingNext);
      postingNext = nexts;
    }
    postingEntry[postings] = entry;
    postingNext[postings] = next;
    return postings++;
  };

  return {
    insert(entry, values, offset, bandCount) {
      for (let band = 0; band < Math.min(bands, bandCount); band++) {
        if ((used + 1) * 10 > capacity * 7) grow();
        const key = bandKey(band, values, offset);
        const slot = slotOf(key);
        if (keys[slot] === 0) {
          keys[slot] = key;
          used++;
        }
        heads[slot] = addPosting(entry, heads[slot]!);
      }
    },
    query(values, offset, bandCount, scanLimit, visit) {
      for (let band = 0; band < Math.min(bands, bandCount); band++) {
        const slot = slotOf(bandKey(band, values, offset));
        let posting = keys[slot] === 0 ? -1 : heads[slot]!;
        for (let seen = 0; posting !== -1 && seen < scanLimit; seen++) {
          visit(postingEntry[posting]!);
          posting = postingNext[posting]!;
        }
      }
    },
    get postings() {
      return postings;
    },
  };
}
