// The job queues seen from outside a worker: their counts and latest failures, and adding work.
// Each job is added once per queue and key (path, URL, or document id and time), so adding the same
// work twice queues it once.
import { UsageError, type QueueStats, type Store } from '@echotrace/core';
import { expandInputs } from '../ingest/ingest.files.ts';
import { checkIngestRequest, type IngestFilesRequest } from '../ingest/ingest.usecase.ts';
import { FETCH_URL_QUEUE, INGEST_FILE_QUEUE } from '../worker/job.handlers.ts';

export interface JobFailure {
  id: string;
  queue: string;
  key: string;
  attempts: number;
  lastError: string | null;
}

export async function jobsOverview(
  store: Store,
  failures: number,
): Promise<{ queues: QueueStats[]; failures: JobFailure[] }> {
  const queues = await store.jobs.stats();
  const failed = (await store.jobs.failures(failures)).map((j) => ({
    id: j.id,
    queue: j.queue,
    key: j.key,
    attempts: j.attempts,
    lastError: j.lastError,
  }));
  return { queues, failures: failed };
}

export interface EnqueueRequest {
  /** ingest-file: paths or globs; fetch-url: URLs; enrich-document: document ids. */
  items: string[];
  /** fetch-url: the registered source the pages belong to. */
  sourceId?: string;
  /**
   * ingest-file: what `echotrace ingest` takes beside its paths (source name, published date,
   * language for files that carry none; globs left out; paperwork kept), so a worker ingests a
   * folder exactly as the command would.
   */
  ingest?: Pick<IngestFilesRequest, 'sourceName' | 'published' | 'language' | 'exclude' | 'includePaperwork'>;
  /** enrich-document: every stored document. */
  all?: boolean;
  now: Date;
  /** ingest-file: told about each argument that names no file. */
  onSkipped?: (item: string, reason: string) => void;
}

/**
 * Adds the jobs; a queue no handler serves is refused by the caller (checkHandlers). Throws
 * UsageError for a source that is not registered or an item that is not a URL: the request is wrong.
 */
export async function enqueueJobs(
  store: Store,
  queue: string,
  request: EnqueueRequest,
): Promise<{ added: number; existing: number }> {
  let added = 0;
  let existing = 0;
  const enqueue = async (key: string, payload: unknown): Promise<void> => {
    if (await store.jobs.enqueue(queue, key, payload)) added++;
    else existing++;
  };
  if (queue === INGEST_FILE_QUEUE) {
    const options = request.ingest ?? {};
    // Refused before anything is queued, with the option named, as `ingest` refuses it.
    checkIngestRequest(options);
    const { entries, skipped } = await expandInputs(request.items, {
      exclude: options.exclude ?? [],
      includePaperwork: options.includePaperwork === true,
    });
    for (const file of skipped)
      request.onSkipped?.(file, "left out (--exclude, or a folder's README/LICENSE)");
    const defaults = {
      ...(options.sourceName !== undefined && { sourceName: options.sourceName }),
      ...(options.published !== undefined && { published: options.published }),
      ...(options.language !== undefined && { language: options.language }),
    };
    for (const entry of entries) {
      if (!('path' in entry)) {
        request.onSkipped?.(entry.missing, entry.reason);
        continue;
      }
      await enqueue(entry.path, { path: entry.path, ...defaults });
    }
  } else if (queue === FETCH_URL_QUEUE) {
    const { sourceId } = request;
    if (sourceId && !(await store.sources.get(sourceId)))
      throw new UsageError(`source ${sourceId} is not registered`);
    for (const url of request.items) {
      if (!URL.canParse(url)) throw new UsageError(`${JSON.stringify(url)} is not a URL`);
      await enqueue(url, sourceId ? { url, sourceId } : { url });
    }
  } else {
    // enrich-document (checkHandlers has refused every other queue).
    // Re-enrichment is keyed by time too, so a later request (after a KB change) queues anew.
    const stamp = request.now.toISOString();
    const ids: string[] = [...request.items];
    if (request.all) {
      for (let afterId: string | undefined; ;) {
        const page = await store.documents.list({ limit: 1000, ...(afterId ? { afterId } : {}) });
        ids.push(...page.map((d) => d.id));
        if (page.length < 1000) break;
        afterId = page.at(-1)!.id;
      }
    }
    for (const id of ids) await enqueue(`${id}@${stamp}`, { documentId: id });
  }
  return { added, existing };
}
