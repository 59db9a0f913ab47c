// Grouping copies of the same text across outlets: sign what is new or changed, rebuild the index
// from stored signatures, rewrite group membership, and report the largest groups.
import type { Store } from '@echotrace/core';
import { runDedupe, type DedupeRunSummary, type DuplicateGroup } from '@echotrace/extract';

export interface DedupeRequest {
  /** How many of the largest groups to return. */
  largest: number;
  signal?: AbortSignal;
  /** Documents handled so far. */
  onProgress?: (done: number) => void;
}

export interface DedupeResult {
  summary: DedupeRunSummary;
  largest: DuplicateGroup[];
}

export async function groupCopies(store: Store, request: DedupeRequest): Promise<DedupeResult> {
  const { summary, index } = await runDedupe(
    { documents: store.documents, duplicates: store.duplicates },
    { signal: request.signal, onProgress: request.onProgress },
  );
  const largest = index
    .groups()
    .sort((a, b) => b.members.length - a.members.length)
    .slice(0, request.largest);
  return { summary, largest };
}
