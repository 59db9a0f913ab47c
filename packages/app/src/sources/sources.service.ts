// The registry of watched outlets: a source's identity plus its acquisition settings, listed with
// their sanctioned-ownership traces and health. Plain data out; entry points format it.
import {
  DEFAULT_POLL_INTERVAL_MINUTES,
  NotFoundError,
  slugify,
  sourceActivity,
  type Fetcher,
  type Source,
  type SourceHealth,
  type SourceSettings,
  type Store,
} from '@echotrace/core';
import type { OwnershipTrace } from '@echotrace/sanctions';
import { discoverFeeds, discoverSitemaps } from './feed.discovery.ts';
import { createSourceTracer } from './ownership.screening.ts';

export interface SourceEntry {
  source: Source;
  settings: SourceSettings;
}

/** Every source with its settings (disabled defaults for a source registered without any). */
export async function sourceEntries(store: Store): Promise<SourceEntry[]> {
  const settings = store.sourceSettings;
  const list: SourceEntry[] = [];
  for (const source of await store.sources.list()) {
    list.push({
      source,
      settings: (await settings.get(source.id)) ?? {
        sourceId: source.id,
        feeds: [],
        sitemaps: [],
        pollIntervalMinutes: DEFAULT_POLL_INTERVAL_MINUTES,
        enabled: false,
      },
    });
  }
  return list;
}

const foldName = (name: string): string => name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Saves each entry (source and settings in one unit of work). An entry whose id was derived from its
 * name takes the id of a stored source of that name: stores made before ids were ASCII slugs keep
 * `риа-новости` rather than gaining a `ria-novosti` twin.
 */
export async function saveSources(store: Store, list: SourceEntry[]): Promise<void> {
  const stored = await store.sources.list();
  for (const entry of list) {
    const derived = entry.source.id === slugify(entry.source.name);
    if (derived && !stored.some((s) => s.id === entry.source.id)) {
      const same = stored.find((s) => foldName(s.name) === foldName(entry.source.name));
      if (same) {
        entry.source = { ...entry.source, id: same.id };
        entry.settings = { ...entry.settings, sourceId: same.id };
      }
    }
    await store.transaction(async () => {
      await store.sources.upsert(entry.source);
      await store.sourceSettings.upsert(entry.settings);
    });
  }
}

export interface AddSourceOptions {
  /** Fetch the homepage for feeds (and robots.txt for sitemaps when the entry names none). */
  discover: boolean;
  signal?: AbortSignal;
  onWarning?: (message: string) => void;
}

/** Adds or updates a source, discovering its feeds first when asked. Returns what was saved. */
export async function addSource(
  deps: { store: Store; createFetcher: () => Fetcher },
  entry: SourceEntry,
  options: AddSourceOptions,
): Promise<SourceEntry> {
  const homepage = entry.source.homepage;
  if (options.discover && homepage) {
    const fetcher = deps.createFetcher();
    const found = await discoverFeeds(fetcher, homepage, options);
    if (found.length === 0) options.onWarning?.(`no feed found for ${homepage}`);
    entry.settings.feeds = [...new Set([...entry.settings.feeds, ...found])];
    if (entry.settings.sitemaps.length === 0) {
      entry.settings.sitemaps = await discoverSitemaps(deps.createFetcher(), homepage, options);
    }
  }
  await saveSources(deps.store, [entry]);
  return entry;
}

export type TracedSourceEntry = SourceEntry & { ownership: OwnershipTrace | null };

/** ownership is null while no sanctions list is imported. */
export async function listSources(store: Store): Promise<TracedSourceEntry[]> {
  const list = await sourceEntries(store);
  const tracer = await createSourceTracer(store);
  const traced: TracedSourceEntry[] = [];
  for (const entry of list) traced.push({ ...entry, ownership: tracer ? await tracer(entry.source) : null });
  return traced;
}

export interface SourceView {
  source: Source;
  settings: SourceSettings | null;
  health: SourceHealth | null;
  ownership: OwnershipTrace | null;
}

/** Throws NotFoundError for an unknown id. */
export async function showSource(store: Store, id: string): Promise<SourceView> {
  const source = await store.sources.get(id);
  if (!source) throw new NotFoundError('source', id);
  const repo = store.sourceSettings;
  const [settings, health] = await Promise.all([repo.get(id), repo.health(id)]);
  const tracer = await createSourceTracer(store);
  const ownership = tracer ? await tracer(source) : null;
  return { source, settings, health, ownership };
}

/** Throws NotFoundError for an unknown id. */
export async function removeSource(store: Store, id: string): Promise<void> {
  if (!(await store.sources.get(id))) throw new NotFoundError('source', id);
  await store.transaction(async () => {
    await store.sources.remove(id);
    await store.sourceSettings.remove(id);
  });
}

export type SourceHealthRow = SourceHealth & {
  activity: Awaited<ReturnType<typeof sourceActivity>>;
  /** Ownership chain summaries; empty when none. */
  sanctioned: string[];
};

export async function sourcesHealth(store: Store, now: Date): Promise<SourceHealthRow[]> {
  const health = new Map((await store.sourceSettings.listHealth()).map((h) => [h.sourceId, h]));
  const tracer = await createSourceTracer(store);
  const rows: SourceHealthRow[] = [];
  for (const source of await store.sources.list()) {
    const h = health.get(source.id) ?? neverPolled(source.id);
    const trace = tracer ? await tracer(source) : null;
    const activity = await sourceActivity(store.search, source.id, now);
    rows.push({ ...h, activity, sanctioned: trace?.chains.map((chain) => chain.summary) ?? [] });
  }
  return rows;
}

function neverPolled(sourceId: string): SourceHealth {
  return {
    sourceId,
    lastPollAt: null,
    lastSuccessAt: null,
    lastError: null,
    consecutiveFailures: 0,
    lastNewItems: 0,
    nextPollAt: null,
  };
}
