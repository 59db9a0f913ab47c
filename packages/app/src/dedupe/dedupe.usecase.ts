// Grouping copies of the same text across outlets: sign what is new or changed, rebuild the index
// from stored signatures, rewrite group membership, and report the largest groups.
import type { Store } from '@echotrace/core';
import { runDedupe, type DedupeRunSummary, type DuplicateGroup } from '@echotrace/extract';

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

export async function groupCopies(store: Store, request: DedupeRequest): Promise<DedupeResult> {
  const { summary, index } = await runDedupe(
    { documents: store.documents, duplicates: store.duplicates },
    { signal: request.signal, onProgress: request.onProgress },
  );
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
