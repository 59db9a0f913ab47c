// `echotrace export warc`: app's exportArchive selects the exchanges and captures; this writes
// them as WARC 1.1 records.
import { closeSync, openSync, writeSync } from 'node:fs';
import { UsageError } from '@echotrace/core';
import { archiveTimeBound, exportArchive } from '@echotrace/app';
import { exchangeRecords, resourceRecord, WarcWriter, warcinfoRecord } from '@echotrace/fetch';
import { writeJson, type Command } from '../command.ts';

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

    const fd = openSync(out, 'w');
    const writer = new WarcWriter((chunk) => writeSync(fd, chunk), { gzip });
    let exchanges = 0;
    let resources = 0;
    try {
      writer.add(
        warcinfoRecord(new Date().toISOString(), {
          software: 'Echotrace 0.1.0',
          format: 'WARC File Format 1.1',
          conformsTo: 'https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/',
          description:
            'Payloads are stored with Content-Encoding removed; Content-Length states the stored length.',
        }),
      );
      ({ exchanges, resources } = await exportArchive(
        store,
        {
          ...(documents.length > 0 ? { documents } : { from, to }),
          signal: context.signal,
          onSkipped: (entry) =>
            context.stderr.write(`skipped ${entry.finalUrl}: capture sha256:${entry.sha256} missing\n`),
        },
        {
          exchange: (entry, payload) => {
            for (const record of exchangeRecords(entry, payload)) writer.add(record);
          },
          resource: (capture, payload) => writer.add(resourceRecord(capture, payload)),
        },
      ));
    } finally {
      closeSync(fd);
    }
    if (context.options.json)
      writeJson(context.stdout, { out, records: writer.records, exchanges, resources });
    else
      context.stdout.write(
        `wrote ${out}: ${writer.records} records (${exchanges} exchanges, ${resources} resources)\n`,
      );
    return 0;
  },
};
