// The enrichers ingest, watch, the worker, `entities relink` and `sanctions screen` run: entities
// (recognize and resolve against the knowledge base), then quotes (speakers resolved to those
// mentions) and sanctions screening of the resolved mentions, which read them through the runner. Built from a plain-data description read from the
// store once, so every worker thread can build the same enrichers itself.
import {
  EnrichmentPlan,
  EnrichmentRunner,
  type Enricher,
  type Enrichment,
  type EnricherDescriptor,
  type Entity,
  type EntityDecision,
  type SanctionsEntry,
  type Store,
} from '@echotrace/core';
import {
  buildKnowledgeBase,
  createEntityEnricher,
  ENTITY_PRODUCER,
  ENTITY_PRODUCER_VERSION,
  hasNerModel,
  recognizeEntities,
} from '@echotrace/entities';
import {
  createSanctionsMatcher,
  createScreeningEnricher,
  EntityScreener,
  type DismissedPair,
  SCREENING_PRODUCER,
  SCREENING_PRODUCER_VERSION,
} from '@echotrace/sanctions';
import { createQuoteEnricher, QUOTE_DESCRIPTOR } from '@echotrace/quotes';
import { createLabelEnricher, LABEL_DESCRIPTOR, type LabelVerdict } from '@echotrace/narratives';
import { seedEntries } from '../entities/knowledge.base.loader.ts';
import { russianVerbLemmas } from '../quotes/quote.language.ts';
import { createStagedExecutor } from './enrichment.stages.ts';
import { createThreadExecutor } from './enrichment.threads.ts';

/** Everything the enrichers are built from; structured-cloneable (sent to worker threads as is). */
export interface EnrichmentDescription {
  entities: Entity[];
  decisions: EntityDecision[];
  /** Every imported sanctions entry; screening is left out while there is none. */
  sanctions: SanctionsEntry[];
  /** (entity, entry) pairs analysts dismissed: screening does not flag them again. */
  dismissed?: DismissedPair[];
  /** Analysts' confirmed and rejected narrative and technique labels: they override the model. */
  labelDecisions?: LabelVerdict[];
}

async function dismissedPairs(store: Store): Promise<DismissedPair[]> {
  return (await store.sanctions.decisions())
    .filter((decision) => decision.status === 'dismissed')
    .map(({ entityId, list, listEntryId }) => ({ entityId, list, listEntryId }));
}

export async function describeEnrichment(store: Store): Promise<EnrichmentDescription> {
  const stored = await store.entities.list();
  return {
    entities: stored.length > 0 ? stored : await seedEntries(),
    decisions: await store.entities.decisions(),
    sanctions: await store.sanctions.entries(),
    dismissed: await dismissedPairs(store),
    labelDecisions: await storedLabelVerdicts(store),
  };
}

/** The label decisions as the label enricher reads them. */
async function storedLabelVerdicts(store: Store): Promise<LabelVerdict[]> {
  return (await store.labelDecisions.list()).map(({ documentId, kind, labelId, status }) => ({
    documentId,
    kind,
    labelId,
    status,
  }));
}

/**
 * [entity enricher, quote enricher, screening enricher when a list is imported, label enricher]; what each thread builds from the same
 * description. With `producers`, only those are built and the others are stand-ins that keep the
 * plan whole (a thread that screens receives the entity mentions and must not load the tagger to plan).
 */
export function buildEnrichers(
  description: EnrichmentDescription,
  producers?: readonly string[],
): Enricher[] {
  const wanted = (producer: string): boolean => !producers || producers.includes(producer);
  const descriptors = describeEnrichers(description);
  const entities = wanted(ENTITY_PRODUCER)
    ? createEntityEnricher({
        kb: buildKnowledgeBase(description.entities, description.decisions),
        recognize: recognizeEntities,
        supports: hasNerModel,
      })
    : standIn(descriptors[0]!);
  const quotes = wanted(QUOTE_DESCRIPTOR.producer)
    ? createQuoteEnricher({ lemmatize: russianVerbLemmas })
    : standIn(descriptors[1]!);
  const labels = wanted(LABEL_DESCRIPTOR.producer)
    ? createLabelEnricher({ decisions: description.labelDecisions ?? [] })
    : standIn(descriptors[descriptors.length - 1]!);
  if (description.sanctions.length === 0) return [entities, quotes, labels];
  const screening = wanted(SCREENING_PRODUCER)
    ? createScreeningEnricher({
        screener: new EntityScreener(createSanctionsMatcher(description.sanctions), {
          dismissed: description.dismissed ?? [],
        }),
      })
    : standIn(descriptors[2]!);
  return [entities, quotes, screening, labels];
}

function standIn(descriptor: EnricherDescriptor): Enricher {
  return {
    ...descriptor,
    annotate() {
      throw new Error(`enrichment: ${descriptor.producer} is not built in this thread`);
    },
  };
}

/** What buildEnrichers builds, without building it: the main thread plans with this. */
export function describeEnrichers(description: EnrichmentDescription): EnricherDescriptor[] {
  const entities: EnricherDescriptor = {
    producer: ENTITY_PRODUCER,
    version: ENTITY_PRODUCER_VERSION,
    produces: ['entity'],
  };
  const quotes: EnricherDescriptor = {
    ...QUOTE_DESCRIPTOR,
    produces: [...QUOTE_DESCRIPTOR.produces],
    reads: [...QUOTE_DESCRIPTOR.reads],
  };
  const labels: EnricherDescriptor = {
    ...LABEL_DESCRIPTOR,
    produces: [...LABEL_DESCRIPTOR.produces],
    reads: [...LABEL_DESCRIPTOR.reads],
  };
  if (description.sanctions.length === 0) return [entities, quotes, labels];
  return [
    entities,
    quotes,
    {
      producer: SCREENING_PRODUCER,
      version: SCREENING_PRODUCER_VERSION,
      produces: ['sanction'],
      reads: ['entity'],
    },
    labels,
  ];
}

/** The entity screener over every imported list, or null when no list has been imported. */
export async function createStoredScreener(store: Store): Promise<EntityScreener | null> {
  const entries = await store.sanctions.entries();
  if (entries.length === 0) return null;
  return new EntityScreener(createSanctionsMatcher(entries), { dismissed: await dismissedPairs(store) });
}

/** The enrichers, in-process (tests and tools that annotate one document at a time). */
export async function createEnrichers(store: Store): Promise<Enricher[]> {
  return buildEnrichers(await describeEnrichment(store));
}

export interface EnrichmentRunnerOptions {
  /** Compute threads (the CLI's ECHOTRACE_ENRICH_THREADS); 1 computes in the calling thread. Default 1 (see decision 0005). */
  threads?: number;
  /** Characters of a document's text the enrichers read (ECHOTRACE_ENRICH_MAX_CHARS); default DEFAULT_ENRICH_MAX_CHARS. */
  maxChars?: number;
}

/** The one runner for everything that enriches; close() it to stop its threads. */
export async function createEnrichment(
  store: Store,
  options: EnrichmentRunnerOptions = {},
): Promise<EnrichmentRunner> {
  const description = await describeEnrichment(store);
  const threads = options.threads ?? 1;
  const runner = { maxChars: options.maxChars };
  if (threads <= 1) return EnrichmentRunner.inProcess(buildEnrichers(description), runner);
  const plan = new EnrichmentPlan(describeEnrichers(description));
  // Two threads with a sanctions list: this thread recognizes, the other screens (decision 0005).
  if (threads === 2 && description.sanctions.length > 0)
    return new EnrichmentRunner(plan, createStagedExecutor(description, [ENTITY_PRODUCER]), runner);
  return new EnrichmentRunner(plan, createThreadExecutor(description, threads), runner);
}

/** Stops a runner's threads; a plain list of enrichers has none. */
export async function closeEnrichment(enrichment: Enrichment | undefined): Promise<void> {
  if (enrichment instanceof EnrichmentRunner) await enrichment.close();
}
