// `sanctions screen`: re-screens the entities of stored documents against the imported lists, e.g.
// after importing a newer list. Ingest screens new documents itself; this catches up the old ones.
import { sha256Hex, UsageError, type Store } from '@echotrace/core';
import { SCREENING_PRODUCER } from '@echotrace/sanctions';
import { createEnrichment } from '@echotrace/app';
import { writeJson, type Command } from '../command.ts';
import { ProgressReporter } from '../progress.ts';

// Completed pages are recorded as jobs of this queue (idempotency key = lists' version + page
// start), in the same transaction as the page's annotations: a re-run after an interruption skips
// exactly the pages already written. No worker consumes the queue; its jobs are marked done at once.
const LEDGER_QUEUE = 'sanctions-screen';
const PAGE = 200;

/** Identifies the current content of all lists: a new import changes it, so everything is due again. */
async function listsVersion(store: Store): Promise<{ version: string; lists: string[] } | null> {
  const lists = await store.sanctions.lists();
  if (lists.length === 0) return null;
  const version = sha256Hex(JSON.stringify(lists.map((l) => [l.list, l.lastImportAt, l.entries]))).slice(
    0,
    16,
  );
  return { version, lists: lists.map((l) => l.list) };
}

export const sanctionsScreenCommand: Command = {
  name: 'sanctions screen',
  summary: 'Screen the entities of stored documents against the imported sanctions lists',
  usage: 'sanctions screen [--all] [--source ID] [--json]',
  help: `
Replaces every document's "sanction" annotations (producer ${SCREENING_PRODUCER}) with the outcome of
screening its resolved entities against the current lists (threshold and explanation: see
docs/sanctions.md). Run it after importing a new list; ingest screens new documents by itself.
Resumable: pages already screened against the same lists are skipped on a re-run, so an interrupted
run continues where it stopped; --all screens every document again.
--json prints {documents, screened, skipped, entities, sanctioned}.`,
  options: [
    { name: 'all', type: 'boolean', description: 'Screen every document, even pages done before' },
    { name: 'source', type: 'string', value: 'ID', description: 'Only documents of this source' },
    {
      name: 'json',
      type: 'boolean',
      description: 'Print {documents, screened, skipped, entities, sanctioned}',
    },
  ],
  async run(context) {
    if (context.positionals.length > 0) throw new UsageError('sanctions screen takes no arguments');
    const store = await context.openStore();
    const lists = await listsVersion(store);
    if (!lists) {
      context.stderr.write('no sanctions list imported yet: run echotrace sanctions import FILE...\n');
      return 1;
    }
    const sourceId = context.options.source ? String(context.options.source) : undefined;
    const all = context.options.all === true;
    const total = sourceId === undefined ? await store.documents.count() : null;
    const progress = new ProgressReporter(context.stderr);
    const counts = { documents: 0, screened: 0, skipped: 0, entities: 0, sanctioned: 0 };
    // The one runner: screening re-run alone reads the stored entity annotations.
    const enrichment = await createEnrichment(store, { threads: context.config.enrichThreads });
    const compared = new Set<string>();
    let afterId: string | undefined;
    while (!context.signal.aborted) {
      const page = await store.documents.list({
        limit: PAGE,
        ...(afterId !== undefined && { afterId }),
        ...(sourceId !== undefined && { sourceId }),
      });
      if (page.length === 0) break;
      const key = `${lists.version}:${sourceId ?? '*'}:${afterId ?? ''}`;
      // Computed before the transaction (no lock held while screening); a page the ledger skips
      // is computed in vain, which only a resumed run pays.
      const recomputed = await enrichment
        .recompute(store, page, { only: [SCREENING_PRODUCER] })
        .catch(async (error: unknown) => {
          await enrichment.close();
          throw error;
        });
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
      progress.update({
        done: counts.documents,
        total,
        unit: 'documents',
        detail: `screened ${counts.screened} · skipped ${counts.skipped} · ${counts.sanctioned} sanctioned mentions`,
      });
    }
    progress.finish();
    await enrichment.close();
    const interrupted = context.signal.aborted;
    if (context.options.json) writeJson(context.stdout, { ...counts, lists: lists.lists, interrupted });
    else {
      context.stdout.write(
        `screened ${counts.screened} documents (${counts.skipped} already screened against these lists), ` +
          `${counts.entities} entities compared, ${counts.sanctioned} sanctioned mentions\n`,
      );
      if (interrupted) context.stdout.write('interrupted: run the same command again to continue\n');
    }
    return interrupted ? 1 : 0;
  },
};
