// `echotrace export warc`: app's exportArchive selects the exchanges and captures; this writes
// them as WARC 1.1 records.
import { UsageError } from '@echotrace/core';
import { archiveTimeBound } from '@echotrace/app';
import { writeJson, type Command } from '../command.ts';
import { systemClock } from '../system.clock.ts';
import { writeWarcFile } from '../warc.file.ts';

export const exportWarcCommand: Command = {
  name: 'export warc',
  summary: 'Write archived responses as a standard WARC 1.1 file',
  usage: 'export warc --out FILE [--from DATE] [--to DATE] [--document ID...] [--gzip] [--json]',
  help: `
Writes a warcinfo record, then for each archived HTTP exchange a request and a response record
(WARC-Payload-Digest sha256:<hex>, the same hash as the capture). Select by fetch time with
--from/--to (ISO 8601; a bare date for --to includes that whole day) or by --document ID
(repeatable): every archived fetch of any version of those documents; a document ingested from a
file becomes a resource record. With neither, the whole archive is written. --gzip (or an --out
ending in .gz) compresses each record separately, as .warc.gz readers expect.
--json prints {"out": FILE, "records": N, "exchanges": N, "resources": N}.`,
  options: [
    { name: 'out', type: 'string', value: 'FILE', description: 'WARC file to write' },
    { name: 'from', type: 'string', value: 'DATE', description: 'Only fetches at or after this time' },
    {
      name: 'to',
      type: 'string',
      value: 'DATE',
      description: 'Only fetches before this time (a bare date: through that day)',
    },
    {
      name: 'document',
      type: 'string',
      multiple: true,
      value: 'ID',
      description: 'Only the captures of this document',
    },
    { name: 'gzip', type: 'boolean', description: 'Gzip each record (.warc.gz)' },
    { name: 'json', type: 'boolean', description: 'Print a summary as JSON' },
  ],
  async run(context) {
    const out = context.options.out as string | undefined;
    if (!out) throw new UsageError('--out FILE is required');
    const documents = (context.options.document as string[] | undefined) ?? [];
    const from = context.options.from
      ? archiveTimeBound(context.options.from as string, '--from', false)
      : undefined;
    const to = context.options.to ? archiveTimeBound(context.options.to as string, '--to', true) : undefined;
    if (documents.length > 0 && (from || to))
      throw new UsageError('use either --from/--to or --document, not both');
    const store = await context.openStore();
    const gzip = Boolean(context.options.gzip) || out.endsWith('.gz');

    const { records, exchanges, resources } = await writeWarcFile(
      store,
      out,
      {
        ...(documents.length > 0 ? { documents } : { from, to }),
        signal: context.signal,
        onSkipped: (entry) =>
          context.stderr.write(`skipped ${entry.finalUrl}: capture sha256:${entry.sha256} missing\n`),
      },
      { gzip, now: systemClock.now() },
    );
    if (context.options.json) writeJson(context.stdout, { out, records: records, exchanges, resources });
    else
      context.stdout.write(
        `wrote ${out}: ${records} records (${exchanges} exchanges, ${resources} resources)\n`,
      );
    return 0;
  },
};
