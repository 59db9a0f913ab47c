// Wires the extract stages into core's watch stage. The fetcher (an adapter) is chosen by the entry
// point and passed in; archive and source settings are members of the store, whichever adapter it is.
import type {
  Clock,
  Enrichment,
  ExtractedPage,
  Fetcher,
  Listing,
  Store,
  WatchDependencies,
} from '@echotrace/core';
import {
  decodeBytes,
  extractArticle,
  parseFeed,
  parseSitemap,
  parseTelegramPreview,
  titleFromText,
  type HtmlLimits,
} from '@echotrace/extract';

export interface AcquisitionPorts {
  store: Store;
  fetcher: Fetcher;
  enrichers?: Enrichment;
  clock?: Clock;
  /** Where Telegram channel previews are read (`https://t.me`; a local server in tests). */
  telegramBaseUrl?: string;
  /** Bounds a page must keep to be extracted (ECHOTRACE_HTML_MAX_*); a page past them is archived only. */
  htmlLimits?: HtmlLimits;
}

export function createWatchDependencies(ports: AcquisitionPorts): WatchDependencies {
  const { store } = ports;
  return {
    store,
    enrichers: ports.enrichers ?? [],
    archive: store.archive,
    settings: store.sourceSettings,
    fetcher: ports.fetcher,
    clock: ports.clock ?? { now: () => new Date() },
    parseFeed: (bytes, origin, contentType): Listing => {
      const feed = parseFeed(bytes, { origin, contentTypeHeader: contentType });
      return {
        items: feed.items.flatMap((item) =>
          item.url
            ? [
                {
                  url: item.url,
                  title: item.title,
                  published: item.published ?? item.updated,
                  content: item.content ?? item.summary,
                  author: item.author,
                },
              ]
            : [],
        ),
        sitemaps: [],
      };
    },
    parseSitemap: (bytes, origin, contentType): Listing => {
      const sitemap = parseSitemap(bytes, { origin, contentTypeHeader: contentType });
      if (sitemap.kind === 'index') {
        const newest = [...sitemap.entries].sort((a, b) =>
          (b.lastModified ?? '').localeCompare(a.lastModified ?? ''),
        );
        return { items: [], sitemaps: newest.map((entry) => entry.url) };
      }
      return {
        items: sitemap.entries.map((entry) => ({
          url: entry.url,
          title: entry.news?.title ?? null,
          published: entry.news?.publicationDate ?? entry.lastModified,
          content: null,
          author: null,
        })),
        sitemaps: [],
      };
    },
    decode: (bytes, origin, contentType) => decodeBytes(bytes, { origin, contentTypeHeader: contentType }),
    extractPage: (html, url) => extractPage(html, url, ports.htmlLimits),
    telegram: {
      baseUrl: ports.telegramBaseUrl ?? 'https://t.me',
      parsePreview: parseTelegramPreview,
      titleOf: titleFromText,
    },
  };
}

function extractPage(html: string, url: string, limits: HtmlLimits | undefined): ExtractedPage {
  const article = extractArticle(html, url, { limits });
  return {
    title: article.title,
    text: article.text,
    byline: article.byline,
    publishedAt: article.publishedAt,
    canonicalUrl: article.canonicalUrl,
    language: article.language,
  };
}
