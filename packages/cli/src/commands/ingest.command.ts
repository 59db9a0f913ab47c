import { UsageError, type IngestSummary } from '@echotrace/core';
import {
  checkIngestRequest,
  closeEnrichment,
  createEnrichment,
  DEFAULT_FILES_SOURCE,
  ingestFiles,
} from '@echotrace/app';
import { writeJson, type Command } from '../command.ts';
import { ProgressReporter } from '../progress.ts';
import { systemClock } from '../system.clock.ts';

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'Read files and folders into the corpus (txt, md, html, Telegram JSON, NDJSON)',
  usage:
    'ingest PATH|GLOB... [--source NAME] [--published DATE] [--language LANG] [--exclude GLOB]... [--include-paperwork] [--no-enrich] [--no-dedupe] [--json]',
  help: `
Formats: .txt/.md (one document each), .html/.htm (main text extracted), .json (a Telegram
channel's flat message list, or Telegram Desktop's result.json export: one document per message,
the channel as the source), .ndjson/.jsonl (one {url, title, text, published, source, language}
record per line; streamed, any size). Folders are read recursively; a folder's README, LICENSE,
LICENCE, COPYING, NOTICE, CHANGELOG, AUTHORS and CONTRIBUTING files are left out unless
--include-paperwork (a file named on the command line is always read). --source, --published and
--language apply to the files and records that carry none of their own.

Re-running adds nothing already stored with the same content; an interrupted run (Ctrl-C, a killed
process) keeps every committed batch, and the re-run finishes the rest, copy grouping included. A bad
file or message (malformed JSON, binary bytes, an empty NDJSON file, an unreadable folder) is reported
by name and the rest is stored. Exit code 1 if any item failed.

Examples:
  echotrace ingest demo/corpus
  echotrace ingest 'exports/**/*.json' --json
  echotrace ingest notes/ --source 'Field notes' --published 2024-03-01 --language ru --exclude '**/drafts/**'`,
  options: [
    {
      name: 'source',
      type: 'string',
      value: 'NAME',
      description: 'Source for files that do not name one (default: local files)',
    },
    {
      name: 'published',
      type: 'string',
      value: 'DATE',
      description: 'Publication date or time for files that carry none (2024-03-01, ISO 8601)',
    },
    {
      name: 'language',
      type: 'string',
      value: 'LANG',
      description: 'Language code (ru, en) for files that state none, instead of identifying it',
    },
    {
      name: 'exclude',
      type: 'string',
      value: 'GLOB',
      multiple: true,
      description: 'Leave out files or folders matching GLOB (path or file name; repeatable)',
    },
    {
      name: 'include-paperwork',
      type: 'boolean',
      description: "Also read a folder's README, LICENSE, CHANGELOG… files as articles",
    },
    {
      name: 'no-enrich',
      type: 'boolean',
      description: 'Store documents without entity annotations (faster; `entities relink` adds them later)',
    },
    {
      name: 'no-dedupe',
      type: 'boolean',
      description: 'Skip grouping copies after the run (`echotrace dedupe` does it later)',
    },
    {
      name: 'json',
      type: 'boolean',
      description:
        'Print {added, updated, unchanged, failed: [{origin, reason}], skipped: [path], interrupted, forwards, copies: {groups, groupedDocuments} | null}',
    },
  ],
  async run(context) {
    if (context.positionals.length === 0) throw new UsageError('give at least one file, folder or glob');
    const o = context.options;
    const request = {
      paths: context.positionals,
      sourceName: (o.source as string | undefined) ?? DEFAULT_FILES_SOURCE,
      published: o.published as string | undefined,
      language: o.language as string | undefined,
      exclude: (o.exclude as string[] | undefined) ?? [],
      includePaperwork: o['include-paperwork'] === true,
    };
    // Refused before the store is opened or created.
    checkIngestRequest(request);
    const store = await context.openStore();
    const progress = new ProgressReporter(context.stderr);
    let files = 0;
    let filesDone = 0;
    let latest: IngestSummary = { added: 0, updated: 0, unchanged: 0, failed: [] };
    const render = (force = false): void =>
      progress.update(
        {
          done: filesDone,
          total: files,
          unit: 'files',
          detail: `added ${latest.added} · updated ${latest.updated} · unchanged ${latest.unchanged} · failed ${latest.failed.length}`,
        },
        force,
      );
    const enrichment = context.options['no-enrich']
      ? []
      : await createEnrichment(store, {
          threads: context.config.enrichThreads,
          maxChars: context.config.enrichMaxChars,
        });
    const result = await ingestFiles(
      {
        store,
        clock: systemClock,
        enrichers: enrichment,
      },
      {
        ...request,
        maxFileBytes: context.config.maxFileBytes,
        htmlLimits: context.config.htmlLimits,
        dedupe: !context.options['no-dedupe'],
        signal: context.signal,
        onFiles: (count) => (files = count),
        onFileDone: () => {
          filesDone++;
          render();
        },
        onProgress: (current) => {
          latest = current;
          render();
        },
        // Threads are not needed for grouping; closing twice (here and below) is harmless.
        onEnriched: () => closeEnrichment(enrichment),
      },
    ).finally(() => closeEnrichment(enrichment));
    const { summary, interrupted, copies: grouping, skipped } = result;
    latest = summary;
    render(true);
    progress.finish();
    if (context.options.json) {
      writeJson(context.stdout, {
        ...summary,
        skipped,
        interrupted,
        forwards: result.forwards,
        copies: grouping,
      });
    } else {
      const out = context.stdout;
      out.write(
        `added ${summary.added}, updated ${summary.updated}, unchanged ${summary.unchanged}, failed ${summary.failed.length}\n`,
      );
      if (skipped.length > 0)
        out.write(
          `skipped ${skipped.length} file${skipped.length === 1 ? '' : 's'} (--exclude, or a folder's README/LICENSE): ${skipped.slice(0, 5).join(', ')}${skipped.length > 5 ? ', …' : ''}\n`,
        );
      if (grouping) {
        out.write(
          `copies: ${grouping.groups} groups holding ${grouping.groupedDocuments} documents (echotrace dedupe lists them)\n`,
        );
      }
      for (const failure of summary.failed.slice(0, 50))
        out.write(`  failed: ${failure.origin}: ${failure.reason}\n`);
      if (summary.failed.length > 50)
        out.write(`  … and ${summary.failed.length - 50} more (use --json for all)\n`);
      if (interrupted)
        out.write('interrupted: committed work is kept; run the same command again to finish\n');
    }
    return summary.failed.length > 0 || interrupted ? 1 : 0;
  },
};
