// What a worker knows how to do: one handler per queue. Handlers must be idempotent (a job whose
// worker died after the work but before `complete` runs again), which ingest is by construction:
// captures are keyed by SHA-256 and documents by key and content hash.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ingest, InputError, slugify, type Clock, type Store } from '@echotrace/core';
import { sourceFor } from '@echotrace/extract';
import { expandPaths, readInputs } from '../ingest.files.ts';

export interface JobContext {
  store: Store;
  clock: Clock;
  maxFileBytes: number;
}

/** Throws InputError for bad payloads (dead-lettered at once), OperationalError for retryable faults. */
export type JobHandler = (payload: unknown, context: JobContext) => Promise<void>;

export const INGEST_FILE_QUEUE = 'ingest-file';

async function ingestFile(payload: unknown, context: JobContext): Promise<void> {
  const file = (payload as { path?: unknown } | null)?.path;
  if (typeof file !== 'string' || file.length === 0) {
    throw new InputError(`job payload ${JSON.stringify(payload)}`, 'expected {"path": "<file>"}');
  }
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new InputError(file, 'no such file');
  const sourceName = 'Local files';
  const summary = await ingest(
    context.store,
    readInputs(await expandPaths([path.resolve(file)]), {
      maxFileBytes: context.maxFileBytes,
      defaultSource: { ...sourceFor(sourceName, 'files'), id: slugify(sourceName) },
    }),
    { clock: context.clock },
  );
  if (summary.failed.length > 0) {
    const first = summary.failed[0]!;
    throw new InputError(first.origin, first.reason);
  }
}

export function defaultHandlers(): Map<string, JobHandler> {
  return new Map<string, JobHandler>([[INGEST_FILE_QUEUE, ingestFile]]);
}
