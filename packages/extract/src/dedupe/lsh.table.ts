// LSH banding over typed arrays: one open-addressing multimap from (band, band values) to entries.
// Each posting is one slot (key, entry), and the postings of one bucket sit in the same probe run,
// so millions of postings cost 8 bytes each plus slack: a Map per band would cost an object per
// bucket and run into Map's size limit. A bucket holds at most `bucketLimit` postings: buckets
// that fill up are boilerplate or a large group already reachable through its first members.
import { mix32 } from './shingle.hasher.ts';

export interface LshTable {
  /** Files entry `entry` under the first `bandCount` bands of its signature at `values[offset…]`. */
  insert(entry: number, values: Uint16Array, offset: number, bandCount: number): void;
  /** Calls `visit` for the entries in each of the signature's first `bandCount` buckets. */
  query(values: Uint16Array, offset: number, bandCount: number, visit: (entry: number) => void): void;
  readonly postings: number;
  /** Bytes held by the table's arrays. */
  readonly bytes: number;
}

const MAX_LOAD = 0.7;

export function createLshTable(bands: number, rows: number, bucketLimit: number): LshTable {
  let capacity = 1 << 16;
  let keys = new Uint32Array(capacity);
  let entries = new Int32Array(capacity);
  let postings = 0;

  // Key 0 marks an empty slot, so real keys are never 0.
  const bandKey = (band: number, values: Uint16Array, offset: number): number => {
    let hash = mix32(band + 0x51ed27);
    const start = offset + band * rows;
    for (let r = 0; r < rows; r++) hash = mix32(hash ^ values[start + r]!);
    return hash === 0 ? 1 : hash;
  };

  // Capacity grows by half, not doubling, to keep slack small; keys are uniform 32-bit hashes, so
  // scaling one into [0, capacity) spreads them evenly.
  const home = (key: number): number => Math.floor((key / 4294967296) * capacity);
  const following = (slot: number): number => (slot + 1 === capacity ? 0 : slot + 1);

  const place = (key: number, entry: number): void => {
    let slot = home(key);
    let same = 0;
    while (keys[slot] !== 0) {
      if (keys[slot] === key && ++same >= bucketLimit) return;
      slot = following(slot);
    }
    keys[slot] = key;
    entries[slot] = entry;
    postings++;
  };

  const grow = (): void => {
    const oldKeys = keys;
    const oldEntries = entries;
    capacity = Math.ceil(capacity * 1.5);
    keys = new Uint32Array(capacity);
    entries = new Int32Array(capacity);
    postings = 0;
    for (let i = 0; i < oldKeys.length; i++) if (oldKeys[i] !== 0) place(oldKeys[i]!, oldEntries[i]!);
  };

  return {
    insert(entry, values, offset, bandCount) {
      for (let band = 0; band < Math.min(bands, bandCount); band++) {
        if (postings + 1 > capacity * MAX_LOAD) grow();
        place(bandKey(band, values, offset), entry);
      }
    },
    query(values, offset, bandCount, visit) {
      for (let band = 0; band < Math.min(bands, bandCount); band++) {
        const key = bandKey(band, values, offset);
        for (let slot = home(key); keys[slot] !== 0; slot = following(slot)) {
          if (keys[slot] === key) visit(entries[slot]!);
        }
      }
    },
    get postings() {
      return postings;
    },
    get bytes() {
      return keys.byteLength + entries.byteLength;
    },
  };
}
