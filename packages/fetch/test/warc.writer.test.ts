import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sha256Hex, type ArchiveEntry, type Capture } from '@echotrace/core';
import { exchangeRecords, resourceRecord, WarcWriter, warcinfoRecord } from '@echotrace/fetch';
import { WARCParser } from 'warcio';

const payload = new TextEncoder().encode('<html><body>Привет, мир</body></html>');
const entry: ArchiveEntry = {
  id: 'e1',
  requestUrl: 'http://news.example/a',
  finalUrl: 'https://news.example/a?x=1',
  status: 200,
  statusText: 'OK',
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'content-encoding': 'gzip',
    'x-evil': 'a\r\nWARC-Type: forged',
  },
  requestHeaders: { host: 'news.example', 'user-agent': 'EchotraceBot/0.1' },
  fetchedAt: '2024-11-26T09:15:00.000Z',
  sha256: sha256Hex(payload),
  byteLength: payload.byteLength,
};
const file: Capture = {
  sha256: sha256Hex('text'),
  byteLength: 4,
  mediaType: 'text/plain',
  charset: 'utf-8',
  capturedAt: '2024-11-27T00:00:00Z',
  origin: '/data/in/файл.txt',
};

async function readBack(bytes: Uint8Array) {
  const records = [];
  for await (const record of new WARCParser([bytes])) {
    const content = await record.readFully(false);
    records.push({
      type: record.warcType,
      id: record.warcHeader('WARC-Record-ID'),
      uri: record.warcTargetURI,
      date: record.warcDate,
      concurrentTo: record.warcHeader('WARC-Concurrent-To'),
      payloadDigest: record.warcPayloadDigest,
      status: record.httpHeaders?.statusCode,
      statusline: record.httpHeaders?.statusline,
      httpHeader: (name: string) => record.httpHeaders?.headers.get(name) ?? null,
      content,
    });
  }
  return records;
}

function build(gzip: boolean): Uint8Array {
  const chunks: Uint8Array[] = [];
  const writer = new WarcWriter((chunk) => chunks.push(chunk), { gzip });
  writer.add(
    warcinfoRecord('2024-11-28T00:00:00Z', { software: 'Echotrace 0.1.0', format: 'WARC File Format 1.1' }),
  );
  for (const record of exchangeRecords(entry, payload)) writer.add(record);
  writer.add(resourceRecord(file, new TextEncoder().encode('text')));
  assert.equal(writer.records, 4);
  return Buffer.concat(chunks);
}

describe('WARC writer', () => {
  for (const gzip of [false, true]) {
    it(`writes WARC 1.1 records that warcio reads back (${gzip ? 'gzip per record' : 'plain'})`, async () => {
      const bytes = build(gzip);
      if (!gzip) assert.match(new TextDecoder().decode(bytes.subarray(0, 9)), /^WARC\/1\.1/);
      const records = await readBack(bytes);
      assert.deepEqual(
        records.map((r) => r.type),
        ['warcinfo', 'request', 'response', 'resource'],
      );
      const [, request, response, resource] = records;
      assert.equal(response!.uri, 'https://news.example/a?x=1');
      assert.equal(response!.date, '2024-11-26T09:15:00.000Z');
      assert.equal(response!.status, 200);
      assert.equal(response!.payloadDigest, `sha256:${entry.sha256}`);
      assert.equal(request!.concurrentTo, response!.id);
      assert.match(response!.id!, /^<urn:uuid:[0-9a-f-]{36}>$/);
      // Payload intact; headers describe the stored (decoded) payload, one line each.
      assert.deepEqual(Buffer.from(response!.content), Buffer.from(payload));
      assert.equal(response!.httpHeader('content-encoding'), null);
      assert.equal(response!.httpHeader('content-length'), String(payload.byteLength));
      assert.equal(response!.httpHeader('x-evil'), 'a WARC-Type: forged');
      assert.equal(request!.statusline, 'GET /a?x=1 HTTP/1.1');
      assert.equal(request!.httpHeader('user-agent'), 'EchotraceBot/0.1');
      assert.equal(request!.content.byteLength, 0);
      assert.equal(resource!.uri, 'file:///data/in/%D1%84%D0%B0%D0%B9%D0%BB.txt');
      assert.equal(new TextDecoder().decode(resource!.content), 'text');
    });
  }

  it('derives stable record ids, so re-exports are identical', () => {
    assert.deepEqual(build(false), build(false));
  });
});
