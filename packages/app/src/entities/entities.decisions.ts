// The analyst's knowledge-base work as use cases: splitting an alias off, accepting a discovered
// candidate, importing and exporting KB files, and relinking stored documents after any of them.
// Entry points parse their input, call one of these and format what it returns.
import {
  describeError,
  InputError,
  NotFoundError,
  type Entity,
  type EntityType,
  type Store,
} from '@echotrace/core';
import {
  buildKnowledgeBase,
  candidateId,
  displayName,
  ENTITY_PRODUCER,
  entityType,
  foldName,
  formatKnowledgeBaseFile,
} from '@echotrace/entities';
import { crashPoint } from '../crash.points.ts';
import { createEnrichment } from '../enrichment/enrichment.factory.ts';
import {
  loadStoredKnowledgeBase,
  readKnowledgeBaseFile,
  recordDecision,
  seedEntries,
} from './knowledge.base.loader.ts';

/** FROM joins INTO; returns the id FROM now resolves to and its display name. */
export async function mergeEntities(
  store: Store,
  request: { from: string; into: string; note: string | null },
): Promise<{ from: string; into: string; name: string }> {
  const kb = await recordDecision(
    store,
    { kind: 'merge', from: request.from, into: request.into },
    request.note,
  );
  return { from: request.from, into: kb.canonicalId(request.into), name: displayName(kb.get(request.into)!) };
}

/**
 * ALIAS stops naming entity ID and names TARGET instead (default: a candidate id made from the
 * alias, of ID's type unless `type` says otherwise). Refuses an alias that is not one of ID's names.
 */
export async function splitAlias(
  store: Store,
  request: { id: string; alias: string; to?: string; type?: EntityType; note: string | null },
): Promise<{ entityId: string; alias: string; target: string }> {
  const kb = await loadStoredKnowledgeBase(store);
  const entity = kb.get(request.id);
  if (!entity) throw new NotFoundError('entity', request.id);
  const names = namesOf(entity);
  if (!names.some((n) => foldName(n) === foldName(request.alias))) {
    throw new InputError(request.alias, `is not a name of ${entity.id} (${names.join(', ')})`);
  }
  const type = request.type ?? entity.type;
  const target = request.to ?? candidateId(type, request.alias);
  const after = await recordDecision(
    store,
    { kind: 'split', entityId: entity.id, alias: request.alias, target, targetType: type },
    request.note,
  );
  return { entityId: entity.id, alias: request.alias, target: after.canonicalId(target) };
}

/**
 * Makes discovered candidate ID a KB entity under the same id (so stored mentions stay linked);
 * its spellings seen in documents become aliases. `name` is required for an id never mentioned.
 */
export async function acceptCandidate(
  store: Store,
  request: { id: string; name?: string; language?: string; type?: EntityType; note: string | null },
): Promise<Entity> {
  const { id } = request;
  const kb = await loadStoredKnowledgeBase(store);
  if (kb.get(id)) throw new InputError(id, `is already in the knowledge base as ${kb.canonicalId(id)}`);
  const known = [...kb.entities.keys(), ...kb.redirects.keys()];
  const seen = (await store.entities.discovered(known, { limit: 100_000 })).find((c) => c.entityId === id);
  if (!seen && !request.name) throw new NotFoundError('candidate', id);
  const type = request.type ?? entityType(seen?.type ?? id.split(':')[0]!, id);
  const language = request.language ?? 'en';
  if (!isLanguageCode(language)) throw new InputError(language, 'is not a language code such as en or ru');
  const name = request.name ?? seen!.name;
  const entity: Entity = {
    id,
    type,
    names: { [language]: name },
    aliases: (seen?.surfaces ?? []).filter((s) => foldName(s) !== foldName(name)),
    metonyms: [],
    description: null,
    externalIds: {},
    origin: 'accepted',
  };
  await recordDecision(store, { kind: 'accept', entity }, request.note);
  return entity;
}

/** The effective KB (decisions applied) by id, and as the text of a KB file `importKnowledgeBase` reads. */
export async function exportKnowledgeBase(
  store: Store,
  format: 'yaml' | 'json',
): Promise<{ entities: Entity[]; text: string }> {
  const kb = await loadStoredKnowledgeBase(store);
  const entities = [...kb.entities.values()].sort((a, b) => a.id.localeCompare(b.id));
  const text =
    format === 'json' ? `${JSON.stringify({ entities }, null, 2)}\n` : formatKnowledgeBaseFile(entities);
  return { entities, text };
}

export interface KnowledgeBaseImport {
  /** Entities imported over all files. */
  imported: number;
  files: Array<{ file: string; entities: number }>;
  /** Files refused for bad input, with the reason naming the entry and problem. */
  failed: Array<{ file: string; reason: string }>;
  /** Recorded decisions that no longer apply to the imported entries. */
  warnings: readonly string[];
  /** Entities in the knowledge base afterwards. */
  size: number;
}

/**
 * Adds or replaces entries by id from each KB file (and the bundled seed when `seed` is set or no
 * file is given); a file with errors is reported and skipped, the others are imported. Decisions
 * are kept and the redirects refreshed.
 */
export async function importKnowledgeBase(
  store: Store,
  request: { files: string[]; seed: boolean },
): Promise<KnowledgeBaseImport> {
  const jobs: Array<{ file: string; read: () => Promise<Entity[]> }> = request.files.map((file) => ({
    file,
    read: () => readKnowledgeBaseFile(file),
  }));
  if (request.seed || request.files.length === 0) jobs.unshift({ file: '(seed)', read: seedEntries });
  const files: KnowledgeBaseImport['files'] = [];
  const failed: KnowledgeBaseImport['failed'] = [];
  for (const job of jobs) {
    try {
      const entities = await job.read();
      await store.entities.upsert(entities);
      files.push({ file: job.file, entities: entities.length });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      failed.push({ file: job.file, reason: describeError(error) });
    }
  }
  const kb = buildKnowledgeBase(await store.entities.list(), await store.entities.decisions());
  await store.entities.replaceRedirects(kb.redirects);
  const imported = files.reduce((sum, f) => sum + f.entities, 0);
  return { imported, files, failed, warnings: kb.warnings, size: kb.entities.size };
}

/**
 * Re-recognizes and re-resolves stored documents (of one source, or all) against the current KB,
 * 100 at a time; re-running entities re-runs what reads them (screening), so sanction annotations
 * follow. Stops at the next page when `signal` is aborted; safe to re-run.
 */
export async function relinkEntities(
  store: Store,
  options: {
    sourceId?: string;
    threads?: number;
    /** Characters of each text the enrichers read (ECHOTRACE_ENRICH_MAX_CHARS). */
    maxChars?: number;
    signal?: AbortSignal;
    onProgress?: (progress: { documents: number; mentions: number }) => void;
  } = {},
): Promise<{ documents: number; mentions: number }> {
  const enrichment = await createEnrichment(store, { threads: options.threads, maxChars: options.maxChars });
  let afterId: string | undefined;
  let documents = 0;
  let mentions = 0;
  try {
    while (!options.signal?.aborted) {
      const page = await store.documents.list({
        limit: 100,
        ...(afterId ? { afterId } : {}),
        ...(options.sourceId ? { sourceId: options.sourceId } : {}),
      });
      if (page.length === 0) break;
      const written = await enrichment.rerun(store, page, { only: [ENTITY_PRODUCER] });
      documents += page.length;
      mentions += written[ENTITY_PRODUCER] ?? 0;
      afterId = page.at(-1)!.id;
      crashPoint('relink-page', documents);
      options.onProgress?.({ documents, mentions });
    }
  } finally {
    await enrichment.close();
  }
  return { documents, mentions };
}

/** Two or three lowercase letters (ISO 639-1 or -3), as KB names are keyed. */
export function isLanguageCode(value: string): boolean {
  return /^[a-z]{2,3}$/.test(value);
}

function namesOf(entity: Entity): string[] {
  return [...Object.values(entity.names), ...entity.aliases, ...entity.metonyms];
}
