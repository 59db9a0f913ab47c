import { createHash } from 'node:crypto';

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A document's stable id: the first 16 hex digits of the SHA-256 of its key. */
export function documentIdForKey(key: string): string {
  return sha256Hex(key).slice(0, 16);
}

/** A URL-safe slug for source ids: `РИА Новости` → `риа-новости`, `BBC News Russian` → `bbc-news-russian`. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'unnamed';
}
