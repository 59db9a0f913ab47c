// Re-screening stored documents against the imported lists, e.g. after importing a newer list.
// Ingest screens new documents itself; this catches up the old ones, page by page, resumably.
import { sha256Hex, type Store } from '@echotrace/core';
import { SCREENING_PRODUCER } from '@echotrace/sanctions';
import { crashPoint } from '../crash.points.ts';
import { createEnrichment } from '../enrichment/enrichment.factory.ts';

// Completed pages are recorded as jobs of this queue (idempotency key = lists' version + page
// start), in the same transaction as the page's annotations: a re-run after an interruption skips
// exactly the pages already written. No worker consumes the queue; its jobs are marked done at once.
const LEDGER_QUEUE = 'sanctions-screen';
const PAGE = 200;

/** Identifies the current content of all lists: a new import changes it, so everything is due again. */
export async function sanctionsListsVersion(
  store: Store,
): Promise<{ version: string; lists: string[] } | null> {
  const lists = await store.sanctions.lists();
  if (lists.length === 0) return null;
  const version = sha256Hex(JSON.stringify(lists.map((l) => [l.list, l.lastImportAt, l.entries]))).slice(
    0,
    16,
  );
  return { version, lists: lists.map((l) => l.list) };
}

export interface ScreenStoredRequest {
  /** Screen every page, even pages done before against the same lists. */
  readonly all?: boolean;
  readonly sourceId?: string;
  readonly threads?: number;
  /** Characters of each text the enrichers read (ECHOTRACE_ENRICH_MAX_CHARS). */
  readonly maxChars?: number;
  readonly signal?: AbortSignal;
  /** Called after every page (for progress). */
  readonly onPage?: (counts: ScreenStoredCounts, total: number | null) => void;
}

export interface ScreenStoredCounts {
  documents: number;
  screened: number;
  skipped: number;
  entities: number;
  sanctioned: number;
}

export interface ScreenStoredOutcome extends ScreenStoredCounts {
  readonly lists: string[];
  readonly interrupted: boolean;
}

/** Replaces stored documents' sanction annotations with fresh screening; null while no list is imported. */
export async function screenStoredDocuments(
  store: Store,
  request: ScreenStoredRequest = {},
): Promise<ScreenStoredOutcome | null> {
  const lists = await sanctionsListsVersion(store);
  if (!lists) return null;
  const { sourceId, all = false, signal } = request;
  const total = sourceId === undefined ? await store.documents.count() : null;
  const counts: ScreenStoredCounts = { documents: 0, screened: 0, skipped: 0, entities: 0, sanctioned: 0 };
  // The one runner: screening re-run alone reads the stored entity annotations.
  const enrichment = await createEnrichment(store, {
    threads: request.threads ?? 1,
    maxChars: request.maxChars,
  });
  const compared = new Set<string>();
  let afterId: string | undefined;
  try {
    while (!signal?.aborted) {
      const page = await store.documents.list({
        limit: PAGE,
        ...(afterId !== undefined && { afterId }),
        ...(sourceId !== undefined && { sourceId }),
      });
      if (page.length === 0) break;
      const key = `${lists.version}:${sourceId ?? '*'}:${afterId ?? ''}`;
      // Computed before the transaction (no lock held while screening); a page the ledger skips
      // is computed in vain, which only a resumed run pays.
      const recomputed = await enrichment.recompute(store, page, { only: [SCREENING_PRODUCER] });
      const written = await store.transaction(async () => {
        const fresh = await store.jobs.enqueue(LEDGER_QUEUE, key, { afterId: afterId ?? null, sourceId });
        if (!fresh && !all) return null;
        await enrichment.write(store, recomputed);
        const sanctioned = recomputed.outputs.reduce((n, o) => n + (o[SCREENING_PRODUCER]?.length ?? 0), 0);
        for (const job of await store.jobs.claim(LEDGER_QUEUE, 'sanctions-screen', 60_000, 100))
          await store.jobs.complete(job.id);
        return sanctioned;
      });
      counts.documents += page.length;
      if (written === null) counts.skipped += page.length;
      else {
        counts.screened += page.length;
        counts.sanctioned += written;
      }
      for (const task of recomputed.tasks)
        for (const a of task.stored)
          if (typeof a.attributes.entityId === 'string') compared.add(a.attributes.entityId);
      counts.entities = compared.size;
      afterId = page.at(-1)!.id;
      crashPoint('screening-page', counts.documents);
      request.onPage?.(counts, total);
    }
  } finally {
    await enrichment.close();
  }
  return { ...counts, lists: lists.lists, interrupted: signal?.aborted === true };
}
