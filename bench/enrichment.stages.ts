// The enrichment stages `ingest` runs, over the real Telegram posts, outside the store: recognition,
// resolution and screening per document, exactly as the CLI's enrichers compose them. Shared by the
// per-stage bench (enrichment.bench.ts) and the equivalence dump (enrichment.equivalence.ts).
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { prepareDocument, type Annotation, type Document, type Source } from '@echotrace/core';
import {
  buildAliasIndex,
  buildKnowledgeBase,
  entityAnnotations,
  hasNerModel,
  parseKnowledgeBaseFile,
  recognizeEntities,
  resolveMentions,
  SEED_KB_PATH,
} from '@echotrace/entities';
import { parseJsonFile } from '@echotrace/extract';
import {
  createSanctionsMatcher,
  EntityScreener,
  parseSanctionsFiles,
  screenEntityAnnotations,
} from '@echotrace/sanctions';

export const TELEGRAM_DIR = 'media/telegram_ru_news_2024';
/** The files `sanctions import` reads in the measurement: SDN with aliases and addresses. */
export const SANCTIONS_FILES = [
  'sanctions/ofac_sdn_2023-01/sdn.csv',
  'sanctions/ofac_alt_add_2026/alt.csv',
  'sanctions/ofac_sdn_2023-01/sdn_address.csv',
];

const SOURCE: Source = { id: 'bench', name: 'bench' } as Source;

export async function readTelegramDocuments(sharedData: string): Promise<Document[]> {
  const dir = path.join(sharedData, TELEGRAM_DIR);
  const documents: Document[] = [];
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.json')).sort()) {
    const file = path.join(dir, name);
    for (const input of parseJsonFile(file, await readFile(file))) {
      if ('failed' in input) continue;
      try {
        const item = { ...input, source: SOURCE };
        documents.push(prepareDocument(item, 'bench', '2026-01-01T00:00:00.000Z').document);
      } catch {
        // Empty posts are refused by ingest as well.
      }
    }
  }
  return documents;
}

export async function readScreener(sharedData: string): Promise<EntityScreener> {
  const files = await Promise.all(
    SANCTIONS_FILES.map(async (f) => ({
      name: path.basename(f),
      text: await readFile(path.join(sharedData, f), 'utf8'),
    })),
  );
  return new EntityScreener(createSanctionsMatcher(parseSanctionsFiles(files).entries));
}

/** CPU milliseconds of this thread so far: on a shared machine wall time measures the neighbours. */
export function cpuMs(): number {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
}

/** CPU milliseconds per stage, summed over documents. */
export interface StageTimes {
  recognition: number;
  resolution: number;
  screening: number;
}

export interface EnrichmentPipeline {
  run(document: Document, times: StageTimes): Annotation[];
}

export async function createPipeline(screener: EntityScreener | null): Promise<EnrichmentPipeline> {
  const kb = buildKnowledgeBase(
    parseKnowledgeBaseFile(await readFile(SEED_KB_PATH, 'utf8'), SEED_KB_PATH),
    [],
  );
  const index = buildAliasIndex(kb);
  return {
    run(document, times) {
      const language = document.language.split('-')[0]!;
      if (!document.text || !hasNerModel(language)) return [];
      let t = cpuMs();
      const mentions = recognizeEntities(document.text, language);
      times.recognition += cpuMs() - t;
      t = cpuMs();
      const entities = entityAnnotations(
        document.id,
        resolveMentions(mentions, kb, { text: document.text, language, index }),
      );
      times.resolution += cpuMs() - t;
      if (!screener) return entities;
      t = cpuMs();
      const sanctions = screenEntityAnnotations(document.id, entities, screener);
      times.screening += cpuMs() - t;
      return [...entities, ...sanctions];
    },
  };
}
