// Not a test: times our WARC writer against warcio's writer (WARCRecord.create + WARCSerializer) on
// the same exchanges, for docs/decisions/0007-warc-writer.md. Run:
//   node packages/fetch/test/warc.writer.compare.ts [EXCHANGES=3000]
import { performance } from 'node:perf_hooks';
import { WARCRecord, WARCSerializer } from 'warcio';
import { sha256Hex, type ArchiveEntry } from '@echotrace/core';
import { exchangeRecords, stableRecordId, WarcWriter } from '@echotrace/fetch';

const exchanges = Number(process.argv[2] ?? 3000);
// About 17 kB of HTML each, a typical article page.
const payloads = Array.from({ length: 50 }, (_, i) =>
  new TextEncoder().encode(`<html><body>${'Привет, мир. '.repeat(800)} ${i}</body></html>`),
);
const entries: ArchiveEntry[] = Array.from({ length: exchanges }, (_, i) => ({
  id: `e${i}`,
  requestUrl: `https://news.example/a/${i}`,
  finalUrl: `https://news.example/a/${i}`,
  status: 200,
  statusText: 'OK',
  headers: { 'content-type': 'text/html; charset=utf-8', server: 'x' },
  requestHeaders: { host: 'news.example', 'user-agent': 'EchotraceBot/0.1' },
  fetchedAt: '2024-11-26T09:15:00.000Z',
  sha256: sha256Hex(payloads[i % 50]!),
  byteLength: payloads[i % 50]!.byteLength,
}));

async function warcio(gzip: boolean): Promise<number> {
  const start = performance.now();
  for (const [i, entry] of entries.entries()) {
    const payload = payloads[i % 50]!;
    const response = WARCRecord.create(
      {
        url: entry.finalUrl,
        date: entry.fetchedAt,
        type: 'response',
        warcVersion: 'WARC/1.1',
        warcHeaders: { 'WARC-Record-ID': stableRecordId('response', entry.id) },
        statusline: 'HTTP/1.1 200 OK',
        httpHeaders: { ...entry.headers, 'content-length': String(payload.byteLength) },
      },
      [payload],
    );
    const request = WARCRecord.create(
      {
        url: entry.finalUrl,
        date: entry.fetchedAt,
        type: 'request',
        warcVersion: 'WARC/1.1',
        warcHeaders: { 'WARC-Concurrent-To': stableRecordId('response', entry.id) },
        statusline: `GET /a/${i} HTTP/1.1`,
        httpHeaders: entry.requestHeaders,
      },
      [],
    );
    for (const record of [request, response])
      await WARCSerializer.serialize(record, { gzip, digest: { algo: 'sha-256', prefix: 'sha256:' } });
  }
  return performance.now() - start;
}

function ours(gzip: boolean): number {
  const start = performance.now();
  let bytes = 0;
  const writer = new WarcWriter((chunk) => (bytes += chunk.byteLength), { gzip });
  for (const [i, entry] of entries.entries())
    for (const record of exchangeRecords(entry, payloads[i % 50]!)) writer.add(record);
  if (bytes === 0) throw new Error('nothing written');
  return performance.now() - start;
}

const times: Record<string, number[]> = {};
for (let round = 0; round < 5; round++) {
  for (const gzip of [false, true]) {
    (times[`ours, gzip ${gzip}`] ??= []).push(ours(gzip));
    (times[`warcio, gzip ${gzip}`] ??= []).push(await warcio(gzip));
  }
}
for (const [name, runs] of Object.entries(times)) {
  runs.sort((a, b) => a - b);
  console.log(`${name}: median ${runs[2]!.toFixed(0)} ms for ${exchanges} exchanges (5 runs)`);
}
