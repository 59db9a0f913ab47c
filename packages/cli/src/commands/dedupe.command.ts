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
Copies must agree on their figures and names: posts from one template with other figures (a daily
report of 250, then 255 losses) or another place name are not grouped. Each group is listed with
its documents, earliest (the original) first: date, source, title. --groups N lists the N largest
groups only (default: all).
--json prints {"summary": {rebuilt, signed, groups, groupedDocuments, failed}, "largest": [{id,
members, documents: [{documentId, title, sourceId, sourceName, publishedAt, ingestedAt,
canonicalUrl}]}]}.`,
  options: [
    { name: 'json', type: 'boolean', description: 'Print the summary as JSON' },
    {
      name: 'groups',
      type: 'integer',
      min: 0,
      value: 'N',
      description: 'List only the N largest groups (default: all)',
    },
  ],
  async run(context) {
    const store = await context.openStore();
    const progress = new ProgressReporter(context.stderr);
    const { summary, largest } = await groupCopies(store, {
      largest: (context.options.groups as number | undefined) ?? Number.POSITIVE_INFINITY,
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
    for (const group of largest) {
      out.write(`\n${group.members.length} copies · group ${group.id}\n`);
      for (const [index, copy] of group.documents.entries()) {
        const when = copy.publishedAt ?? `undated, ingested ${copy.ingestedAt}`;
        const what = copy.title ?? copy.canonicalUrl ?? '(no title)';
        out.write(
          `  ${when} · ${copy.sourceName ?? copy.sourceId} · ${what} · ${copy.documentId}${index === 0 ? ' [original]' : ''}\n`,
        );
      }
    }
    for (const failure of summary.failed)
      context.stderr.write(`failed: ${failure.documentId}: ${failure.reason}\n`);
    return summary.failed.length > 0 ? 1 : 0;
  },
};
