// RSS 0.9x/2.0, RSS 1.0 (RDF), Atom and JSON Feed → one item shape. Feeds are sloppy: a bad date
// or missing link drops that field, never the feed; a document that is not a feed at all is an
// InputError naming the origin.
import { InputError, parsePublished, type Timestamp } from '@echotrace/core';
import { decodeBytes } from '../charset/charset.decoder.ts';
import {
  childrenNamed,
  childText,
  deepText,
  firstChild,
  parseXml,
  type XmlElement,
} from '../xml/safe-xml.parser.ts';
import type { Feed, FeedItem } from './feed.types.ts';

export interface FeedParseOptions {
  /** URL or path of the feed: for error messages and for resolving relative links. */
  origin: string;
  contentTypeHeader?: string | null;
}

export function parseFeed(input: Uint8Array | string, options: FeedParseOptions): Feed {
  let text: string;
  let charset: string | null = null;
  if (typeof input === 'string') text = input;
  else {
    const decoded = decodeBytes(input, {
      origin: options.origin,
      contentTypeHeader: options.contentTypeHeader,
    });
    text = decoded.text;
    charset = decoded.charset;
  }
  const trimmed = text.trimStart();
  const feed = trimmed.startsWith('{')
    ? parseJsonFeed(trimmed, options.origin)
    : parseXmlFeed(text, options.origin);
  return { ...feed, charset };
}

function parseXmlFeed(text: string, origin: string): Omit<Feed, 'charset'> {
  const root = parseXml(text, origin);
  switch (root.local.toLowerCase()) {
    case 'rss': {
      const channel = firstChild(root, 'channel');
      if (!channel) throw new InputError(origin, 'RSS document without a <channel>');
      return {
        format: 'rss',
        title: childText(channel, 'title'),
        homepage: absolute(childText(channel, 'link', undefined), origin),
        items: childrenNamed(channel, 'item').map((item) => rssItem(item, origin)),
      };
    }
    case 'rdf': {
      const channel = firstChild(root, 'channel');
      return {
        format: 'rdf',
        title: channel ? childText(channel, 'title') : null,
        homepage: channel ? absolute(childText(channel, 'link'), origin) : null,
        items: childrenNamed(root, 'item').map((item) => rssItem(item, origin)),
      };
    }
    case 'feed': {
      const base = absolute(root.attributes['xml:base'] ?? null, origin) ?? origin;
      return {
        format: 'atom',
        title: childText(root, 'title'),
        homepage: atomLink(root, base),
        items: childrenNamed(root, 'entry').map((entry) => atomEntry(entry, base)),
      };
    }
    default:
      throw new InputError(origin, `not a feed: root element <${root.name}>`);
  }
}

function rssItem(item: XmlElement, origin: string): FeedItem {
  const guidElement = firstChild(item, 'guid');
  const guid = guidElement ? deepText(guidElement).trim() || null : null;
  const guidIsLink = guidElement?.attributes.isPermaLink?.toLowerCase() !== 'false';
  const link =
    childText(item, 'link') ??
    item.attributes['rdf:about'] ??
    (guid && guidIsLink && /^https?:/i.test(guid) ? guid : null);
  const url = absolute(link, origin);
  return {
    url,
    title: childText(item, 'title'),
    summary: childText(item, 'description'),
    content: childText(item, 'encoded', 'content'),
    published: time(childText(item, 'pubDate') ?? childText(item, 'date', 'dc')),
    updated: time(childText(item, 'modified', 'dcterms')),
    author: childText(item, 'creator', 'dc') ?? childText(item, 'author'),
    guid: guid ?? url,
  };
}

function atomEntry(entry: XmlElement, feedBase: string): FeedItem {
  const base = absolute(entry.attributes['xml:base'] ?? null, feedBase) ?? feedBase;
  const url = atomLink(entry, base);
  const author = firstChild(entry, 'author');
  return {
    url,
    title: childText(entry, 'title'),
    summary: childText(entry, 'summary'),
    content: childText(entry, 'content'),
    published: time(childText(entry, 'published') ?? childText(entry, 'issued')),
    updated: time(childText(entry, 'updated') ?? childText(entry, 'modified')),
    author: author ? (childText(author, 'name') ?? (deepText(author).trim() || null)) : null,
    guid: childText(entry, 'id') ?? url,
  };
}

function atomLink(element: XmlElement, base: string): string | null {
  const links = childrenNamed(element, 'link');
  const alternate =
    links.find(
      (link) =>
        (link.attributes.rel ?? 'alternate') === 'alternate' && /html/i.test(link.attributes.type ?? 'html'),
    ) ?? links.find((link) => (link.attributes.rel ?? 'alternate') === 'alternate');
  return absolute(alternate?.attributes.href ?? null, base);
}

interface JsonFeedItem {
  id?: unknown;
  url?: unknown;
  external_url?: unknown;
  title?: unknown;
  summary?: unknown;
  content_html?: unknown;
  content_text?: unknown;
  date_published?: unknown;
  date_modified?: unknown;
  author?: { name?: unknown };
  authors?: Array<{ name?: unknown }>;
}

function parseJsonFeed(text: string, origin: string): Omit<Feed, 'charset'> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError(origin, `malformed JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const feed = data as { version?: unknown; title?: unknown; home_page_url?: unknown; items?: unknown };
  if (
    typeof feed !== 'object' ||
    feed === null ||
    typeof feed.version !== 'string' ||
    !feed.version.includes('jsonfeed.org')
  ) {
    throw new InputError(origin, 'not a JSON Feed: no jsonfeed.org "version"');
  }
  if (!Array.isArray(feed.items)) throw new InputError(origin, 'JSON Feed without an "items" array');
  const items = (feed.items as JsonFeedItem[])
    .filter((item) => typeof item === 'object' && item !== null)
    .map((item): FeedItem => {
      const url = absolute(str(item.url) ?? str(item.external_url), origin);
      return {
        url,
        title: str(item.title),
        summary: str(item.summary),
        content: str(item.content_html) ?? str(item.content_text),
        published: time(str(item.date_published)),
        updated: time(str(item.date_modified)),
        author: str(item.authors?.[0]?.name) ?? str(item.author?.name),
        guid: str(item.id) ?? (typeof item.id === 'number' ? String(item.id) : null) ?? url,
      };
    });
  return {
    format: 'json',
    title: str(feed.title),
    homepage: absolute(str(feed.home_page_url), origin),
    items,
  };
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

function time(value: string | null): Timestamp | null {
  if (!value) return null;
  try {
    return parsePublished(value);
  } catch {
    return null;
  }
}

/** Resolves a possibly relative link against the feed's URL; null for non-http(s) results. */
function absolute(link: string | null, base: string): string | null {
  if (!link) return null;
  try {
    const url = /^https?:/i.test(base) ? new URL(link.trim(), base) : new URL(link.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
