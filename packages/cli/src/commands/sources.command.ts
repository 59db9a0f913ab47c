// `sources …`: the registry of watched outlets and their acquisition settings.
import { readFileSync } from 'node:fs';
import {
  DEFAULT_POLL_INTERVAL_MINUTES,
  InputError,
  NotFoundError,
  slugify,
  sourceActivity,
  UsageError,
  type SourceHealth,
  type Store,
} from '@echotrace/core';
import { decodeBytes, feedCandidates, parseFeed, sitemapsFromRobots } from '@echotrace/extract';
import { writeJson, type Command, type CommandContext } from '../command.ts';
import { createFetcher } from '../acquisition.factory.ts';
import { createSourceTracer } from '@echotrace/app';
import { describeOwnership } from '../ownership.text.ts';
import { parseSourcesFile, serializeSources, sourceEntryFrom, type SourceEntry } from '../sources.file.ts';

const json = { name: 'json', type: 'boolean', description: 'Print as JSON' } as const;

async function entries(store: Store): Promise<SourceEntry[]> {
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

async function save(store: Store, entry: SourceEntry): Promise<void> {
  const settings = store.sourceSettings;
  await store.transaction(async () => {
    await store.sources.upsert(entry.source);
    await settings.upsert(entry.settings);
  });
}

export const sourcesAddCommand: Command = {
  name: 'sources add',
  summary: 'Add or update a watched source',
  usage:
    'sources add NAME [--homepage URL] [--feed URL]... [--sitemap URL]... [--discover] [--id ID] [options]',
  help: `
Registers a source and what to poll for it. --discover fetches the homepage and adds the feeds it
advertises (<link rel="alternate">), or else the first common feed path (/feed, /rss, /rss.xml,
/atom.xml, /feed.json) that answers with a feed; without --sitemap it also adds the sitemaps that
robots.txt declares.
Example: echotrace sources add "Example News" --homepage https://news.example/ --discover --language ru --label state-affiliated`,
  options: [
    { name: 'id', type: 'string', value: 'ID', description: 'Source id (default: slug of NAME)' },
    { name: 'homepage', type: 'string', value: 'URL', description: 'Homepage URL' },
    { name: 'feed', type: 'string', multiple: true, value: 'URL', description: 'Feed URL' },
    {
      name: 'sitemap',
      type: 'string',
      multiple: true,
      value: 'URL',
      description: 'Sitemap URL',
    },
    { name: 'discover', type: 'boolean', description: 'Find feeds from the homepage' },
    {
      name: 'kind',
      type: 'string',
      value: 'KIND',
      description: 'website (default), feed, telegram or files',
    },
    { name: 'language', type: 'string', value: 'LANG', description: 'Main language (e.g. ru)' },
    { name: 'country', type: 'string', value: 'CC', description: 'ISO country code' },
    { name: 'label', type: 'string', multiple: true, value: 'LABEL', description: 'Label' },
    { name: 'owner', type: 'string', value: 'OWNER', description: 'Owner, screened against sanctions lists' },
    {
      name: 'interval',
      type: 'number',
      min: 1,
      value: 'MINUTES',
      description: `Poll interval (default ${DEFAULT_POLL_INTERVAL_MINUTES})`,
    },
    { name: 'disabled', type: 'boolean', description: 'Register without polling' },
    json,
  ],
  async run(context) {
    const [name, ...extra] = context.positionals;
    if (!name || extra.length) throw new UsageError('give the source name as one argument (quote it)');
    const o = context.options;
    const entry = sourceEntryFrom(
      {
        id: (o.id as string | undefined) ?? slugify(name),
        name,
        kind: o.kind,
        homepage: o.homepage,
        language: o.language,
        country: o.country,
        labels: o.label ?? [],
        owner: o.owner,
        feeds: o.feed ?? [],
        sitemaps: o.sitemap ?? [],
        pollIntervalMinutes: o.interval,
        enabled: !o.disabled,
      },
      'sources add',
    );
    if (o.discover) {
      if (!entry.source.homepage) throw new UsageError('--discover needs --homepage');
      const found = await discover(context, entry.source.homepage);
      if (found.length === 0) context.stderr.write(`no feed found for ${entry.source.homepage}\n`);
      entry.settings.feeds = [...new Set([...entry.settings.feeds, ...found])];
      if (entry.settings.sitemaps.length === 0) {
        entry.settings.sitemaps = await discoverSitemaps(context, entry.source.homepage);
      }
    }
    const store = await context.openStore();
    await save(store, entry);
    if (o.json) writeJson(context.stdout, entry);
    else
      context.stdout.write(
        `saved ${entry.source.id}: ${entry.settings.feeds.length} feeds, ${entry.settings.sitemaps.length} sitemaps\n`,
      );
    return 0;
  },
};

async function discoverSitemaps(context: CommandContext, homepage: string): Promise<string[]> {
  const robotsUrl = new URL('/robots.txt', homepage).href;
  try {
    const response = await createFetcher(context.config).fetch({ url: robotsUrl, signal: context.signal });
    if (response.status !== 200) return [];
    return sitemapsFromRobots(new TextDecoder().decode(response.bytes), response.finalUrl);
  } catch {
    return [];
  }
}

async function discover(context: CommandContext, homepage: string): Promise<string[]> {
  const fetcher = createFetcher(context.config);
  let html: string | null = null;
  try {
    const page = await fetcher.fetch({ url: homepage, signal: context.signal });
    if (page.status === 200) {
      html = decodeBytes(page.bytes, {
        origin: page.finalUrl,
        contentTypeHeader: page.headers['content-type'],
      }).text;
    }
  } catch (error) {
    context.stderr.write(
      `could not fetch ${homepage}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
  const candidates = feedCandidates(html, homepage);
  const advertised = candidates
    .filter((candidate) => candidate.via === 'link')
    .map((candidate) => candidate.url);
  if (advertised.length > 0) return advertised;
  for (const candidate of candidates) {
    try {
      const response = await fetcher.fetch({ url: candidate.url, signal: context.signal });
      if (response.status !== 200) continue;
      parseFeed(response.bytes, {
        origin: candidate.url,
        contentTypeHeader: response.headers['content-type'],
      });
      return [response.finalUrl];
    } catch {
      // Not a feed there: try the next path.
    }
  }
  return [];
}

export const sourcesListCommand: Command = {
  name: 'sources list',
  summary: 'List sources with their feeds, sitemaps and interval',
  usage: 'sources list [--json]',
  help: `
--json prints [{source, settings, ownership}]; ownership (null while no sanctions list is imported)
is {names, flagged, chains}. A source whose name or owner matches a listed entry is marked SANCTIONED.`,
  options: [json],
  async run(context) {
    const store = await context.openStore();
    const list = await entries(store);
    const tracer = await createSourceTracer(store);
    const traced = [];
    for (const entry of list)
      traced.push({ ...entry, ownership: tracer ? await tracer(entry.source) : null });
    if (context.options.json) writeJson(context.stdout, traced);
    else {
      for (const { source, settings, ownership } of traced) {
        context.stdout.write(
          `${source.id}  ${source.name}  ${settings.feeds.length} feeds, ${settings.sitemaps.length} sitemaps, every ${settings.pollIntervalMinutes} min${settings.enabled ? '' : ' (disabled)'}${ownership?.flagged ? `  SANCTIONED: ${ownership.chains[0]!.summary}` : ''}\n`,
        );
      }
    }
    return 0;
  },
};

export const sourcesShowCommand: Command = {
  name: 'sources show',
  summary: 'Show one source, its settings and health',
  usage: 'sources show ID [--json]',
  help: `
--json prints {source, settings, health, ownership}. ownership (null while no sanctions list is
imported) is {names, flagged, chains: [{subject, summary, links: [{list, entryId, name, via, score,
explanation}]}]}: the source's name and owner matched against the lists, then the lists' own
relations ("Linked To", ownership) followed.`,
  options: [json],
  async run(context) {
    const id = context.positionals[0];
    if (!id || context.positionals.length > 1) throw new UsageError('give exactly one source id');
    const store = await context.openStore();
    const source = await store.sources.get(id);
    if (!source) throw new NotFoundError('source', id);
    const repo = store.sourceSettings;
    const [settings, health] = await Promise.all([repo.get(id), repo.health(id)]);
    const tracer = await createSourceTracer(store);
    const ownership = tracer ? await tracer(source) : null;
    if (context.options.json) {
      writeJson(context.stdout, { source, settings, health, ownership });
      return 0;
    }
    const out = context.stdout;
    out.write(
      `${source.name} (${source.id}) · ${source.kind}${source.homepage ? ` · ${source.homepage}` : ''}\n`,
    );
    if (source.labels.length) out.write(`labels: ${source.labels.join(', ')}\n`);
    if (source.owner) out.write(`owner: ${source.owner}\n`);
    if (ownership)
      out.write(ownership.flagged ? describeOwnership(ownership, '') : 'not linked to any listed entry\n');
    for (const feed of settings?.feeds ?? []) out.write(`feed     ${feed}\n`);
    for (const sitemap of settings?.sitemaps ?? []) out.write(`sitemap  ${sitemap}\n`);
    if (health) out.write(describeHealth(health));
    return 0;
  },
};

export const sourcesRemoveCommand: Command = {
  name: 'sources remove',
  summary: 'Remove a source that has no documents',
  usage: 'sources remove ID',
  options: [],
  async run(context) {
    const id = context.positionals[0];
    if (!id || context.positionals.length > 1) throw new UsageError('give exactly one source id');
    const store = await context.openStore();
    if (!(await store.sources.get(id))) throw new NotFoundError('source', id);
    const settings = store.sourceSettings;
    await store.transaction(async () => {
      await store.sources.remove(id);
      await settings.remove(id);
    });
    context.stdout.write(`removed ${id}\n`);
    return 0;
  },
};

export const sourcesImportCommand: Command = {
  name: 'sources import',
  summary: 'Add or update sources from a YAML or JSON file',
  usage: 'sources import FILE [--json]',
  help: `
The file holds {sources: [...]} or a bare list; each entry: name (required), id, kind, homepage,
language, country, labels, feeds, sitemaps, pollIntervalMinutes, enabled. The whole file is
checked before anything is saved. --json prints {"imported": N, "ids": [...]}.`,
  options: [json],
  async run(context) {
    const file = context.positionals[0];
    if (!file || context.positionals.length > 1) throw new UsageError('give exactly one file');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new InputError(file, `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const list = parseSourcesFile(text, file);
    const store = await context.openStore();
    for (const entry of list) await save(store, entry);
    if (context.options.json)
      writeJson(context.stdout, { imported: list.length, ids: list.map((e) => e.source.id) });
    else context.stdout.write(`imported ${list.length} sources\n`);
    return 0;
  },
};

export const sourcesExportCommand: Command = {
  name: 'sources export',
  summary: 'Print all sources as YAML (or JSON) for editing and re-import',
  usage: 'sources export [--format yaml|json]',
  options: [{ name: 'format', type: 'string', value: 'FORMAT', description: 'yaml (default) or json' }],
  async run(context) {
    const format = (context.options.format as string | undefined) ?? 'yaml';
    if (format !== 'yaml' && format !== 'json') throw new UsageError('--format must be yaml or json');
    context.stdout.write(serializeSources(await entries(await context.openStore()), format));
    return 0;
  },
};

export const sourcesHealthCommand: Command = {
  name: 'sources health',
  summary: 'Show when each source was polled, what it yielded, its last error, and sources gone silent',
  usage: 'sources health [--json]',
  help: `
For every registered source: its last poll (watched sources), and its activity: documents per day
published in the last 3 days against the 28 days before. A source that used to publish at least one
item a day and has published nothing since is SILENT; one below a quarter of its usual rate is
DECLINING. Both usually mean a broken feed or a block, not a quiet newsroom.

--json prints [{sourceId, lastPollAt, lastSuccessAt, lastError, consecutiveFailures, lastNewItems,
nextPollAt, activity: {recentPerDay, baselinePerDay, recentDays, baselineDays, state}, sanctioned}];
the poll fields are null for sources never polled; sanctioned is the ownership chain summaries (empty
when none; see sources show).`,
  options: [json],
  async run(context) {
    const store = await context.openStore();
    const health = new Map((await store.sourceSettings.listHealth()).map((h) => [h.sourceId, h]));
    const tracer = await createSourceTracer(store);
    const now = new Date();
    const rows = [];
    for (const source of await store.sources.list()) {
      const h = health.get(source.id) ?? neverPolled(source.id);
      const trace = tracer ? await tracer(source) : null;
      const activity = await sourceActivity(store.search, source.id, now);
      rows.push({ ...h, activity, sanctioned: trace?.chains.map((chain) => chain.summary) ?? [] });
    }
    if (context.options.json) writeJson(context.stdout, rows);
    else
      for (const h of rows) {
        const { activity: a } = h;
        const flag = a.state === 'silent' || a.state === 'declining' ? `  ${a.state.toUpperCase()}` : '';
        context.stdout.write(
          `${h.sourceId}${flag}${h.sanctioned.length ? `  SANCTIONED: ${h.sanctioned[0]}` : ''}\n` +
            (h.lastPollAt || h.lastError ? describeHealth(h) : '') +
            `  ${a.recentPerDay}/day in the last ${a.recentDays} days, ${a.baselinePerDay}/day in the ${a.baselineDays} before\n`,
        );
      }
    return 0;
  },
};

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

function describeHealth(h: {
  lastPollAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  lastNewItems: number;
  nextPollAt: string | null;
}): string {
  const state = h.consecutiveFailures > 0 ? `FAILING (${h.consecutiveFailures} in a row)` : 'ok';
  return (
    `  ${state} · last poll ${h.lastPollAt ?? 'never'} · last success ${h.lastSuccessAt ?? 'never'} · ${h.lastNewItems} new · next ${h.nextPollAt ?? 'now'}\n` +
    (h.lastError ? `  last error: ${h.lastError}\n` : '')
  );
}

export const sourcesCommands: Command[] = [
  sourcesAddCommand,
  sourcesListCommand,
  sourcesShowCommand,
  sourcesRemoveCommand,
  sourcesImportCommand,
  sourcesExportCommand,
  sourcesHealthCommand,
];
