// The one way enrichers run: ingest (new and changed documents), watch, the worker's enrich-document,
// `entities relink` and `sanctions screen`. The runner plans (which producers, what they read from the
// store), the executor computes (here or in threads), and writing is one short transaction per batch.
import type { Annotation, Document } from '../model.ts';
import { clipForEnrichment, DEFAULT_ENRICH_MAX_CHARS } from './enrichment.clip.ts';
import type { Store } from '../ports.ts';
import type {
  Enricher,
  EnrichmentExecutor,
  EnrichmentOutput,
  EnrichmentTask,
  EnrichOptions,
} from './enrichment.model.ts';
import type { EnrichmentPlan } from './enrichment.pipeline.ts';
import { EnrichmentPipeline } from './enrichment.pipeline.ts';

/** Computes in the calling thread, one document after the other. */
export function createInProcessExecutor(pipeline: EnrichmentPipeline): EnrichmentExecutor {
  return {
    async enrich(tasks, options = {}) {
      const out: EnrichmentOutput[] = [];
      for (const task of tasks) {
        // Never inside the caller's write transaction: wait until it has ended.
        const busy = options.busy?.();
        if (busy) await busy;
        out.push(await pipeline.enrichDocument(task));
      }
      return out;
    },
    async close() {},
  };
}

export interface RerunOptions {
  /** Producers to re-run (their dependents follow); all when absent. */
  only?: readonly string[];
  /** Documents per compute-and-write unit. */
  batchSize?: number;
  onProgress?: (done: number) => void;
}

/** What `recompute` computed: write it with `EnrichmentRunner.write`. */
export interface Recomputed {
  producers: string[];
  tasks: EnrichmentTask[];
  outputs: EnrichmentOutput[];
}

export interface RunnerOptions {
  /** Characters of a document's text the enrichers read (ECHOTRACE_ENRICH_MAX_CHARS). Default DEFAULT_ENRICH_MAX_CHARS. */
  maxChars?: number;
}

export class EnrichmentRunner {
  readonly plan: EnrichmentPlan;
  readonly #executor: EnrichmentExecutor;
  readonly #maxChars: number;

  constructor(plan: EnrichmentPlan, executor: EnrichmentExecutor, options: RunnerOptions = {}) {
    this.plan = plan;
    this.#executor = executor;
    this.#maxChars = options.maxChars ?? DEFAULT_ENRICH_MAX_CHARS;
  }

  /** A runner computing in this thread. */
  static inProcess(enrichers: readonly Enricher[], options: RunnerOptions = {}): EnrichmentRunner {
    const pipeline = new EnrichmentPipeline(enrichers);
    return new EnrichmentRunner(pipeline, createInProcessExecutor(pipeline), options);
  }

  get producers(): string[] {
    return this.plan.producers;
  }

  /** Every enricher's output for new documents (nothing is read from the store). */
  async compute(documents: readonly Document[], options: EnrichOptions = {}): Promise<EnrichmentOutput[]> {
    if (documents.length === 0 || this.plan.ordered.length === 0) return documents.map(() => ({}));
    const producers = this.plan.producers;
    return this.#executor.enrich(
      documents.map((document) => ({
        document: clipForEnrichment(document, this.#maxChars),
        producers,
        stored: [],
      })),
      options,
    );
  }

  /**
   * Computes `only` (and what depends on them) for stored documents, reading from the store the
   * stored output of the enrichers it does not re-run (re-screening reads the stored entities). No
   * transaction is open meanwhile; `write` stores the result.
   */
  async recompute(
    store: Store,
    documents: readonly Document[],
    options: Pick<RerunOptions, 'only'> = {},
  ): Promise<Recomputed> {
    const producers = this.plan.rerunSet(options.only);
    const storedKinds = this.plan.storedKinds(producers);
    const tasks: EnrichmentTask[] = [];
    for (const document of documents) {
      const stored: Annotation[] = [];
      for (const kind of storedKinds)
        stored.push(...(await store.annotations.find({ documentId: document.id, kind })));
      tasks.push({ document: clipForEnrichment(document, this.#maxChars), producers, stored });
    }
    const outputs = producers.length > 0 ? await this.#executor.enrich(tasks) : tasks.map(() => ({}));
    return { producers, tasks, outputs };
  }

  /** Replaces each re-run producer's annotations with the recomputed ones; call inside a transaction. */
  async write(store: Store, recomputed: Recomputed): Promise<void> {
    for (const [index, output] of recomputed.outputs.entries())
      await writeOutput(store, recomputed.tasks[index]!.document.id, recomputed.producers, output);
  }

  /** recompute + write, one transaction per batch. Returns the annotations written per producer. */
  async rerun(
    store: Store,
    documents: readonly Document[],
    options: RerunOptions = {},
  ): Promise<Record<string, number>> {
    const batchSize = options.batchSize ?? 200;
    const written: Record<string, number> = {};
    for (let i = 0; i < documents.length; i += batchSize) {
      const batch = documents.slice(i, i + batchSize);
      const recomputed = await this.recompute(store, batch, options);
      await store.transaction(() => this.write(store, recomputed));
      for (const producer of recomputed.producers)
        written[producer] =
          (written[producer] ?? 0) + recomputed.outputs.reduce((n, o) => n + (o[producer]?.length ?? 0), 0);
      options.onProgress?.(i + batch.length);
    }
    return written;
  }

  close(): Promise<void> {
    return this.#executor.close();
  }
}

/** Replaces each producer's annotations on a document with its new output; call inside a transaction. */
export async function writeOutput(
  store: Store,
  documentId: string,
  producers: readonly string[],
  output: EnrichmentOutput,
): Promise<void> {
  for (const producer of producers)
    await store.annotations.replace(documentId, producer, output[producer] ?? []);
}

/** Where callers take either a runner or a plain list of enrichers (tests, simple tools). */
export type Enrichment = EnrichmentRunner | readonly Enricher[];

export function toRunner(enrichment: Enrichment | undefined): EnrichmentRunner {
  if (enrichment instanceof EnrichmentRunner) return enrichment;
  return EnrichmentRunner.inProcess(enrichment ?? []);
}
