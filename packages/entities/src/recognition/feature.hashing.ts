// Features are stored as 32-bit FNV-1a hashes of their names: models then carry no feature strings,
// which keeps the committed weight files small. Collisions among a few hundred thousand features in
// a 2^32 space are rare enough to be harmless for a linear model.

export function hashFeature(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
