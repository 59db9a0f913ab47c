// The Atom feed of a saved search: its latest events, newest first, written by the `feed` package
// (which escapes text and attributes). Characters XML 1.0 cannot hold at all (control characters a
// scraped title may carry) are replaced by U+FFFD first, since escaping cannot make them legal.
import { Feed } from 'feed';
import type { AlertEvent, SavedSearch, Store } from '@echotrace/core';
import { alertEvents } from './alerts.usecase.ts';

/** Events a feed carries. */
export const FEED_EVENTS = 100;

// eslint-disable-next-line no-control-regex
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const xmlText = (text: string): string => text.replace(NOT_XML, '\uFFFD');

export interface FeedOptions {
  /** Absolute URL of the feed itself (the API route), when served over HTTP. */
  selfUrl?: string;
}

export function atomFeed(
  search: SavedSearch,
  events: readonly AlertEvent[],
  options: FeedOptions = {},
): string {
  const home = options.selfUrl ?? `urn:echotrace:alert:${encodeURIComponent(search.name)}`;
  const feed = new Feed({
    id: `urn:echotrace:alert:${encodeURIComponent(search.name)}`,
    title: xmlText(`Echotrace alert: ${search.name}`),
    description: xmlText(`Events of the saved search ${JSON.stringify(search.query)}`),
    updated: new Date(events[0]?.firedAt ?? search.createdAt),
    generator: 'Echotrace',
    link: home,
    ...(options.selfUrl ? { feedLinks: { atom: options.selfUrl } } : {}),
  });
  for (const event of events) {
    const documents = (event.details.documents ?? [event.details.document]) as Array<
      { url?: string | null } | undefined
    >;
    const link = documents.find((d) => d?.url)?.url ?? home;
    feed.addItem({
      id: `urn:echotrace:event:${event.id}`,
      title: xmlText(event.title),
      link,
      date: new Date(event.firedAt),
      description: xmlText(event.summary),
      content: xmlText(JSON.stringify({ id: event.id, trigger: event.trigger, ...event.details }, null, 2)),
      category: [{ term: event.trigger }],
    });
  }
  return feed.atom1();
}

/** The feed of a saved search and how many events it holds. */
export async function alertFeed(
  store: Store,
  name: string,
  options: FeedOptions = {},
): Promise<{ xml: string; events: number }> {
  const events = await alertEvents(store, name, FEED_EVENTS);
  const search = (await store.alerts.get(name))!;
  return { xml: atomFeed(search, events, options), events: events.length };
}
