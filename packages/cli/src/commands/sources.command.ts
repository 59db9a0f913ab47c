// `sources …`: the registry of watched outlets and their acquisition settings.
import { DEFAULT_POLL_INTERVAL_MINUTES, slugify, UsageError } from '@echotrace/core';
import {
  addSource,
  exportSourcesFile,
  importSourcesFile,
  listSources,
  removeSource,
  showSource,
  sourceEntryFrom,
  sourcesHealth,
} from '@echotrace/app';
import { writeJson, type Command } from '../command.ts';
import { createFetcher } from '../acquisition.factory.ts';
import { describeOwnership } from '../ownership.text.ts';
import { printable, terminalSafe } from '../terminal.text.ts';

const json = { name: 'json', type: 'boolean', description: 'Print as JSON' } as const;

export const sourcesAddCommand: Command = {
  name: 'sources add',
  audit: { action: 'sources.add' },
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
    if (o.discover && !entry.source.homepage) throw new UsageError('--discover needs --homepage');
    const store = await context.openStore();
    await addSource({ store, createFetcher: () => createFetcher(context.config) }, entry, {
      discover: o.discover === true,
      signal: context.signal,
      onWarning: (message) => terminalSafe(context.stderr).write(`${message}\n`),
    });
    if (o.json) writeJson(context.stdout, entry);
    else
      terminalSafe(context.stdout).write(
        `saved ${entry.source.id}: ${entry.settings.feeds.length} feeds, ${entry.settings.sitemaps.length} sitemaps\n`,
      );
    return 0;
  },
};

export const sourcesListCommand: Command = {
  name: 'sources list',
  summary: 'List sources with their feeds, sitemaps and interval',
  usage: 'sources list [--json]',
  help: `
--json prints [{source, settings, ownership}]; ownership (null while no sanctions list is imported)
is {names, flagged, chains}. A source whose name or owner matches a listed entry is marked SANCTIONED.`,
  options: [json],
  async run(context) {
    const traced = await listSources(await context.openStore());
    if (context.options.json) writeJson(context.stdout, traced);
    else {
      const out = terminalSafe(context.stdout);
      for (const { source, settings, ownership } of traced) {
        out.write(
          `${printable(source.id)}  ${printable(source.name)}  ${settings.feeds.length} feeds, ${settings.sitemaps.length} sitemaps, every ${settings.pollIntervalMinutes} min${settings.enabled ? '' : ' (disabled)'}${ownership?.flagged ? `  SANCTIONED: ${ownership.chains[0]!.summary}` : ''}\n`,
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
    const view = await showSource(await context.openStore(), id);
    const { source, settings, health, ownership } = view;
    if (context.options.json) {
      writeJson(context.stdout, view);
      return 0;
    }
    const out = terminalSafe(context.stdout);
    out.write(
      `${printable(source.name)} (${printable(source.id)}) · ${source.kind}${source.homepage ? ` · ${source.homepage}` : ''}\n`,
    );
    if (source.labels.length) out.write(`labels: ${printable(source.labels.join(', '))}\n`);
    if (source.owner) out.write(`owner: ${printable(source.owner)}\n`);
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
  audit: { action: 'sources.remove' },
  summary: 'Remove a source that has no documents',
  usage: 'sources remove ID',
  options: [],
  async run(context) {
    const id = context.positionals[0];
    if (!id || context.positionals.length > 1) throw new UsageError('give exactly one source id');
    await removeSource(await context.openStore(), id);
    context.stdout.write(`removed ${id}\n`);
    return 0;
  },
};

export const sourcesImportCommand: Command = {
  name: 'sources import',
  audit: { action: 'sources.import' },
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
    const list = await importSourcesFile(await context.openStore(), file);
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
    context.stdout.write(await exportSourcesFile(await context.openStore(), format));
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
    const rows = await sourcesHealth(await context.openStore(), new Date());
    if (context.options.json) writeJson(context.stdout, rows);
    else
      for (const h of rows) {
        const { activity: a } = h;
        const flag = a.state === 'silent' || a.state === 'declining' ? `  ${a.state.toUpperCase()}` : '';
        terminalSafe(context.stdout).write(
          `${h.sourceId}${flag}${h.sanctioned.length ? `  SANCTIONED: ${h.sanctioned[0]}` : ''}\n` +
            (h.lastPollAt || h.lastError ? describeHealth(h) : '') +
            `  ${a.recentPerDay}/day in the last ${a.recentDays} days, ${a.baselinePerDay}/day in the ${a.baselineDays} before\n`,
        );
      }
    return 0;
  },
};

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
