import type { Timestamp } from '@echotrace/core';

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

export interface FeedItem {
  /** Absolute link to the item's page, or null when the feed gives none. */
  url: string | null;
  title: string | null;
  /** Short description (RSS description, Atom summary, JSON Feed summary). */
  summary: string | null;
  /** Full content when the feed carries it (content:encoded, Atom content, content_html). */
  content: string | null;
  published: Timestamp | null;
  updated: Timestamp | null;
  author: string | null;
  /** The feed's own identifier for the item (guid, id), falling back to the URL. */
  guid: string | null;
}

export interface Feed {
  format: FeedFormat;
  title: string | null;
  /** The site the feed belongs to. */
  homepage: string | null;
  items: FeedItem[];
  /** Charset the bytes were decoded with (null when text was given). */
  charset: string | null;
}
