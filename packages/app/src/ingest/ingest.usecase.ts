// Ingesting files, the whole of it: expand paths, read and parse files, store documents (enriched),
// then record Telegram forward edges and group copies. The CLI's `ingest` and the worker's
// `ingest-file` job both call this, so the same input leaves the same store contents.
import {
  ingest,
  InputError,
  parsePublished,
  slugify,
  UsageError,
  type Timestamp,
  type Clock,
  type Enrichment,
  type ForwardEdge,
  type IngestInput,
  type IngestSummary,
  type Store,
} from '@echotrace/core';
import { forwardEdgesOf, sourceFor, type HtmlLimits } from '@echotrace/extract';
import { crashPoint } from '../crash.points.ts';
import { groupingPending, updateCopyGroups } from '../dedupe/dedupe.usecase.ts';
import { expandInputs, readInputs } from './ingest.files.ts';

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
  /** Publication date or time for files that carry none (`2024-03-01`, ISO 8601, RFC 2822). */
  published?: string;
  /** Language (ISO 639-1, e.g. `ru`) for files that state none, instead of identifying it. */
  language?: string;
  /** Globs of files or folders to leave out (matched against the path and the file name). */
  exclude?: string[];
  /** Read README, LICENSE, CHANGELOG… files found in folders too (default: left out). */
  includePaperwork?: boolean;
  maxFileBytes: number;
  /** Bounds an HTML page must keep to be extracted (ECHOTRACE_HTML_MAX_*); past them its bytes are archived only. */
  htmlLimits?: HtmlLimits;
  /** Group copies after the run when something was added or changed (default true). */
  dedupe?: boolean;
  signal?: AbortSignal;
  /** Called once the paths are expanded, with how many files will be read. */
  onFiles?: (files: number) => void;
  onFileDone?: () => void;
  onProgress?: (summary: IngestSummary) => void;
  /**
   * Called once every document is stored and enriched, before forward edges and copy grouping, which
   * enrich nothing: a caller that made its enrichment for this run alone stops its threads here, so
   * their models and indexes are freed before grouping needs memory and the cores.
   */
  onEnriched?: () => Promise<void> | void;
}

export interface CopyGrouping {
  groups: number;
  groupedDocuments: number;
}

export interface IngestFilesResult {
  summary: IngestSummary;
  /** Files left out by `exclude` or as a folder's README/LICENSE-style paperwork. */
  skipped: string[];
  /** Stopped by the signal; committed batches are kept. */
  interrupted: boolean;
  /** Forward edges seen in the input (recorded for the documents that exist). */
  forwards: number;
  /** Null when grouping did not run (interrupted, disabled, or nothing new). */
  copies: CopyGrouping | null;
}

export interface IngestDefaults {
  published: Timestamp | null;
  language: string | null;
}

const usage = (option: string, problem: string): UsageError =>
  new UsageError(`--${option} ${problem}`, { input: `--${option}`, problem });

/** Checks the request's defaults and globs; a bad one is a UsageError naming its option. */
export function checkIngestRequest(
  request: Pick<IngestFilesRequest, 'published' | 'language' | 'sourceName' | 'exclude'>,
): IngestDefaults {
  let published: Timestamp | null = null;
  if (request.published !== undefined) {
    try {
      published = parsePublished(request.published, '--published');
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      throw usage(
        'published',
        `must be a date or time (2024-03-01, 2024-03-01T09:30:00+03:00), not ${JSON.stringify(request.published)}`,
      );
    }
  }
  let language: string | null = null;
  if (request.language !== undefined) {
    if (!/^[a-z]{2,3}$/i.test(request.language.trim()))
      throw usage(
        'language',
        `must be a two- or three-letter language code (ru, en, uk), not ${JSON.stringify(request.language)}`,
      );
    language = request.language.trim().toLowerCase();
  }
  if (request.sourceName !== undefined && request.sourceName.trim() === '')
    throw usage('source', 'must name a source, not be empty');
  for (const glob of request.exclude ?? [])
    if (glob.trim() === '') throw usage('exclude', 'must be a glob such as "**/drafts/**", not empty');
  return { published, language };
}

export async function ingestFiles(
  deps: IngestFilesDependencies,
  request: IngestFilesRequest,
): Promise<IngestFilesResult> {
  const defaults = checkIngestRequest(request);
  const { entries, skipped } = await expandInputs(request.paths, {
    exclude: request.exclude ?? [],
    includePaperwork: request.includePaperwork === true,
  });
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
        defaultPublished: defaults.published,
        defaultLanguage: defaults.language,
        onFileDone: request.onFileDone,
        htmlLimits: request.htmlLimits,
      }),
    ),
    {
      clock: deps.clock,
      enrichers: deps.enrichers,
      onProgress: ({ summary: current }) => {
        crashPoint('ingest-batch', current.added + current.updated + current.unchanged);
        request.onProgress?.(current);
      },
      shouldStop: () => request.signal?.aborted === true,
    },
  );
  const interrupted = request.signal?.aborted === true;
  await request.onEnriched?.();
  for (const edge of forwards) {
    if (await store.documents.get(edge.documentId)) await store.duplicates.recordForward(edge);
  }
  crashPoint('before-grouping', 0);
  // Group copies across outlets as soon as there is something new, or something an earlier run left
  // ungrouped (killed before or during grouping): signatures of earlier documents are read back,
  // only new and changed documents are signed.
  let copies: CopyGrouping | null = null;
  if (
    !interrupted &&
    request.dedupe !== false &&
    (summary.added + summary.updated > 0 || (await groupingPending(store)))
  ) {
    const { summary: dedupe } = await updateCopyGroups(store, { signal: request.signal });
    copies = { groups: dedupe.groups, groupedDocuments: dedupe.groupedDocuments };
  }
  return { summary, skipped, interrupted, forwards: forwards.length, copies };
}
