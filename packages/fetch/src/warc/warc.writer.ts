// WARC 1.1 (ISO 28500:2017) records for archived exchanges: `warcinfo` once, then per exchange a
// `request` and a `response` linked by WARC-Concurrent-To; captures without an HTTP exchange
// (ingested files) become `resource` records. Payloads were stored with Content-Encoding removed,
// so the HTTP headers written here drop Content-Encoding and Transfer-Encoding and state the stored
// length; the warcinfo record says so. Record ids are derived from the archive entry, so exporting
// the same entries twice produces the same records.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { ArchiveEntry, Capture } from '@echotrace/core';

const CRLF = '\r\n';
const encoder = new TextEncoder();

export interface WarcRecord {
  type: 'warcinfo' | 'request' | 'response' | 'resource';
  recordId: string;
  date: string;
  targetUri?: string;
  contentType: string;
  block: Uint8Array;
  /** Extra WARC headers in order, e.g. WARC-Concurrent-To, WARC-Payload-Digest. */
  headers?: Array<[string, string]>;
}

/** A `urn:uuid:` that is stable for the same input. */
export function stableRecordId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\n')).digest('hex');
  // Shaped as a version-5-style UUID (name-based) so tools that validate UUIDs accept it.
  return `<urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}>`;
}

export function sha256Label(data: Uint8Array): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** Serializes one record: header block, content block, and the two CRLFs that end a record. */
export function serializeWarcRecord(record: WarcRecord): Uint8Array {
  const lines = [
    'WARC/1.1',
    `WARC-Type: ${record.type}`,
    `WARC-Record-ID: ${record.recordId}`,
    `WARC-Date: ${warcDate(record.date)}`,
  ];
  if (record.targetUri) lines.push(`WARC-Target-URI: ${record.targetUri}`);
  for (const [name, value] of record.headers ?? []) lines.push(`${name}: ${oneLine(value)}`);
  lines.push(`WARC-Block-Digest: ${sha256Label(record.block)}`);
  lines.push(`Content-Type: ${record.contentType}`);
  lines.push(`Content-Length: ${record.block.byteLength}`);
  const head = encoder.encode(lines.join(CRLF) + CRLF + CRLF);
  const tail = encoder.encode(CRLF + CRLF);
  const out = new Uint8Array(head.byteLength + record.block.byteLength + tail.byteLength);
  out.set(head, 0);
  out.set(record.block, head.byteLength);
  out.set(tail, head.byteLength + record.block.byteLength);
  return out;
}

export function warcinfoRecord(date: string, fields: Record<string, string>): WarcRecord {
  const block = encoder.encode(
    Object.entries(fields)
      .map(([name, value]) => `${name}: ${oneLine(value)}${CRLF}`)
      .join(''),
  );
  return {
    type: 'warcinfo',
    recordId: stableRecordId('warcinfo', date, JSON.stringify(fields)),
    date,
    contentType: 'application/warc-fields',
    block,
  };
}

const DROPPED_RESPONSE_HEADERS = new Set(['content-encoding', 'transfer-encoding', 'content-length']);

/** The request and response records of one archived exchange. */
export function exchangeRecords(entry: ArchiveEntry, payload: Uint8Array): [WarcRecord, WarcRecord] {
  const responseId = stableRecordId('response', entry.id);
  const requestId = stableRecordId('request', entry.id);
  const target = new URL(entry.finalUrl);
  const requestHead =
    `GET ${target.pathname}${target.search} HTTP/1.1${CRLF}` +
    Object.entries(entry.requestHeaders)
      .map(([name, value]) => `${name}: ${oneLine(value)}${CRLF}`)
      .join('') +
    CRLF;
  const responseHeaders = Object.entries(entry.headers).filter(
    ([name]) => !DROPPED_RESPONSE_HEADERS.has(name),
  );
  responseHeaders.push(['content-length', String(payload.byteLength)]);
  const responseHead = encoder.encode(
    `HTTP/1.1 ${entry.status} ${oneLine(entry.statusText)}${CRLF}` +
      responseHeaders.map(([name, value]) => `${name}: ${oneLine(value)}${CRLF}`).join('') +
      CRLF,
  );
  const responseBlock = new Uint8Array(responseHead.byteLength + payload.byteLength);
  responseBlock.set(responseHead, 0);
  responseBlock.set(payload, responseHead.byteLength);
  const request: WarcRecord = {
    type: 'request',
    recordId: requestId,
    date: entry.fetchedAt,
    targetUri: entry.finalUrl,
    contentType: 'application/http;msgtype=request',
    block: encoder.encode(requestHead),
    headers: [['WARC-Concurrent-To', responseId]],
  };
  const response: WarcRecord = {
    type: 'response',
    recordId: responseId,
    date: entry.fetchedAt,
    targetUri: entry.finalUrl,
    contentType: 'application/http;msgtype=response',
    block: responseBlock,
    headers: [
      ['WARC-Payload-Digest', `sha256:${entry.sha256}`],
      ...(entry.requestUrl !== entry.finalUrl
        ? ([['WARC-Echotrace-Request-URI', entry.requestUrl]] as Array<[string, string]>)
        : []),
    ],
  };
  return [request, response];
}

/** A capture that did not come from HTTP (an ingested file) as a `resource` record. */
export function resourceRecord(capture: Capture, payload: Uint8Array): WarcRecord {
  const uri = /^[a-z][a-z0-9+.-]*:/i.test(capture.origin)
    ? capture.origin
    : `file://${encodeURI(capture.origin)}`;
  return {
    type: 'resource',
    recordId: stableRecordId('resource', capture.sha256, capture.origin),
    date: capture.capturedAt,
    targetUri: uri,
    contentType: capture.charset ? `${capture.mediaType}; charset=${capture.charset}` : capture.mediaType,
    block: payload,
    headers: [['WARC-Payload-Digest', `sha256:${capture.sha256}`]],
  };
}

/** Collects records into a WARC file body; with `gzip`, each record is its own gzip member (.warc.gz). */
export class WarcWriter {
  readonly #write: (chunk: Uint8Array) => void;
  readonly #gzip: boolean;
  records = 0;

  constructor(write: (chunk: Uint8Array) => void, options: { gzip?: boolean } = {}) {
    this.#write = write;
    this.#gzip = options.gzip ?? false;
  }

  add(record: WarcRecord): void {
    const bytes = serializeWarcRecord(record);
    this.#write(this.#gzip ? gzipSync(bytes) : bytes);
    this.records++;
  }
}

// WARC-Date is UTC with a Z; WARC 1.1 permits fractional seconds.
function warcDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString();
}

// Header values cannot span lines: a stray CR/LF would let a hostile server inject WARC headers.
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}
