// Enrichers: stages that annotate a document (entities, screening, later quotes and narratives). Each
// declares the annotation kinds it produces and the kinds it reads, and receives what it reads as an
// argument, so the runner can order them, run them away from any transaction (in worker threads too)
// and re-run a dependent when what it reads changes. An enricher never reads the store itself.
import type { AnnotationKind, TypedAnnotation } from '../annotations/annotation.schemas.ts';
import type { Annotation, Document } from '../model.ts';

/** What an enricher reads, for the document it annotates: the other enrichers' output of those kinds. */
export interface EnrichmentInputs {
  /** The document's annotations of `kind`, which the enricher must have declared in `reads`. */
  of<K extends AnnotationKind>(kind: K): readonly TypedAnnotation<K>[];
}

/** The part of an enricher the runner plans with; serializable, so a thread pool can be planned too. */
export interface EnricherDescriptor {
  /** Stored as the annotations' producer; re-running replaces exactly these. */
  producer: string;
  version: string;
  /** Kinds of the annotations it emits (one producer per kind). */
  produces?: readonly AnnotationKind[];
  /** Kinds it reads from the enrichers that produce them (they run first). */
  reads?: readonly AnnotationKind[];
}

/**
 * A stage that annotates each new or changed document (entities, quotes, labels). Its annotations
 * replace its earlier ones on that document.
 */
export interface Enricher extends EnricherDescriptor {
  annotate(document: Document, inputs: EnrichmentInputs): Promise<Annotation[]> | Annotation[];
}

/** One document to enrich: which producers to run, and the stored annotations of what they read. */
export interface EnrichmentTask {
  document: Document;
  /** Producers to run, in pipeline order. */
  producers: readonly string[];
  /** Stored annotations of kinds read but not produced by `producers` (e.g. entities for re-screening). */
  stored: readonly Annotation[];
}

/** Producer → its annotations for one document. */
export type EnrichmentOutput = Record<string, Annotation[]>;

/** What the caller's thread does meanwhile (ingest writes one batch while the next is computed). */
export interface EnrichOptions {
  /**
   * Null while the calling thread is free; while it is inside a write transaction, a promise that
   * settles when the transaction has ended. Meanwhile an executor runs no enricher in the calling
   * thread (no lock is held while an enricher runs): it hands the work to its threads, or waits.
   */
  busy?: () => Promise<void> | null;
}

/** Runs the enrichers' compute: in this thread, or in a pool of threads. Results in task order. */
export interface EnrichmentExecutor {
  enrich(tasks: readonly EnrichmentTask[], options?: EnrichOptions): Promise<EnrichmentOutput[]>;
  /** Releases threads; the executor is unusable afterwards. */
  close(): Promise<void>;
}
