// A WARC 1.1 file of archived exchanges and captures, as `export warc` and evidence bundles write
// it: app's exportArchive selects what goes in; @echotrace/fetch makes the records.
import { closeSync, openSync, writeSync } from 'node:fs';
import { exportArchive, type ArchiveExportRequest } from '@echotrace/app';
import type { Store } from '@echotrace/core';
import { exchangeRecords, resourceRecord, WarcWriter, warcinfoRecord } from '@echotrace/fetch';

export interface WarcFileResult {
  records: number;
  exchanges: number;
  resources: number;
}

export async function writeWarcFile(
  store: Store,
  out: string,
  request: ArchiveExportRequest,
  options: { gzip: boolean; now: Date },
): Promise<WarcFileResult> {
  const fd = openSync(out, 'w');
  const writer = new WarcWriter((chunk) => writeSync(fd, chunk), { gzip: options.gzip });
  try {
    writer.add(
      warcinfoRecord(options.now.toISOString(), {
        software: 'Echotrace 0.1.0',
        format: 'WARC File Format 1.1',
        conformsTo: 'https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/',
        description:
          'Payloads are stored with Content-Encoding removed; Content-Length states the stored length.',
      }),
    );
    const { exchanges, resources } = await exportArchive(store, request, {
      exchange: (entry, payload) => {
        for (const record of exchangeRecords(entry, payload)) writer.add(record);
      },
      resource: (capture, payload) => writer.add(resourceRecord(capture, payload)),
    });
    return { records: writer.records, exchanges, resources };
  } finally {
    closeSync(fd);
  }
}
