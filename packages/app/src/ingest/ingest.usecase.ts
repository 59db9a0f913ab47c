// Ingesting files, the whole of it: expand paths, read and parse files, store documents (enriched),
// then record Telegram forward edges and group copies. The CLI's `ingest` and the worker's
// `ingest-file` job both call this, so the same input leaves the same store contents.
import {
  ingest,
  slugify,
  type Clock,
  type Enrichment,
  type ForwardEdge,
  type IngestInput,
  type IngestSummary,
  type Store,
} from '@echotrace/core';
import { forwardEdgesOf, runDedupe, sourceFor } from '@echotrace/extract';
import { expandPaths, readInputs, type FileEntry } from './ingest.files.ts';

export const DEFAULT_FILES_SOURCE = 'Local files';

export interface IngestFilesDependencies {
  store: Store;
  clock: Clock;
  /** Run on every new or changed document, in the same unit of work. */
  enrichers: Enrichment;
}

export interface IngestFilesRequest {
  /** Files, folders (walked) or globs. */
  paths: string[];
  /** Source for files that do not name one (default `Local files`). */
  sourceName?: string;
  maxFileBytes: number;
  /** Group copies after the run when something was added or changed (default true). */
  dedupe?: boolean;
  signal?: AbortSignal;
  /** Called once the paths are expanded, with how many files will be read. */
  onFiles?: (files: number) => void;
  onFileDone?: () => void;
  onProgress?: (summary: IngestSummary) => void;
}

export interface CopyGrouping {
  groups: number;
  groupedDocuments: number;
}

export interface IngestFilesResult {
  summary: IngestSummary;
  /** Stopped by the signal; committed batches are kept. */
  interrupted: boolean;
  /** Forward edges seen in the input (recorded for the documents that exist). */
  forwards: number;
  /** Null when grouping did not run (interrupted, disabled, or nothing new). */
  copies: CopyGrouping | null;
}

export async function ingestFiles(
  deps: IngestFilesDependencies,
  request: IngestFilesRequest,
): Promise<IngestFilesResult> {
  const entries: FileEntry[] = await expandPaths(request.paths);
  request.onFiles?.(entries.length);
  const sourceName = request.sourceName ?? DEFAULT_FILES_SOURCE;
  const { store } = deps;
  // Telegram forwards are remembered as items stream past and recorded once their documents exist.
  const forwards: ForwardEdge[] = [];
  async function* noteForwards(inputs: AsyncIterable<IngestInput>): AsyncGenerator<IngestInput> {
    for await (const input of inputs) {
      if (!('failed' in input)) forwards.push(...forwardEdgesOf([input]));
      yield input;
    }
  }
  const summary = await ingest(
    store,
    noteForwards(
      readInputs(entries, {
        maxFileBytes: request.maxFileBytes,
        defaultSource: { ...sourceFor(sourceName, 'files'), id: slugify(sourceName) },
        onFileDone: request.onFileDone,
      }),
    ),
    {
      clock: deps.clock,
      enrichers: deps.enrichers,
      onProgress: ({ summary: current }) => request.onProgress?.(current),
      shouldStop: () => request.signal?.aborted === true,
    },
  );
  const interrupted = request.signal?.aborted === true;
  for (const edge of forwards) {
    if (await store.documents.get(edge.documentId)) await store.duplicates.recordForward(edge);
  }
  // Group copies across outlets as soon as there is something new: signatures of earlier
  // documents are read back, only new and changed documents are signed.
  let copies: CopyGrouping | null = null;
  if (!interrupted && request.dedupe !== false && summary.added + summary.updated > 0) {
    const { summary: dedupe } = await runDedupe(
      { documents: store.documents, duplicates: store.duplicates },
      { signal: request.signal },
    );
    copies = { groups: dedupe.groups, groupedDocuments: dedupe.groupedDocuments };
  }
  return { summary, interrupted, forwards: forwards.length, copies };
}
