// `echotrace export QUERY`: the whole result set, streamed as CSV, JSON lines or FollowTheMoney.
// (`export warc` is its own command: the longest command name wins.)
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import {
  CSV_BOM,
  EXPORT_CSV_COLUMNS,
  EXPORT_FORMATS,
  exportCsvRow,
  exportFtm,
  exportRows,
  csvRow,
} from '@echotrace/app';
import { UsageError } from '@echotrace/core';
import type { Command } from '../command.ts';
import { choice, openSelection, RANGE_OPTIONS } from '../analysis.selection.ts';
import { printable } from '../terminal.text.ts';

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export every document a query matches: CSV, JSON lines or FollowTheMoney (entities, mentions)',
  usage: 'export QUERY --format csv|jsonl|ftm [--out FILE] [--from DATE] [--to DATE]',
  dashWords: true,
  help: `
Writes every document QUERY (docs/query-syntax.md, or group:DOCUMENT_ID) selects — no cap,
streamed page by page, in ingest order — to stdout or --out FILE. Each row carries the document
id, URL, source, publication time and a span [start, end) in UTF-16 code units of the text: the
first matching query word, else the first mention of the entity: filter, else the whole text.

--format csv: UTF-8 with BOM, CRLF, quoted fields, a ' before cells starting with = + - @ (so Excel
runs no formula); columns ${EXPORT_CSV_COLUMNS.join(', ')}.
--format jsonl: one JSON object per line with the same fields.
--format ftm: FollowTheMoney entities, one per line, for Aleph (\`ftm\` tools, \`alephclient
write-entities\`): an Article per document, each mentioned entity once (Person, Organization, Address)
and a Mention per mention (document, resolved, name, detectedSchema); every line's "echotrace" key
holds documentId, url, sourceId, publishedAt, start, end.

Examples:
  echotrace export 'санкции' --format csv --out sanctions.csv
  echotrace export entity:gleb-tumanov --format ftm > tumanov.ftm.jsonl`,
  options: [
    { name: 'format', type: 'string', value: 'FORMAT', description: 'csv, jsonl or ftm (required)' },
    { name: 'out', type: 'string', value: 'FILE', description: 'Write to FILE instead of stdout' },
    ...RANGE_OPTIONS,
  ],
  async run(context) {
    const format = choice(context, 'format', EXPORT_FORMATS);
    if (!format)
      throw new UsageError('give --format csv, jsonl or ftm', { input: '--format', problem: 'missing' });
    const { store, selection } = await openSelection(context);
    const path = typeof context.options.out === 'string' ? context.options.out : null;
    const out = path ? createWriteStream(path) : context.stdout;
    // Waits when the consumer is slower than the store, so rows never pile up in memory.
    const write = async (chunk: string) => {
      if (!out.write(chunk)) await once(out, 'drain');
    };
    let rows = 0;
    if (format === 'ftm') {
      for await (const entity of exportFtm(store, selection)) {
        if (context.signal.aborted) break;
        await write(`${JSON.stringify(entity)}\n`);
        rows++;
      }
    } else {
      if (format === 'csv') await write(CSV_BOM + csvRow(EXPORT_CSV_COLUMNS));
      for await (const row of exportRows(store, selection)) {
        if (context.signal.aborted) break;
        await write(format === 'csv' ? exportCsvRow(row) : `${JSON.stringify(row)}\n`);
        rows++;
      }
    }
    if (path) {
      const file = out as ReturnType<typeof createWriteStream>;
      file.end();
      await once(file, 'finish');
      context.stdout.write(`${rows} ${format === 'ftm' ? 'entities' : 'rows'} → ${printable(path)}\n`);
    }
    return context.signal.aborted ? 130 : 0;
  },
};
