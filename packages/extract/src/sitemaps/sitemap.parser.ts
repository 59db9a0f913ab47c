// XML sitemaps (urlset), sitemap indexes and Google News sitemaps, plain or gzipped. A gzip bomb is
// bounded by the protocol's own 50 MB limit on an uncompressed sitemap.
import { gunzipSync } from 'node:zlib';
import { InputError, parsePublished, type Timestamp } from '@echotrace/core';
import { decodeBytes } from '../charset/charset.decoder.ts';
import { childrenNamed, childText, firstChild, parseXml } from '../xml/safe-xml.parser.ts';

export const MAX_SITEMAP_BYTES = 50 * 1024 * 1024;

export interface SitemapNews {
  publicationDate: Timestamp | null;
  title: string | null;
  publicationName: string | null;
  language: string | null;
}

export interface SitemapEntry {
  url: string;
  lastModified: Timestamp | null;
  changeFrequency: string | null;
  priority: number | null;
  news: SitemapNews | null;
}

export interface Sitemap {
  /** `index` lists further sitemaps; `urlset` lists pages. */
  kind: 'urlset' | 'index';
  entries: SitemapEntry[];
}

export function parseSitemap(
  input: Uint8Array | string,
  options: { origin: string; contentTypeHeader?: string | null },
): Sitemap {
  const { origin } = options;
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    const bytes = isGzip(input) ? gunzip(input, origin) : input;
    text = decodeBytes(bytes, {
      origin,
      contentTypeHeader: isGzip(input) ? null : options.contentTypeHeader,
    }).text;
  }
  const root = parseXml(text, origin);
  const kind = root.local === 'sitemapindex' ? 'index' : root.local === 'urlset' ? 'urlset' : null;
  if (!kind) throw new InputError(origin, `not a sitemap: root element <${root.name}>`);
  const entries: SitemapEntry[] = [];
  for (const element of childrenNamed(root, kind === 'index' ? 'sitemap' : 'url')) {
    const url = absolute(childText(element, 'loc'), origin);
    if (!url) continue;
    const news = firstChild(element, 'news', 'news');
    const priority = Number(childText(element, 'priority'));
    entries.push({
      url,
      lastModified: time(childText(element, 'lastmod')),
      changeFrequency: childText(element, 'changefreq'),
      priority: Number.isFinite(priority) && childText(element, 'priority') !== null ? priority : null,
      news: news
        ? {
            publicationDate: time(childText(news, 'publication_date')),
            title: childText(news, 'title'),
            publicationName: firstChild(news, 'publication')
              ? childText(firstChild(news, 'publication')!, 'name')
              : null,
            language: firstChild(news, 'publication')
              ? childText(firstChild(news, 'publication')!, 'language')
              : null,
          }
        : null,
    });
  }
  return { kind, entries };
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function gunzip(bytes: Uint8Array, origin: string): Uint8Array {
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_SITEMAP_BYTES });
  } catch (error) {
    const reason =
      error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
        ? `gzipped sitemap expands beyond ${MAX_SITEMAP_BYTES} bytes`
        : `corrupt gzip: ${error instanceof Error ? error.message : String(error)}`;
    throw new InputError(origin, reason);
  }
}

function time(value: string | null): Timestamp | null {
  if (!value) return null;
  try {
    return parsePublished(value);
  } catch {
    return null;
  }
}

function absolute(link: string | null, base: string): string | null {
  if (!link) return null;
  try {
    const url = /^https?:/i.test(base) ? new URL(link, base) : new URL(link);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
