// Finding a site's feeds: what its homepage advertises with <link rel="alternate">, and the paths
// where publishing systems put feeds by default, for the caller to probe in that order.

export interface FeedCandidate {
  url: string;
  /** Advertised media type, or null for a guessed path. */
  type: string | null;
  title: string | null;
  via: 'link' | 'common-path';
}

const FEED_TYPES = /^application\/(rss\+xml|atom\+xml|feed\+json|json|rdf\+xml)$/i;
export const COMMON_FEED_PATHS = [
  '/feed',
  '/rss',
  '/rss.xml',
  '/atom.xml',
  '/feed.xml',
  '/feed.json',
  '/index.xml',
];

/** Feeds a page advertises, absolute and deduplicated, in document order. */
export function discoverFeedLinks(html: string, pageUrl: string): FeedCandidate[] {
  const found = new Map<string, FeedCandidate>();
  for (const tag of html.matchAll(/<link\b[^>]*>/gi)) {
    const attributes = attributesOf(tag[0]);
    const rel = (attributes.rel ?? '').toLowerCase().split(/\s+/);
    const type = (attributes.type ?? '').trim();
    if (!rel.includes('alternate') || !FEED_TYPES.test(type) || !attributes.href) continue;
    let url: string;
    try {
      url = new URL(decodeAttribute(attributes.href), pageUrl).href;
    } catch {
      continue;
    }
    if (!/^https?:/.test(url) || found.has(url)) continue;
    found.set(url, {
      url,
      type: type.toLowerCase(),
      title: attributes.title ? decodeAttribute(attributes.title) : null,
      via: 'link',
    });
  }
  return [...found.values()];
}

/** Advertised feeds first, then the common paths on the page's origin not already listed. */
export function feedCandidates(html: string | null, pageUrl: string): FeedCandidate[] {
  const advertised = html ? discoverFeedLinks(html, pageUrl) : [];
  const seen = new Set(advertised.map((candidate) => candidate.url));
  const origin = new URL(pageUrl).origin;
  const guessed = COMMON_FEED_PATHS.map((path) => `${origin}${path}`)
    .filter((url) => !seen.has(url))
    .map((url): FeedCandidate => ({ url, type: null, title: null, via: 'common-path' }));
  return [...advertised, ...guessed];
}

function attributesOf(tag: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of tag.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
    attributes[match[1]!.toLowerCase()] = match[2] ?? match[3] ?? match[4] ?? '';
  }
  return attributes;
}

function decodeAttribute(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
