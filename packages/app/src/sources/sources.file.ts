// The sources file (YAML or JSON): what `sources import` reads and `sources export` writes. One
// entry is a source's identity plus its acquisition settings, flattened for hand editing.
import { readFile } from 'node:fs/promises';
import {
  DEFAULT_POLL_INTERVAL_MINUTES,
  InputError,
  slugify,
  type SourceKind,
  type Store,
} from '@echotrace/core';
import { parse, stringify } from 'yaml';
import { saveSources, sourceEntries, type SourceEntry } from './sources.service.ts';

const KINDS: SourceKind[] = ['website', 'telegram', 'feed', 'files'];

/** Reads, checks the whole file, then saves every entry; returns what was saved. */
export async function importSourcesFile(store: Store, file: string): Promise<SourceEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(file, `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const entries = parseSourcesFile(text, file);
  await saveSources(store, entries);
  return entries;
}

/** Every source as the text of a sources file that importSourcesFile reads back. */
export async function exportSourcesFile(store: Store, format: 'yaml' | 'json'): Promise<string> {
  return serializeSources(await sourceEntries(store), format);
}

export function parseSourcesFile(text: string, origin: string): SourceEntry[] {
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new InputError(
      origin,
      `not YAML or JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const list = Array.isArray(data) ? data : (data as { sources?: unknown } | null)?.sources;
  if (!Array.isArray(list)) throw new InputError(origin, 'expected a list of sources or {sources: [...]}');
  const entries = list.map((item, index) => sourceEntryFrom(item, `${origin}: sources[${index}]`));
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.source.id))
      throw new InputError(origin, `source id ${JSON.stringify(entry.source.id)} appears twice`);
    seen.add(entry.source.id);
  }
  return entries;
}

export function sourceEntryFrom(value: unknown, where: string): SourceEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InputError(where, 'expected a mapping');
  const data = value as Record<string, unknown>;
  const name = optionalString(data, 'name', where);
  if (!name) throw new InputError(where, '"name" is required');
  const kind = (optionalString(data, 'kind', where) ?? 'website') as SourceKind;
  if (!KINDS.includes(kind)) throw new InputError(where, `"kind" must be one of ${KINDS.join(', ')}`);
  const interval = data.pollIntervalMinutes ?? DEFAULT_POLL_INTERVAL_MINUTES;
  if (typeof interval !== 'number' || !Number.isFinite(interval) || interval < 1) {
    throw new InputError(where, '"pollIntervalMinutes" must be a number of at least 1');
  }
  const id = optionalString(data, 'id', where) ?? slugify(name);
  const homepage = optionalString(data, 'homepage', where);
  const owner = optionalString(data, 'owner', where);
  if (homepage) httpUrl(homepage, `${where}.homepage`);
  return {
    source: {
      id,
      name,
      kind,
      homepage,
      language: optionalString(data, 'language', where),
      country: optionalString(data, 'country', where),
      labels: stringList(data, 'labels', where),
      ...(owner && { owner }),
    },
    settings: {
      sourceId: id,
      feeds: stringList(data, 'feeds', where).map((url, i) => httpUrl(url, `${where}.feeds[${i}]`)),
      sitemaps: stringList(data, 'sitemaps', where).map((url, i) => httpUrl(url, `${where}.sitemaps[${i}]`)),
      pollIntervalMinutes: Math.round(interval),
      enabled: data.enabled === undefined ? true : data.enabled === true,
    },
  };
}

export function serializeSources(entries: SourceEntry[], format: 'yaml' | 'json'): string {
  const sources = entries.map(({ source, settings }) => ({
    id: source.id,
    name: source.name,
    kind: source.kind,
    homepage: source.homepage,
    language: source.language,
    country: source.country,
    labels: source.labels,
    ...(source.owner && { owner: source.owner }),
    feeds: settings.feeds,
    sitemaps: settings.sitemaps,
    pollIntervalMinutes: settings.pollIntervalMinutes,
    enabled: settings.enabled,
  }));
  return format === 'json' ? `${JSON.stringify({ sources }, null, 2)}\n` : stringify({ sources });
}

export function httpUrl(value: string, where: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(where, `${JSON.stringify(value)} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InputError(where, `${JSON.stringify(value)} is not an http(s) URL`);
  return url.href;
}

function optionalString(data: Record<string, unknown>, key: string, where: string): string | null {
  const value = data[key];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw new InputError(where, `"${key}" must be a string`);
  return value.trim();
}

function stringList(data: Record<string, unknown>, key: string, where: string): string[] {
  const value = data[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new InputError(where, `"${key}" must be a list of strings`);
  }
  return (value as string[]).map((item) => item.trim()).filter(Boolean);
}
