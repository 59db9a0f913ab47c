// Triage of screening hits: every flagged mention across the corpus grouped by list entry, and an
// analyst's decision on a (resolved entity, list entry) pair. A dismissed pair stops being flagged at
// once (its annotations are removed) and on every later screening (the screener skips it); the
// decision is kept apart from the lists, so re-imports and re-screening keep it.
import {
  InputError,
  type Annotation,
  type SanctionsDecision,
  type SanctionsDecisionStatus,
  type Store,
} from '@echotrace/core';
import { SCREENING_PRODUCER } from '@echotrace/sanctions';

export type HitStatus = 'open' | SanctionsDecisionStatus;

export interface HitMention {
  readonly documentId: string;
  readonly documentKey: string;
  readonly publishedAt: string | null;
  readonly start: number;
  readonly end: number;
  /** The mention as written in the document. */
  readonly text: string;
  readonly entityId: string;
  readonly score: number;
  readonly explanation: string;
  readonly ambiguous: boolean;
}

export interface HitEntity {
  readonly entityId: string;
  readonly status: HitStatus;
  readonly reason: string | null;
  readonly decidedAt: string | null;
  readonly mentions: number;
}

export interface SanctionsHitGroup {
  readonly list: string;
  readonly listEntryId: string;
  readonly listedName: string;
  readonly programs: readonly string[];
  readonly mentions: number;
  readonly documents: number;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  readonly entities: readonly HitEntity[];
  /** The flagged mentions, by date then document. */
  readonly hits: readonly HitMention[];
}

export interface SanctionsHitsQuery {
  readonly entryId?: string;
  readonly list?: string;
  readonly status?: HitStatus;
  /** Only entries this entity was matched to, with only its mentions and decisions. */
  readonly entityId?: string;
}

// Flagged mentions are read in one query; a corpus has far fewer of them than annotations.
const ALL_HITS = 10_000_000;

const pairKey = (entityId: string, list: string, id: string): string => `${entityId}\u0000${list}\u0000${id}`;

async function flaggedMentions(store: Store): Promise<Annotation[]> {
  return (await store.annotations.find({ kind: 'sanction', limit: ALL_HITS })).filter(
    (annotation) => annotation.producer === SCREENING_PRODUCER,
  );
}

/** Flagged mentions grouped by list entry, most mentioned first; dismissed pairs come from decisions. */
export async function listSanctionsHits(
  store: Store,
  query: SanctionsHitsQuery = {},
): Promise<SanctionsHitGroup[]> {
  const decisions = new Map(
    (await store.sanctions.decisions()).map((d) => [pairKey(d.entityId, d.list, d.listEntryId), d]),
  );
  const documents = new Map<string, { key: string; publishedAt: string | null; text: string } | null>();
  const groups = new Map<
    string,
    { list: string; id: string; name: string; programs: string[]; hits: HitMention[] }
  >();
  const group = (list: string, id: string, name: string, programs: string[]) => {
    const key = `${list}\u0000${id}`;
    let found = groups.get(key);
    if (!found) {
      found = { list, id, name, programs, hits: [] };
      groups.set(key, found);
    }
    return found;
  };
  for (const annotation of await flaggedMentions(store)) {
    const attributes = annotation.attributes;
    const list = String(attributes.list);
    const id = String(attributes.listEntryId);
    if (query.entryId !== undefined && id !== query.entryId) continue;
    if (query.list !== undefined && list !== query.list) continue;
    if (!documents.has(annotation.documentId)) {
      const document = await store.documents.get(annotation.documentId);
      documents.set(
        annotation.documentId,
        document && { key: document.key, publishedAt: document.publishedAt, text: document.text },
      );
    }
    const document = documents.get(annotation.documentId);
    group(list, id, String(attributes.listedName), attributes.programs as string[]).hits.push({
      documentId: annotation.documentId,
      documentKey: document?.key ?? annotation.documentId,
      publishedAt: document?.publishedAt ?? null,
      start: annotation.start,
      end: annotation.end,
      text: document?.text.slice(annotation.start, annotation.end) ?? '',
      entityId: String(attributes.entityId),
      score: annotation.confidence,
      explanation: String(attributes.explanation),
      ambiguous: attributes.ambiguous === true,
    });
  }
  // Dismissed pairs are no longer annotated; they are listed from their decisions.
  for (const decision of decisions.values()) {
    if (query.entryId !== undefined && decision.listEntryId !== query.entryId) continue;
    if (query.list !== undefined && decision.list !== query.list) continue;
    if (groups.has(`${decision.list}\u0000${decision.listEntryId}`)) continue;
    const entry = await store.sanctions.getEntry(decision.list, decision.listEntryId);
    group(decision.list, decision.listEntryId, entry?.name ?? decision.listEntryId, [
      ...(entry?.programs ?? []),
    ]);
  }
  const out: SanctionsHitGroup[] = [];
  for (const found of groups.values()) {
    const byEntity = new Map<string, number>();
    for (const hit of found.hits) byEntity.set(hit.entityId, (byEntity.get(hit.entityId) ?? 0) + 1);
    for (const decision of decisions.values())
      if (
        decision.list === found.list &&
        decision.listEntryId === found.id &&
        !byEntity.has(decision.entityId)
      )
        byEntity.set(decision.entityId, 0);
    let entities: HitEntity[] = [...byEntity].map(([entityId, mentions]) => {
      const decision = decisions.get(pairKey(entityId, found.list, found.id));
      return {
        entityId,
        status: decision?.status ?? 'open',
        reason: decision?.reason ?? null,
        decidedAt: decision?.decidedAt ?? null,
        mentions,
      };
    });
    if (query.status !== undefined) entities = entities.filter((e) => e.status === query.status);
    if (query.entityId !== undefined) entities = entities.filter((e) => e.entityId === query.entityId);
    if (entities.length === 0) continue;
    const kept = new Set(entities.map((e) => e.entityId));
    const hits = found.hits
      .filter((hit) => kept.has(hit.entityId))
      .sort(
        (a, b) =>
          (a.publishedAt ?? '').localeCompare(b.publishedAt ?? '') ||
          a.documentKey.localeCompare(b.documentKey) ||
          a.start - b.start,
      );
    const dates = hits.map((hit) => hit.publishedAt).filter((d): d is string => d !== null);
    out.push({
      list: found.list,
      listEntryId: found.id,
      listedName: found.name,
      programs: found.programs,
      mentions: hits.length,
      documents: new Set(hits.map((hit) => hit.documentId)).size,
      firstSeen: dates[0] ?? null,
      lastSeen: dates.at(-1) ?? null,
      entities: entities.sort((a, b) => b.mentions - a.mentions || a.entityId.localeCompare(b.entityId)),
      hits,
    });
  }
  return out.sort(
    (a, b) =>
      b.mentions - a.mentions || a.list.localeCompare(b.list) || a.listEntryId.localeCompare(b.listEntryId),
  );
}

export interface SanctionsDecisionRequest {
  readonly entityId: string;
  readonly listEntryId: string;
  /** Needed only when several lists have an entry with this id. */
  readonly list?: string;
  readonly status: SanctionsDecisionStatus;
  readonly reason: string;
  readonly now: Date;
}

export interface SanctionsDecisionOutcome {
  readonly decision: SanctionsDecision;
  /** Flagged mentions removed (a dismissal), across documents. */
  readonly unflagged: number;
}

/** Confirms or dismisses a (resolved entity, list entry) pair that screening flagged (or decided before). */
export async function decideSanctionsHit(
  store: Store,
  request: SanctionsDecisionRequest,
): Promise<SanctionsDecisionOutcome> {
  if (!request.reason.trim()) throw new InputError('--reason', 'say why (the decision is kept with it)');
  const flagged = (await flaggedMentions(store)).filter(
    (a) =>
      a.attributes.entityId === request.entityId &&
      a.attributes.listEntryId === request.listEntryId &&
      (request.list === undefined || a.attributes.list === request.list),
  );
  const decided = (await store.sanctions.decisions(request.entityId)).filter(
    (d) => d.listEntryId === request.listEntryId && (request.list === undefined || d.list === request.list),
  );
  const lists = new Set([...flagged.map((a) => String(a.attributes.list)), ...decided.map((d) => d.list)]);
  if (lists.size === 0)
    throw new InputError(
      `${request.entityId} ${request.listEntryId}`,
      'screening has not flagged this entity as this list entry (see echotrace sanctions hits)',
    );
  if (lists.size > 1)
    throw new InputError(
      request.listEntryId,
      `several lists have this id (${[...lists].join(', ')}): give --list`,
    );
  const list = [...lists][0]!;
  const decision: SanctionsDecision = {
    entityId: request.entityId,
    list,
    listEntryId: request.listEntryId,
    status: request.status,
    reason: request.reason.trim(),
    decidedAt: request.now.toISOString(),
  };
  let unflagged = 0;
  await store.transaction(async () => {
    await store.sanctions.decide(decision);
    if (decision.status !== 'dismissed') return;
    for (const documentId of new Set(flagged.map((a) => a.documentId))) {
      const annotations = (await store.annotations.forDocument(documentId)).filter(
        (a) => a.kind === 'sanction' && a.producer === SCREENING_PRODUCER,
      );
      const kept = annotations.filter(
        (a) =>
          !(
            a.attributes.entityId === decision.entityId &&
            a.attributes.list === list &&
            a.attributes.listEntryId === decision.listEntryId
          ),
      );
      unflagged += annotations.length - kept.length;
      await store.annotations.replace(documentId, SCREENING_PRODUCER, kept);
    }
  });
  return { decision, unflagged };
}

export interface EntitySanctionsStatus {
  readonly list: string;
  readonly listEntryId: string;
  readonly listedName: string;
  readonly programs: readonly string[];
  readonly status: HitStatus;
  readonly reason: string | null;
  readonly mentions: number;
  /** The explanation of the latest flagged mention (null once dismissed). */
  readonly explanation: string | null;
  readonly ambiguous: boolean;
}

/** How screening and analysts see one resolved entity: every list entry it was flagged as. */
export async function entitySanctionsStatus(
  store: Store,
  entityId: string,
): Promise<EntitySanctionsStatus[]> {
  const out: EntitySanctionsStatus[] = [];
  for (const group of await listSanctionsHits(store)) {
    const entity = group.entities.find((e) => e.entityId === entityId);
    if (!entity) continue;
    const hits = group.hits.filter((hit) => hit.entityId === entityId);
    out.push({
      list: group.list,
      listEntryId: group.listEntryId,
      listedName: group.listedName,
      programs: group.programs,
      status: entity.status,
      reason: entity.reason,
      mentions: hits.length,
      explanation: hits.at(-1)?.explanation ?? null,
      ambiguous: hits.some((hit) => hit.ambiguous),
    });
  }
  return out;
}
