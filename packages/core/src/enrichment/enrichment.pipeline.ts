// The enrichers in dependency order. Planning refuses, at construction, what could not run: two
// producers with one name or one kind, a kind read that nobody produces, an enricher reading what it
// produces, and cycles.
import { parseAnnotation, type AnnotationKind } from '../annotations/annotation.schemas.ts';
import { InputError } from '../errors.ts';
import type { Annotation, Document } from '../model.ts';
import type {
  Enricher,
  EnricherDescriptor,
  EnrichmentInputs,
  EnrichmentOutput,
  EnrichmentTask,
} from './enrichment.model.ts';

/** The enricher list cannot be planned; `producers` names the enrichers involved. */
export class EnrichmentPlanError extends Error {
  readonly producers: readonly string[];
  constructor(problem: string, producers: readonly string[]) {
    super(`enrichment plan: ${problem} (${producers.join(', ')})`);
    this.name = 'EnrichmentPlanError';
    this.producers = producers;
  }
}

/** Dependency order over descriptors: what the runner needs, whether compute is local or in threads. */
export class EnrichmentPlan<E extends EnricherDescriptor = EnricherDescriptor> {
  /** In dependency order; ties keep the order given. */
  readonly ordered: readonly E[];
  readonly #producerOfKind = new Map<AnnotationKind, E>();

  constructor(enrichers: readonly E[]) {
    const byProducer = new Map<string, E>();
    for (const e of enrichers) {
      if (byProducer.has(e.producer))
        throw new EnrichmentPlanError('two enrichers share a producer', [e.producer]);
      byProducer.set(e.producer, e);
      for (const kind of e.produces ?? []) {
        const other = this.#producerOfKind.get(kind);
        if (other)
          throw new EnrichmentPlanError(`two producers of kind ${kind}`, [other.producer, e.producer]);
        this.#producerOfKind.set(kind, e);
      }
    }
    const dependencies = new Map<E, Set<E>>();
    for (const e of enrichers) {
      const needs = new Set<E>();
      for (const kind of e.reads ?? []) {
        const producer = this.#producerOfKind.get(kind);
        if (!producer)
          throw new EnrichmentPlanError(`reads kind ${kind}, which no enricher produces`, [e.producer]);
        if (producer === e)
          throw new EnrichmentPlanError(`reads kind ${kind}, which it produces`, [e.producer]);
        needs.add(producer);
      }
      dependencies.set(e, needs);
    }
    // Kahn's algorithm, always taking the earliest given enricher that is ready: a stable order.
    const ordered: E[] = [];
    const done = new Set<E>();
    while (ordered.length < enrichers.length) {
      const next = enrichers.find((e) => !done.has(e) && [...dependencies.get(e)!].every((d) => done.has(d)));
      if (!next)
        throw new EnrichmentPlanError(
          'the enrichers read each other in a cycle',
          enrichers.filter((e) => !done.has(e)).map((e) => e.producer),
        );
      done.add(next);
      ordered.push(next);
    }
    this.ordered = ordered;
  }

  get producers(): string[] {
    return this.ordered.map((e) => e.producer);
  }

  /**
   * The producers to run when `producers` are re-run: those and everything that reads their output,
   * directly or not, in pipeline order. Unknown producers are refused. Without a list, all of them.
   */
  rerunSet(producers?: readonly string[]): string[] {
    if (!producers) return this.producers;
    const unknown = producers.filter((p) => !this.ordered.some((e) => e.producer === p));
    if (unknown.length > 0) throw new EnrichmentPlanError('no such enricher', unknown);
    const selected = new Set(producers);
    for (const e of this.ordered) {
      if ((e.reads ?? []).some((kind) => selected.has(this.#producerOfKind.get(kind)!.producer)))
        selected.add(e.producer);
    }
    return this.ordered.filter((e) => selected.has(e.producer)).map((e) => e.producer);
  }

  /** Kinds the given producers read that none of them produces: read from the store. */
  storedKinds(producers: readonly string[]): AnnotationKind[] {
    const running = new Set(producers);
    const kinds = new Set<AnnotationKind>();
    for (const e of this.ordered) {
      if (!running.has(e.producer)) continue;
      for (const kind of e.reads ?? [])
        if (!running.has(this.#producerOfKind.get(kind)!.producer)) kinds.add(kind);
    }
    return [...kinds];
  }
}

/** A plan over enrichers that can compute: what the in-process executor and every thread run. */
export class EnrichmentPipeline extends EnrichmentPlan<Enricher> {
  /**
   * Runs `task.producers` on the document in pipeline order; each enricher receives the output of
   * those that ran before it, or the stored annotations for kinds not re-run.
   */
  async enrichDocument(task: EnrichmentTask): Promise<EnrichmentOutput> {
    const output: EnrichmentOutput = {};
    const available: Annotation[] = [...task.stored];
    const running = new Set(task.producers);
    for (const enricher of this.ordered) {
      if (!running.has(enricher.producer)) continue;
      const annotations = await enricher.annotate(
        task.document,
        inputsFor(enricher, task.document, available),
      );
      for (const a of annotations) checkProduced(enricher, task.document, a);
      output[enricher.producer] = annotations;
      available.push(...annotations);
    }
    return output;
  }
}

function inputsFor(
  enricher: Enricher,
  document: Document,
  available: readonly Annotation[],
): EnrichmentInputs {
  const reads = new Set(enricher.reads ?? []);
  return {
    of(kind) {
      if (!reads.has(kind))
        throw new EnrichmentPlanError(`reads kind ${kind} without declaring it`, [enricher.producer]);
      return available
        .filter((a) => a.kind === kind && a.documentId === document.id)
        .map((a) => parseAnnotation(a, kind));
    },
  };
}

// Validation at the producer edge: what is stored has its kind's shape and a span inside the text.
function checkProduced(enricher: Enricher, document: Document, annotation: Annotation): void {
  // Enrichers that declare nothing (tests' markers, older stages) are stored as they come.
  if (!enricher.produces) return;
  if (!(enricher.produces as readonly string[]).includes(annotation.kind))
    throw new EnrichmentPlanError(`emitted kind ${annotation.kind}, which it does not declare`, [
      enricher.producer,
    ]);
  parseAnnotation(annotation);
  if (annotation.end > document.text.length)
    throw new InputError(
      `annotation ${annotation.id} (${enricher.producer})`,
      `span [${annotation.start}, ${annotation.end}) ends past the text of document ${document.id}`,
    );
}
