// `sanctions screen`: re-screens the entities of stored documents against the imported lists, e.g.
// after importing a newer list (the use case is app's screenStoredDocuments); this parses and reports.
import { UsageError } from '@echotrace/core';
import { SCREENING_PRODUCER } from '@echotrace/sanctions';
import { screenStoredDocuments } from '@echotrace/app';
import { writeJson, type Command } from '../command.ts';
import { ProgressReporter } from '../progress.ts';

export const sanctionsScreenCommand: Command = {
  name: 'sanctions screen',
  summary: 'Screen the entities of stored documents against the imported sanctions lists',
  usage: 'sanctions screen [--all] [--source ID] [--json]',
  help: `
Replaces every document's "sanction" annotations (producer ${SCREENING_PRODUCER}) with the outcome of
screening its resolved entities against the current lists (rules, threshold and explanation: see
docs/sanctions.md); pairs an analyst dismissed stay unflagged. Run it after importing a new list;
ingest screens new documents by itself. Resumable: pages already screened against the same lists are
skipped on a re-run, so an interrupted run continues where it stopped; --all screens every document
again.
--json prints {documents, screened, skipped, entities, sanctioned}.`,
  options: [
    { name: 'all', type: 'boolean', description: 'Screen every document, even pages done before' },
    { name: 'source', type: 'string', value: 'ID', description: 'Only documents of this source' },
    {
      name: 'json',
      type: 'boolean',
      description: 'Print {documents, screened, skipped, entities, sanctioned}',
    },
  ],
  async run(context) {
    if (context.positionals.length > 0) throw new UsageError('sanctions screen takes no arguments');
    const progress = new ProgressReporter(context.stderr);
    const outcome = await screenStoredDocuments(await context.openStore(), {
      all: context.options.all === true,
      ...(context.options.source !== undefined && { sourceId: String(context.options.source) }),
      threads: context.config.enrichThreads,
      maxChars: context.config.enrichMaxChars,
      signal: context.signal,
      onPage: (counts, total) =>
        progress.update({
          done: counts.documents,
          total,
          unit: 'documents',
          detail: `screened ${counts.screened} · skipped ${counts.skipped} · ${counts.sanctioned} sanctioned mentions`,
        }),
    });
    if (!outcome) {
      context.stderr.write('no sanctions list imported yet: run echotrace sanctions import FILE...\n');
      return 1;
    }
    progress.finish();
    if (context.options.json) writeJson(context.stdout, outcome);
    else {
      context.stdout.write(
        `screened ${outcome.screened} documents (${outcome.skipped} already screened against these lists), ` +
          `${outcome.entities} entities compared, ${outcome.sanctioned} sanctioned mentions\n`,
      );
      if (outcome.interrupted) context.stdout.write('interrupted: run the same command again to continue\n');
    }
    return outcome.interrupted ? 1 : 0;
  },
};
