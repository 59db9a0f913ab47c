import { createHash } from 'node:crypto';
import anyAscii from 'any-ascii';

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A document's stable id: the first 16 hex digits of the SHA-256 of its key. */
export function documentIdForKey(key: string): string {
  return sha256Hex(key).slice(0, 16);
}

// Pictographs and flags say nothing a reader would type; any-ascii would spell them `:fire:` or `RU`.
const PICTOGRAPHS = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u200D|\uFE0F|\u20E3/gu;
const SLUG_MAX = 64;

/**
 * A readable ASCII slug for source ids, transliterated by any-ascii: `РИА Новости` → `ria-novosti`,
 * `BBC News | Русская служба` → `bbc-news-russkaya-sluzhba`. A name with nothing to spell (only
 * pictographs) gets `source-` and 8 hex digits of its hash, so different names stay different.
 * Stores made before ids were ASCII keep theirs: sources are matched by name first.
 */
export function slugify(name: string): string {
  const ascii = anyAscii(name.normalize('NFKC').replace(PICTOGRAPHS, ' '));
  let slug = ascii
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length > SLUG_MAX)
    slug = slug.slice(0, SLUG_MAX).replace(/-[^-]*$/, '') || slug.slice(0, SLUG_MAX);
  return slug || `source-${sha256Hex(name).slice(0, 8)}`;
}

/**
 * The slug that document keys were built with before source ids were ASCII (`риа-новости`). Keys
 * decide document ids, so this one never changes.
 */
export function keySlug(name: string): string {
  const slug = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'unnamed';
}
