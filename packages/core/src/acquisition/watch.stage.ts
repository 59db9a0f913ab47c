// One poll of one source: fetch its feeds and sitemaps (conditionally), find items not yet in the
// corpus, fetch and archive each page, extract it and hand it to the ingest stage. Parsing and
// extraction are injected because core imports nothing of ours; failures of one URL are reported
// and never stop the poll, and the outcome is kept as the source's health.
import { describeError, InputError, OperationalError } from '../errors.ts';
import type { Enrichment } from '../enrichment/enrichment.runner.ts';
import { ingest, type IngestInput, type IngestLink, type IngestSummary } from '../ingest/ingest.stage.ts';
import { telegramChannelName } from '../ingest/telegram.url.ts';
import { documentIdForKey } from '../hashing.ts';
import type { Source, Timestamp } from '../model.ts';
import type { Clock, Store } from '../ports.ts';
import type { ArchiveRepository } from './archive.port.ts';
import { archiveResponse, mediaTypeOf } from './archive.stage.ts';
import type { FetchedResponse, Fetcher } from './fetcher.port.ts';
import type { SourceHealth, SourceSettings, SourceSettingsRepository } from './source-settings.port.ts';

/** An item a feed or sitemap lists. */
export interface ListedItem {
  url: string;
  title: string | null;
  published: Timestamp | null;
  /** Feed-provided HTML or text, used when the page itself yields no text. */
  content: string | null;
  author: string | null;
}

export interface Listing {
  items: ListedItem[];
  /** Further sitemaps (from a sitemap index). */
  sitemaps: string[];
}

export interface ExtractedPage {
  title: string | null;
  text: string;
  byline: string | null;
  publishedAt: Timestamp | null;
  canonicalUrl: string | null;
  language: string | null;
}

export interface WatchDependencies {
  store: Store;
  archive: ArchiveRepository;
  settings: SourceSettingsRepository;
  fetcher: Fetcher;
  clock: Clock;
  parseFeed: (bytes: Uint8Array, origin: string, contentType: string | null) => Listing;
  parseSitemap: (bytes: Uint8Array, origin: string, contentType: string | null) => Listing;
  decode: (
    bytes: Uint8Array,
    origin: string,
    contentType: string | null,
  ) => { text: string; charset: string };
  extractPage: (html: string, url: string) => ExtractedPage;
  /** Run on every new or changed document, as `ingest` runs them (entities, screening). */
  enrichers?: Enrichment;
  /**
   * Telegram channels (sources of kind `telegram` with a `https://t.me/<name>` homepage) are read
   * through their public web preview `<baseUrl>/s/<name>`; absent, they are polled like others.
   */
  telegram?: {
    /** `https://t.me` unless configured (a local server in tests). */
    baseUrl: string;
    parsePreview: (html: string, origin: string) => PreviewPost[];
    /** A title for a post, which has none of its own. */
    titleOf?: (text: string) => string | null;
  };
}

/** One post of a channel's web preview page, as the preview parser reads it. */
export interface PreviewPost {
  channel: string;
  messageId: number;
  /** `https://t.me/<channel>/<id>`. */
  url: string;
  text: string;
  links: IngestLink[];
  publishedAt: Timestamp | null;
  views: number | null;
  edited: boolean;
  forwardedFrom: { name: string; url: string | null } | null;
}

/** What a poll of a channel preview saw besides new text. */
export interface TelegramPollReport {
  channel: string;
  posts: number;
  /** Posts that the page marks edited for the first time. */
  edited: number;
  /** Posts stored earlier, within the page's id range, that the page no longer shows. */
  deleted: number;
  forwards: number;
}

export interface PollOptions {
  /** Most pages fetched per poll; the rest wait for the next poll. */
  maxItems?: number;
  /** Child sitemaps of an index read per poll (newest listed first). */
  maxChildSitemaps?: number;
  signal?: AbortSignal;
}

export interface PollReport {
  sourceId: string;
  /** Set when the source is a Telegram channel read through its web preview. */
  telegram?: TelegramPollReport;
  listings: number;
  listed: number;
  fetched: number;
  ingest: IngestSummary;
  errors: Array<{ url: string; error: string }>;
  health: SourceHealth;
}

const MAX_BACKOFF_MINUTES = 24 * 60;

export async function pollSource(
  deps: WatchDependencies,
  source: Source,
  settings: SourceSettings,
  options: PollOptions = {},
): Promise<PollReport> {
  const maxItems = options.maxItems ?? 50;
  const errors: PollReport['errors'] = [];
  const listed = new Map<string, ListedItem>();
  let listingsRead = 0;
  const channel = deps.telegram && source.kind === 'telegram' ? telegramChannelName(source.homepage) : null;
  const listingUrls = settings.feeds.length + settings.sitemaps.length + (channel ? 1 : 0);
  let preview: { url: string; response: FetchedResponse; posts: PreviewPost[] } | null = null;
  if (channel && deps.telegram) {
    const url = `${deps.telegram.baseUrl.replace(/\/+$/, '')}/s/${channel}`;
    // Not conditional: the page changes with every view count, and edits must be seen.
    const response = await fetchArchived(deps, url, false, options.signal, errors);
    if (response) {
      try {
        const html = deps.decode(response.bytes, response.finalUrl, response.headers['content-type'] ?? null);
        preview = { url, response, posts: deps.telegram.parsePreview(html.text, response.finalUrl) };
        listingsRead++;
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        errors.push({ url, error: InputError.problemOf(error, response.finalUrl) });
      }
    }
  }

  const readListing = async (url: string, kind: 'feed' | 'sitemap'): Promise<Listing | null> => {
    const response = await fetchArchived(deps, url, true, options.signal, errors);
    if (!response) return null;
    listingsRead++;
    // A 304 says the listing is the one archived last time, not that all its items were taken: a
    // poll stopped at maxItems, or killed after archiving the feed, left some behind. So the
    // archived body is read again; items already stored are skipped below, as always.
    const listing = response.status === 304 ? await archivedBody(deps, url) : response;
    if (!listing) return { items: [], sitemaps: [] };
    const contentType = listing.headers['content-type'] ?? null;
    try {
      const parse = kind === 'feed' ? deps.parseFeed : deps.parseSitemap;
      return parse(listing.bytes, listing.finalUrl, contentType);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      errors.push({ url, error: InputError.problemOf(error, response.finalUrl) });
      listingsRead--;
      return null;
    }
  };

  for (const url of settings.feeds) {
    const listing = await readListing(url, 'feed');
    for (const item of listing?.items ?? []) if (!listed.has(item.url)) listed.set(item.url, item);
  }
  for (const url of settings.sitemaps) {
    const listing = await readListing(url, 'sitemap');
    for (const item of listing?.items ?? []) if (!listed.has(item.url)) listed.set(item.url, item);
    for (const child of (listing?.sitemaps ?? []).slice(0, options.maxChildSitemaps ?? 3)) {
      const childListing = await readListing(child, 'sitemap');
      for (const item of childListing?.items ?? []) if (!listed.has(item.url)) listed.set(item.url, item);
    }
  }

  // Newest first, so a long backlog yields the latest items before older ones.
  const candidates = [...listed.values()].sort((a, b) =>
    (b.published ?? '').localeCompare(a.published ?? ''),
  );
  const fresh: ListedItem[] = [];
  for (const item of candidates) {
    if (fresh.length >= maxItems) break;
    if (!(await deps.store.documents.getByKey(item.url))) fresh.push(item);
  }

  const inputs: IngestInput[] = preview ? previewInputs(deps, source, preview.response, preview.posts) : [];
  for (const item of fresh) {
    if (options.signal?.aborted) break;
    const response = await fetchArchived(deps, item.url, false, options.signal, errors);
    if (!response) continue;
    if (response.status < 200 || response.status >= 300) {
      errors.push({ url: item.url, error: `HTTP ${response.status}` });
      continue;
    }
    inputs.push(toIngestInput(deps, source, item, response));
  }
  const summary = await ingest(deps.store, iterate(inputs), {
    clock: deps.clock,
    enrichers: deps.enrichers ?? [],
    shouldStop: () => options.signal?.aborted ?? false,
  });
  for (const failure of summary.failed) errors.push({ url: failure.origin, error: failure.reason });
  const telegram = preview && channel ? await recordPreview(deps, channel, preview.posts) : undefined;

  const now = deps.clock.now();
  const previous = await deps.settings.health(source.id);
  const failed = listingUrls > 0 && listingsRead === 0;
  const failures = failed ? (previous?.consecutiveFailures ?? 0) + 1 : 0;
  const waitMinutes = failed
    ? Math.min(settings.pollIntervalMinutes * 2 ** failures, MAX_BACKOFF_MINUTES)
    : settings.pollIntervalMinutes;
  const health: SourceHealth = {
    sourceId: source.id,
    lastPollAt: now.toISOString(),
    lastSuccessAt: failed ? (previous?.lastSuccessAt ?? null) : now.toISOString(),
    lastError: errors.length
      ? `${errors[0]!.url}: ${errors[0]!.error}${errors.length > 1 ? ` (+${errors.length - 1} more)` : ''}`
      : null,
    consecutiveFailures: failures,
    lastNewItems: summary.added + summary.updated,
    nextPollAt: new Date(now.getTime() + waitMinutes * 60_000).toISOString(),
  };
  await deps.settings.recordHealth(health);
  return {
    sourceId: source.id,
    ...(telegram ? { telegram } : {}),
    listings: listingsRead,
    listed: listed.size + (preview?.posts.length ?? 0),
    fetched: inputs.length,
    ingest: summary,
    errors,
    health,
  };
}

/**
 * Fetches, archives, extracts and ingests one page: the per-item step of `watch`, as a job a
 * worker runs. Failures that are the page's (refused address, HTTP error, no text) are returned,
 * not thrown, so the caller decides whether to retry; transient network faults throw
 * OperationalError for the queue's backoff.
 */
export async function ingestUrl(
  deps: WatchDependencies,
  source: Source,
  url: string,
  options: { signal?: AbortSignal } = {},
): Promise<{ summary: IngestSummary; errors: Array<{ url: string; error: string }> }> {
  const errors: PollReport['errors'] = [];
  const response = await deps.fetcher.fetch({ url, etag: null, lastModified: null, signal: options.signal });
  await archiveResponse(
    response,
    { archive: deps.archive, captures: deps.store.captures },
    charsetOf(deps, response),
  );
  if (response.status < 200 || response.status >= 300) {
    errors.push({ url, error: `HTTP ${response.status}` });
    return { summary: { added: 0, updated: 0, unchanged: 0, failed: [] }, errors };
  }
  const item: ListedItem = { url, title: null, published: null, content: null, author: null };
  const summary = await ingest(deps.store, iterate([toIngestInput(deps, source, item, response)]), {
    clock: deps.clock,
    enrichers: deps.enrichers ?? [],
  });
  for (const failure of summary.failed) errors.push({ url: failure.origin, error: failure.reason });
  return { summary, errors };
}

/** Polls every enabled source that is due (or the named ones, due or not). */
export async function pollDueSources(
  deps: WatchDependencies,
  options: PollOptions & { sourceIds?: string[] } = {},
): Promise<PollReport[]> {
  const now = deps.clock.now().toISOString();
  const reports: PollReport[] = [];
  for (const settings of await deps.settings.list()) {
    if (options.signal?.aborted) break;
    if (options.sourceIds ? !options.sourceIds.includes(settings.sourceId) : !settings.enabled) continue;
    if (!options.sourceIds) {
      const health = await deps.settings.health(settings.sourceId);
      if (health?.nextPollAt && health.nextPollAt > now) continue;
    }
    const source = await deps.store.sources.get(settings.sourceId);
    if (!source) continue;
    reports.push(await pollSource(deps, source, settings, options));
  }
  return reports;
}

async function fetchArchived(
  deps: WatchDependencies,
  url: string,
  conditional: boolean,
  signal: AbortSignal | undefined,
  errors: PollReport['errors'],
): Promise<FetchedResponse | null> {
  try {
    const previous = conditional ? await deps.archive.latestFor(url) : null;
    const response = await deps.fetcher.fetch({
      url,
      etag: previous?.headers.etag ?? null,
      lastModified: previous?.headers['last-modified'] ?? null,
      signal,
    });
    await archiveResponse(
      response,
      { archive: deps.archive, captures: deps.store.captures },
      charsetOf(deps, response),
    );
    if (response.status >= 400) {
      errors.push({ url, error: `HTTP ${response.status}` });
      return null;
    }
    return response;
  } catch (error) {
    if (error instanceof InputError || error instanceof OperationalError) {
      errors.push({ url, error: InputError.problemOf(error, url) });
      return null;
    }
    throw error;
  }
}

/** The body of the last successful response archived for `url`, which a 304 refers to. */
async function archivedBody(
  deps: WatchDependencies,
  url: string,
): Promise<{ bytes: Uint8Array; finalUrl: string; headers: Record<string, string> } | null> {
  const entry = await deps.archive.latestFor(url);
  const bytes = entry ? await deps.store.captures.bytes(entry.sha256) : null;
  return entry && bytes ? { bytes, finalUrl: entry.finalUrl, headers: entry.headers } : null;
}

function toIngestInput(
  deps: WatchDependencies,
  source: Source,
  item: ListedItem,
  response: FetchedResponse,
): IngestInput {
  const contentType = response.headers['content-type'] ?? null;
  try {
    const decoded = deps.decode(response.bytes, response.finalUrl, contentType);
    const page = deps.extractPage(decoded.text, response.finalUrl);
    const fallback = item.content ? stripTags(item.content) : '';
    return {
      key: item.url,
      origin: response.finalUrl,
      source,
      capture: {
        bytes: response.bytes,
        mediaType: mediaTypeOf(contentType ?? undefined),
        charset: decoded.charset,
        origin: response.finalUrl,
        capturedAt: response.fetchedAt,
      },
      title: page.title ?? item.title,
      text: page.text || fallback,
      byline: page.byline ?? item.author,
      publishedAt: page.publishedAt ?? item.published,
      language: page.language ?? source.language,
      canonicalUrl: page.canonicalUrl ?? response.finalUrl,
    };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { failed: true, origin: response.finalUrl, reason: describeError(error) };
  }
}

// The capture records the charset its text was read with; the first record of a payload wins, so
// it is worked out before archiving rather than left for ingest.
function charsetOf(deps: WatchDependencies, response: FetchedResponse): string | null {
  const contentType = response.headers['content-type'] ?? null;
  if (
    response.bytes.byteLength === 0 ||
    !/^(text\/|application\/([\w.+-]*\+)?(xml|json))/i.test(contentType ?? '')
  )
    return null;
  return deps.decode(response.bytes, response.finalUrl, contentType).charset;
}

function stripTags(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<\/(p|div|h\d|li|blockquote)>|<br\s*\/?>/gi, '\n\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

// Every post of the page is handed to ingest, which stores new ones, a new version of edited ones
// and skips the unchanged; the page's bytes are each post's capture.
function previewInputs(
  deps: WatchDependencies,
  source: Source,
  response: FetchedResponse,
  posts: readonly PreviewPost[],
): IngestInput[] {
  const contentType = response.headers['content-type'] ?? null;
  const charset = deps.decode(response.bytes, response.finalUrl, contentType).charset;
  return posts
    .filter((post) => post.text.trim() !== '')
    .map((post): IngestInput => ({
      key: post.url,
      origin: `${response.finalUrl}#${post.messageId}`,
      source,
      capture: {
        bytes: response.bytes,
        mediaType: mediaTypeOf(contentType ?? undefined),
        charset,
        origin: response.finalUrl,
        capturedAt: response.fetchedAt,
      },
      title: deps.telegram?.titleOf?.(post.text) ?? null,
      text: post.text,
      links: post.links,
      publishedAt: post.publishedAt,
      language: source.language,
      canonicalUrl: post.url,
      telegramMessageId: post.messageId,
      ...(post.forwardedFrom ? { forwardedFrom: post.forwardedFrom.url ?? post.forwardedFrom.name } : {}),
    }));
}

// Views, edit marks and forwards of the posts on the page; a post stored earlier whose id lies
// within the page's range but which the page no longer shows was deleted (older posts simply
// scrolled off the page and say nothing).
async function recordPreview(
  deps: WatchDependencies,
  channel: string,
  posts: readonly PreviewPost[],
): Promise<TelegramPollReport> {
  const report: TelegramPollReport = { channel, posts: posts.length, edited: 0, deleted: 0, forwards: 0 };
  if (posts.length === 0) return report;
  const now = deps.clock.now().toISOString();
  const stored: PreviewPost[] = [];
  for (const post of posts) if (await deps.store.documents.get(documentIdForKey(post.url))) stored.push(post);
  const ids = posts.map((post) => post.messageId);
  const [low, high] = [Math.min(...ids), Math.max(...ids)];
  const seen = new Set(ids);
  await deps.store.transaction(async () => {
    const before = await deps.store.telegramPosts.forChannel(channel, low, high);
    await deps.store.telegramPosts.recordSeen(
      stored.map((post) => ({
        documentId: documentIdForKey(post.url),
        channel,
        messageId: post.messageId,
        views: post.views,
        edited: post.edited,
        forwardedFrom: post.forwardedFrom?.name ?? null,
        forwardedFromUrl: post.forwardedFrom?.url ?? null,
        lastSeenAt: now,
      })),
    );
    const gone = before.filter((state) => !seen.has(state.messageId) && state.deletedAt === null);
    await deps.store.telegramPosts.markDeleted(
      gone.map((state) => state.documentId),
      now,
    );
    report.deleted = gone.length;
    const wasEdited = new Set(before.filter((state) => state.edited).map((state) => state.messageId));
    for (const post of stored) {
      if (post.edited && !wasEdited.has(post.messageId)) report.edited++;
      if (!post.forwardedFrom) continue;
      const from = post.forwardedFrom.url
        ? /t\.me\/(?:s\/)?([^/?#]+)(?:\/(\d+))?/.exec(post.forwardedFrom.url)
        : null;
      await deps.store.duplicates.recordForward({
        documentId: documentIdForKey(post.url),
        fromChannel: from?.[1] ?? post.forwardedFrom.name,
        fromMessageId: from?.[2] ?? null,
      });
      report.forwards++;
    }
  });
  return report;
}

async function* iterate<T>(items: T[]): AsyncIterable<T> {
  yield* items;
}
