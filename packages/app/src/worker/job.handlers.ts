// What a worker knows how to do: one handler per queue, one queue per per-item pipeline step.
//   ingest-file      {path, sourceName?, published?, language?}
//                                       read a file, store its documents (enriched), forwards, copies
//   fetch-url        {url, sourceId?}    fetch, archive, extract and store one page (enriched)
//   enrich-document  {documentId}        re-run the enrichers on a stored document
// Handlers must be idempotent (a job whose worker died after the work but before `complete` runs
// again): captures are keyed by SHA-256, documents by key and content hash, and an enricher's
// annotations replace its earlier ones.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import {
  ingestUrl,
  InputError,
  NotFoundError,
  OperationalError,
  type Clock,
  toRunner,
  type Enrichment,
  type Source,
  type Store,
  type WatchDependencies,
} from '@echotrace/core';
import { sourceFor, type HtmlLimits } from '@echotrace/extract';
import { ingestFiles } from '../ingest/ingest.usecase.ts';

export interface JobContext {
  store: Store;
  clock: Clock;
  maxFileBytes: number;
  /** Bounds an HTML page must keep to be extracted (ECHOTRACE_HTML_MAX_*). */
  htmlLimits?: HtmlLimits;
  /** The enrichment `ingest` runs, built once per worker. */
  enrichers: Enrichment;
  /** Fetching, archiving and extraction, for fetch-url jobs. */
  acquisition: () => WatchDependencies;
}

/** Throws InputError for bad payloads (dead-lettered at once), OperationalError for retryable faults. */
export type JobHandler = (payload: unknown, context: JobContext) => Promise<void>;

export const INGEST_FILE_QUEUE = 'ingest-file';
export const FETCH_URL_QUEUE = 'fetch-url';
export const ENRICH_DOCUMENT_QUEUE = 'enrich-document';

function field(payload: unknown, name: string, example: string): string {
  const value = (payload as Record<string, unknown> | null)?.[name];
  if (typeof value !== 'string' || value.length === 0) {
    throw new InputError(`job payload ${JSON.stringify(payload)}`, `expected ${example}`);
  }
  return value;
}

/** `{[name]: value}` when the payload holds a string there, `{}` when it holds nothing. */
function optionalText<K extends string>(payload: unknown, name: K): Partial<Record<K, string>> {
  const value = (payload as Record<string, unknown> | null)?.[name];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'string') {
    throw new InputError(`job payload ${JSON.stringify(payload)}`, `${name} must be text`);
  }
  return { [name]: value } as Partial<Record<K, string>>;
}

async function ingestFile(payload: unknown, context: JobContext): Promise<void> {
  const file = field(payload, 'path', '{"path": "<file>"}');
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new InputError(file, 'no such file');
  // Exactly what `echotrace ingest FILE` does, forward edges and copy grouping included, with the
  // defaults the job was queued with (`jobs add ingest-file … --source/--published/--language`).
  const { summary } = await ingestFiles(
    { store: context.store, clock: context.clock, enrichers: context.enrichers },
    {
      paths: [path.resolve(file)],
      maxFileBytes: context.maxFileBytes,
      htmlLimits: context.htmlLimits,
      ...optionalText(payload, 'sourceName'),
      ...optionalText(payload, 'published'),
      ...optionalText(payload, 'language'),
    },
  );
  if (summary.failed.length > 0) {
    const first = summary.failed[0]!;
    throw new InputError(first.origin, first.reason);
  }
}

async function fetchUrl(payload: unknown, context: JobContext): Promise<void> {
  const url = field(payload, 'url', '{"url": "https://…", "sourceId": "<optional>"}');
  const sourceId = (payload as { sourceId?: unknown }).sourceId;
  let source: Source | null = null;
  if (typeof sourceId === 'string') {
    source = await context.store.sources.get(sourceId);
    if (!source)
      throw new InputError(`job for ${url}`, `source ${JSON.stringify(sourceId)} is not registered`);
  } else {
    let host: string;
    try {
      host = new URL(url).hostname;
    } catch {
      throw new InputError(url, 'not a URL');
    }
    source = { ...sourceFor(host, 'website'), homepage: `https://${host}/` };
  }
  const { errors } = await ingestUrl(context.acquisition(), source, url);
  const first = errors[0];
  if (!first) return;
  // Server errors and rate limits may pass; a 4xx or an unextractable page will not.
  if (/^HTTP (5\d\d|429)$/.test(first.error)) throw new OperationalError(`${first.url}: ${first.error}`);
  throw new InputError(first.url, first.error);
}

async function enrichDocument(payload: unknown, context: JobContext): Promise<void> {
  const id = field(payload, 'documentId', '{"documentId": "<id>"}');
  const document = await context.store.documents.get(id);
  if (!document) throw new NotFoundError('document', id);
  await toRunner(context.enrichers).rerun(context.store, [document]);
}

export function defaultHandlers(): Map<string, JobHandler> {
  return new Map<string, JobHandler>([
    [INGEST_FILE_QUEUE, ingestFile],
    [FETCH_URL_QUEUE, fetchUrl],
    [ENRICH_DOCUMENT_QUEUE, enrichDocument],
  ]);
}
