// Per-stage CPU time per document of what `ingest` computes for each new post, on the 1,905 real
// Telegram posts (RIA Novosti, BBC Russian) with the OFAC SDN list and its aliases: recognition
// (NER), resolution against the KB, sanctions screening, quote extraction (reading the resolved
// mentions), narrative and technique labelling, and grouping of copies (dedupe signing and indexing). One thread, in memory: the store's writes and language detection are not in these
// figures. `ner.bench.ts` times recognition alone, which is why its documents/s once read as the
// speed of enrichment while resolution cost twice as much on these posts.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { russianVerbLemmas } from '@echotrace/app';
import { parseAnnotation, type Annotation, type EnrichmentInputs } from '@echotrace/core';
import { createDuplicateIndex } from '@echotrace/extract';
import { createQuoteEnricher } from '@echotrace/quotes';
import { createLabelEnricher } from '@echotrace/narratives';
import {
  cpuMs,
  createPipeline,
  readScreener,
  readTelegramDocuments,
  SANCTIONS_FILES,
  TELEGRAM_DIR,
  type StageTimes,
} from './enrichment.stages.ts';

export async function benchEnrichment(options: {
  sharedData: string;
}): Promise<Record<string, number> | null> {
  const { sharedData } = options;
  const missing = [TELEGRAM_DIR, ...SANCTIONS_FILES].filter((f) => !existsSync(path.join(sharedData, f)));
  if (missing.length > 0) {
    console.log(`enrichment: ${missing.join(', ')} absent under ${sharedData}`);
    return null;
  }
  const documents = await readTelegramDocuments(sharedData);
  let started = cpuMs();
  const screener = await readScreener(sharedData);
  const matcherBuildMs = cpuMs() - started;
  const result: Record<string, number> = {
    documents: documents.length,
    sanctions_matcher_build_ms: Math.round(matcherBuildMs),
  };
  const perDoc = (ms: number): number => Math.round((ms / documents.length) * 1000) / 1000;
  // The first pass starts with cold caches, as a fresh `ingest` process does; the second reuses the
  // per-string caches of name keys and token features that the first filled.
  for (const [label, withList] of [
    ['with_sanctions', true],
    ['without_sanctions', false],
  ] as const) {
    const pipeline = await createPipeline(withList ? screener : null);
    const times: StageTimes = { recognition: 0, resolution: 0, screening: 0 };
    let annotations = 0;
    const entitiesOf: Annotation[][] = [];
    for (const document of documents) {
      const produced = pipeline.run(document, times);
      annotations += produced.length;
      entitiesOf.push(produced.filter((a) => a.kind === 'entity'));
    }
    const total = times.recognition + times.resolution + times.screening;
    if (!withList) {
      // Quotes read the entities just resolved, as the runner hands them over.
      const quotes = createQuoteEnricher({ lemmatize: russianVerbLemmas });
      const inputs0 = { of: () => [] } as unknown as EnrichmentInputs;
      let quoted = 0;
      const t = cpuMs();
      for (const [i, document] of documents.entries()) {
        const entities = entitiesOf[i]!.map((a) => parseAnnotation(a, 'entity'));
        const inputs = { of: () => entities } as unknown as EnrichmentInputs;
        quoted += (await quotes.annotate(document, inputs)).length;
      }
      const quoteMs = cpuMs() - t;
      result.quotes_ms_per_doc = perDoc(quoteMs);
      result.quotes = quoted;
      result.entities_only_documents_per_s = Math.round(documents.length / (total / 1000));
      result.entities_and_quotes_documents_per_s = Math.round(documents.length / ((total + quoteMs) / 1000));
      // Narratives and techniques read nothing; the models are loaded before timing.
      const labels = createLabelEnricher();
      let labelled = 0;
      await labels.annotate(documents[0]!, inputs0);
      const tl = cpuMs();
      for (const document of documents) labelled += (await labels.annotate(document, inputs0)).length;
      const labelMs = cpuMs() - tl;
      result.labels_ms_per_doc = perDoc(labelMs);
      result.labels = labelled;
      result.entities_quotes_and_labels_documents_per_s = Math.round(
        documents.length / ((total + quoteMs + labelMs) / 1000),
      );
    }
    result[`${label}_recognition_ms_per_doc`] = perDoc(times.recognition);
    result[`${label}_resolution_ms_per_doc`] = perDoc(times.resolution);
    if (withList) result[`${label}_screening_ms_per_doc`] = perDoc(times.screening);
    result[`${label}_annotations`] = annotations;
    result[`${label}_documents_per_s`] = Math.round(documents.length / (total / 1000));
  }
  const index = createDuplicateIndex();
  started = cpuMs();
  for (const document of documents) index.addDocument(document);
  result.grouping_ms_per_doc = perDoc(cpuMs() - started);
  result.groups = index.groups().length;
  return result;
}
