import { closeSync, openSync, writeSync } from 'node:fs';
import { InputError, NotFoundError, UsageError, type ArchiveEntry, type Store } from '@echotrace/core';
import { exchangeRecords, resourceRecord, WarcWriter, warcinfoRecord } from '@echotrace/fetch';
import { writeJson, type Command } from '../command.ts';
import { openArchive } from '../acquisition.factory.ts';

const PAGE = 500;

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
      ? timeBound(context.options.from as string, '--from', false)
      : undefined;
    const to = context.options.to ? timeBound(context.options.to as string, '--to', true) : undefined;
    if (documents.length > 0 && (from || to))
      throw new UsageError('use either --from/--to or --document, not both');
    const store = await context.openStore();
    const archive = openArchive(store);
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
      const writeEntry = async (entry: ArchiveEntry): Promise<void> => {
        const payload = await store.captures.bytes(entry.sha256);
        if (!payload) {
          context.stderr.write(`skipped ${entry.finalUrl}: capture sha256:${entry.sha256} missing\n`);
          return;
        }
        for (const record of exchangeRecords(entry, payload)) writer.add(record);
        exchanges++;
      };
      if (documents.length > 0) {
        for (const sha256 of await captureHashes(store, documents)) {
          const entries = await archive.list({ sha256s: [sha256] });
          for (const entry of entries) await writeEntry(entry);
          if (entries.length === 0) {
            const [capture, payload] = await Promise.all([
              store.captures.get(sha256),
              store.captures.bytes(sha256),
            ]);
            if (capture && payload) {
              writer.add(resourceRecord(capture, payload));
              resources++;
            }
          }
        }
      } else {
        let afterId: string | undefined;
        for (;;) {
          const page = await archive.list({ from, to, afterId, limit: PAGE });
          for (const entry of page) await writeEntry(entry);
          if (page.length < PAGE || context.signal.aborted) break;
          afterId = page.at(-1)!.id;
        }
      }
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

async function captureHashes(store: Store, documentIds: string[]): Promise<string[]> {
  const hashes = new Set<string>();
  for (const id of documentIds) {
    const document = await store.documents.get(id);
    if (!document) throw new NotFoundError('document', id);
    hashes.add(document.captureSha256);
    for (const version of await store.documents.versions(id)) hashes.add(version.captureSha256);
  }
  return [...hashes];
}

/** An ISO 8601 bound as the UTC text the archive stores; a bare date as `--to` means the next midnight. */
function timeBound(value: string, option: string, endOfDay: boolean): string {
  const bareDate = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(bareDate ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime()))
    throw new InputError(option, `${JSON.stringify(value)} is not an ISO 8601 date or time`);
  if (bareDate && endOfDay) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString();
}
