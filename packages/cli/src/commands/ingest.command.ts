import {
  ingest,
  slugify,
  type Clock,
  type ForwardEdge,
  type IngestInput,
  type IngestSummary,
} from '@echotrace/core';
import { forwardEdgesOf, runDedupe, sourceFor } from '@echotrace/extract';
import { UsageError } from '@echotrace/core';
import { writeJson, type Command } from '../command.ts';
import { createEnrichers } from '../enrichment.factory.ts';
import { duplicateRepositoryOf } from '../duplicates.factory.ts';
import { expandPaths, readInputs } from '../ingest.files.ts';
import { ProgressReporter } from '../progress.ts';

const systemClock: Clock = { now: () => new Date() };

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'Read files and folders into the corpus (txt, md, html, Telegram JSON, NDJSON)',
  usage: 'ingest PATH|GLOB... [--source NAME] [--no-enrich] [--no-dedupe] [--json]',
  help: `
Formats: .txt/.md (one document each), .html/.htm (main text extracted), .json (a Telegram
channel's flat message list, or Telegram Desktop's result.json export: one document per message,
the channel as the source), .ndjson/.jsonl (one {url, title, text, published, source, language}
record per line; streamed, any size). Folders are read recursively.

Re-running adds nothing already stored with the same content; an interrupted run (Ctrl-C, a killed
process) keeps every committed batch, and the re-run finishes the rest. Exit code 1 if any item failed.

Examples:
  echotrace ingest demo/corpus
  echotrace ingest 'exports/**/*.json' --json`,
  options: [
    {
      name: 'source',
      type: 'string',
      value: 'NAME',
      description: 'Source for files that do not name one (default: local files)',
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
        'Print {added, updated, unchanged, failed: [{origin, reason}], interrupted, forwards, copies: {groups, groupedDocuments} | null}',
    },
  ],
  async run(context) {
    if (context.positionals.length === 0) throw new UsageError('give at least one file, folder or glob');
    const store = await context.openStore();
    const sourceName = (context.options.source as string | undefined) ?? 'Local files';
    const entries = await expandPaths(context.positionals);
    const progress = new ProgressReporter(context.stderr);
    let filesDone = 0;
    let latest: IngestSummary = { added: 0, updated: 0, unchanged: 0, failed: [] };
    const render = (force = false): void =>
      progress.update(
        {
          done: filesDone,
          total: entries.length,
          unit: 'files',
          detail: `added ${latest.added} · updated ${latest.updated} · unchanged ${latest.unchanged} · failed ${latest.failed.length}`,
        },
        force,
      );
    // Telegram forwards are remembered as items stream past and recorded once their documents exist.
    const forwards: ForwardEdge[] = [];
    async function* noteForwards(inputs: AsyncIterable<IngestInput>): AsyncGenerator<IngestInput> {
      for await (const input of inputs) {
        if (!('failed' in input)) forwards.push(...forwardEdgesOf([input]));
        yield input;
      }
    }
    const summary = await ingest(
      store,
      noteForwards(
        readInputs(entries, {
          maxFileBytes: context.config.maxFileBytes,
          defaultSource: { ...sourceFor(sourceName, 'files'), id: slugify(sourceName) },
          onFileDone: () => {
            filesDone++;
            render();
          },
        }),
      ),
      {
        clock: systemClock,
        enrichers: context.options['no-enrich'] ? [] : await createEnrichers(store),
        onProgress: ({ summary: current }) => {
          latest = current;
          render();
        },
        shouldStop: () => context.signal.aborted,
      },
    );
    latest = summary;
    render(true);
    progress.finish();
    const interrupted = context.signal.aborted;
    const duplicates = duplicateRepositoryOf(store);
    for (const edge of forwards) {
      if (await store.documents.get(edge.documentId)) await duplicates.recordForward(edge);
    }
    // Group copies across outlets as soon as there is something new: signatures of earlier
    // documents are read back, only new and changed documents are signed.
    let grouping: { groups: number; groupedDocuments: number } | null = null;
    if (!interrupted && !context.options['no-dedupe'] && summary.added + summary.updated > 0) {
      const { summary: dedupe } = await runDedupe(
        { documents: store.documents, duplicates },
        { signal: context.signal },
      );
      grouping = { groups: dedupe.groups, groupedDocuments: dedupe.groupedDocuments };
    }
    if (context.options.json) {
      writeJson(context.stdout, { ...summary, interrupted, forwards: forwards.length, copies: grouping });
    } else {
      const out = context.stdout;
      out.write(
        `added ${summary.added}, updated ${summary.updated}, unchanged ${summary.unchanged}, failed ${summary.failed.length}\n`,
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
