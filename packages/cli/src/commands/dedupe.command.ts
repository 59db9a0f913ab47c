import { groupCopies } from '@echotrace/app';
import { writeJson, type Command } from '../command.ts';
import { ProgressReporter } from '../progress.ts';

export const dedupeCommand: Command = {
  name: 'dedupe',
  summary: 'Group copies of the same text across outlets and channels (syndication, reposts)',
  usage: 'dedupe [--json] [--groups N]',
  help: `
Signs documents not signed yet (or changed since), rebuilds the near-duplicate index from stored
signatures, and rewrites group membership. Copies are found despite different boilerplate,
headlines and light edits; a short post quoting a longer text joins its group. Each group's id is
its earliest appearance (publication time, else ingestion time). \`echotrace show ID\` lists copies.
--groups N prints the N largest groups (default 10).
--json prints {"summary": {rebuilt, signed, groups, groupedDocuments, failed}, "largest": [{id, members}]}.`,
  options: [
    { name: 'json', type: 'boolean', description: 'Print the summary as JSON' },
    {
      name: 'groups',
      type: 'integer',
      min: 0,
      value: 'N',
      description: 'How many of the largest groups to print',
    },
  ],
  async run(context) {
    const store = await context.openStore();
    const progress = new ProgressReporter(context.stderr);
    const { summary, largest } = await groupCopies(store, {
      largest: (context.options.groups as number | undefined) ?? 10,
      signal: context.signal,
      onProgress: (done) => progress.update({ done, total: null, unit: 'documents', detail: 'grouping' }),
    });
    progress.finish();
    if (context.options.json) {
      writeJson(context.stdout, { summary, largest });
      return summary.failed.length > 0 ? 1 : 0;
    }
    const out = context.stdout;
    out.write(
      `${summary.groups} groups of copies holding ${summary.groupedDocuments} documents (${summary.signed} signed now, ${summary.rebuilt} from stored signatures)\n`,
    );
    for (const group of largest) out.write(`  ${String(group.members.length).padStart(5)}  ${group.id}\n`);
    for (const failure of summary.failed)
      context.stderr.write(`failed: ${failure.documentId}: ${failure.reason}\n`);
    return summary.failed.length > 0 ? 1 : 0;
  },
};
