// Grouping copies of the same text across outlets: sign what is new or changed, rebuild the index
// from stored signatures, rewrite group membership, and report the largest groups.
import type { Store } from '@echotrace/core';
import {
  DEFAULT_DEDUPE_CONFIG,
  runDedupe,
  signatureScheme,
  type DedupeRunSummary,
  type DuplicateGroup,
  type DuplicateIndex,
} from '@echotrace/extract';
import { crashPoint } from '../crash.points.ts';

export interface DedupeRequest {
  /** How many of the largest groups to return (Infinity: all). */
  largest: number;
  signal?: AbortSignal;
  /** Documents handled so far. */
  onProgress?: (done: number) => void;
}

/** One document of a group, as an analyst reads the list: what, where, when. */
export interface CopyListing {
  documentId: string;
  title: string | null;
  sourceId: string;
  sourceName: string | null;
  publishedAt: string | null;
  ingestedAt: string;
  canonicalUrl: string | null;
}

export interface ListedGroup extends DuplicateGroup {
  /** The members, earliest first (the first is the original), with titles, sources and dates. */
  documents: CopyListing[];
}

export interface DedupeResult {
  summary: DedupeRunSummary;
  /** The largest groups first (ties: earliest first). */
  largest: ListedGroup[];
}

/**
 * Whether some stored document has no signature of the current scheme: grouping has not seen it
 * (ingested with --no-dedupe, or a run killed before or during grouping).
 */
export async function groupingPending(store: Store): Promise<boolean> {
  const scheme = signatureScheme(DEFAULT_DEDUPE_CONFIG);
  return (await store.duplicates.unsignedDocumentIds(scheme, { limit: 1 })).length > 0;
}

/**
 * Signs what is new and rewrites group membership as one unit of work: a kill part-way leaves no
 * signature written, so the documents stay unsigned, `groupingPending` says so, and the next run
 * groups them. (Signatures written one by one outside it made a killed run look finished.)
 */
export async function updateCopyGroups(
  store: Store,
  options: { signal?: AbortSignal; onProgress?: (done: number) => void } = {},
): Promise<{ summary: DedupeRunSummary; index: DuplicateIndex }> {
  return store.transaction(() =>
    runDedupe(
      { documents: store.documents, duplicates: store.duplicates },
      {
        signal: options.signal,
        onProgress: (done) => {
          crashPoint('grouping', done);
          options.onProgress?.(done);
        },
      },
    ),
  );
}

export async function groupCopies(store: Store, request: DedupeRequest): Promise<DedupeResult> {
  const { summary, index } = await updateCopyGroups(store, {
    signal: request.signal,
    onProgress: request.onProgress,
  });
  const groups = index
    .groups()
    .sort((a, b) => b.members.length - a.members.length)
    .slice(0, request.largest);
  const sourceNames = new Map((await store.sources.list()).map((source) => [source.id, source.name]));
  const largest: ListedGroup[] = [];
  for (const group of groups) {
    const documents: CopyListing[] = [];
    for (const documentId of group.members) {
      const document = await store.documents.get(documentId);
      if (!document) continue;
      documents.push({
        documentId,
        title: document.title,
        sourceId: document.sourceId,
        sourceName: sourceNames.get(document.sourceId) ?? null,
        publishedAt: document.publishedAt,
        ingestedAt: document.ingestedAt,
        canonicalUrl: document.canonicalUrl,
      });
    }
    largest.push({ ...group, documents });
  }
  return { summary, largest };
}
