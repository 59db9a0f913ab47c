// Narrative and technique labels for analysts: deciding on a label (confirm or reject, kept in
// label_decisions and applied to the document's stored labels at once), listing narratives with
// document counts per month and per source, one narrative's top documents with evidence, and a
// document's labels. The label enricher applies the same decisions whenever the document is
// re-processed, so a verdict outlives re-enrichment.
import {
  annotationsOfKind,
  InputError,
  NotFoundError,
  type Document,
  type LabelDecision,
  type LabelKind,
  type Store,
} from '@echotrace/core';
import {
  createLabelEnricher,
  LABEL_PRODUCER,
  loadTaxonomy,
  techniqueId,
  TECHNIQUE_NAMES,
} from '@echotrace/narratives';
import { narrativeView, techniqueView } from './label.view.ts';

export interface LabelDecisionRequest {
  documentId: string;
  kind: LabelKind;
  /** A taxonomy id or name (narrative), or a technique id or name. */
  label: string;
  status: LabelDecision['status'];
  analyst?: string;
  note?: string;
  now: Date;
}

/** The stored id a label the analyst typed stands for; InputError when it is none. */
export function resolveLabelId(kind: LabelKind, label: string): string {
  if (kind === 'technique') {
    const id = techniqueId(label);
    if (!id)
      throw new InputError(label, `not a technique; one of ${Object.keys(TECHNIQUE_NAMES).join(', ')}`);
    return id;
  }
  const taxonomy = loadTaxonomy();
  const entry = taxonomy.byId.get(label) ?? taxonomy.byName.get(label);
  if (!entry)
    throw new InputError(
      label,
      'not a narrative id or name of the taxonomy (see `echotrace narratives --taxonomy`)',
    );
  return entry.id;
}

export interface LabelDecisionOutcome {
  decision: LabelDecision;
  /** The document's labels of that kind after the decision. */
  labels: DocumentLabel[];
}

export async function decideLabel(
  store: Store,
  request: LabelDecisionRequest,
): Promise<LabelDecisionOutcome> {
  const document = await store.documents.get(request.documentId);
  if (!document) throw new NotFoundError('document', request.documentId);
  const decision: LabelDecision = {
    documentId: document.id,
    kind: request.kind,
    labelId: resolveLabelId(request.kind, request.label),
    status: request.status,
    analyst: request.analyst ?? '',
    note: request.note ?? '',
    decidedAt: request.now.toISOString(),
  };
  await store.transaction(async () => {
    await store.labelDecisions.decide(decision);
    await relabel(store, document);
  });
  return {
    decision,
    labels: (await documentLabels(store, document.id)).filter((l) => l.kind === request.kind),
  };
}

/** Re-runs the label enricher on one document with its decisions and its stored quotes. */
async function relabel(store: Store, document: Document): Promise<void> {
  const enricher = createLabelEnricher({ decisions: await store.labelDecisions.list(document.id) });
  const stored = await store.annotations.forDocument(document.id);
  await store.annotations.replace(
    document.id,
    LABEL_PRODUCER,
    await enricher.annotate(document, { of: (kind) => annotationsOfKind(stored, kind) }),
  );
}

export interface DocumentLabel {
  kind: LabelKind;
  id: string;
  name: string;
  level?: string;
  score: number;
  method: string;
  /** The sentence that supports it most: offsets into the document text and the words. */
  start: number;
  end: number;
  text: string;
  evidence: Array<{ start: number; end: number; text: string }>;
  /** For a technique, the paragraph it was detected in. */
  paragraph?: { start: number; end: number };
  decision: LabelDecision['status'] | null;
}

export async function documentLabels(store: Store, documentId: string): Promise<DocumentLabel[]> {
  const document = await store.documents.get(documentId);
  if (!document) throw new NotFoundError('document', documentId);
  const stored = await store.annotations.forDocument(documentId);
  const decisions = new Map(
    (await store.labelDecisions.list(documentId)).map((d) => [`${d.kind}\u0000${d.labelId}`, d.status]),
  );
  const out: DocumentLabel[] = [];
  for (const a of annotationsOfKind(stored, 'narrative')) {
    const { id, name, ...rest } = narrativeView(document.text, a);
    out.push({
      kind: 'narrative',
      id,
      name,
      ...(a.attributes.level ? { level: a.attributes.level } : {}),
      ...rest,
      decision: decisions.get(`narrative\u0000${a.label}`) ?? null,
    });
  }
  for (const a of annotationsOfKind(stored, 'technique'))
    out.push({
      kind: 'technique',
      ...techniqueView(document.text, a),
      decision: decisions.get(`technique\u0000${a.label}`) ?? null,
    });
  for (const [key, status] of decisions)
    if (status === 'rejected') {
      const [kind, id] = key.split('\u0000') as [LabelKind, string];
      out.push({
        kind,
        id,
        name: id,
        score: 0,
        method: 'analyst',
        start: 0,
        end: 0,
        text: '',
        evidence: [],
        decision: 'rejected',
      });
    }
  return out.sort((a, b) => (a.kind === b.kind ? b.score - a.score : a.kind === 'narrative' ? -1 : 1));
}

export interface NarrativeCount {
  id: string;
  name: string;
  level: string;
  documents: number;
  byMonth: Record<string, number>;
  bySource: Record<string, number>;
}

/** Every narrative found in the store with its document counts, most documents first. */
export async function narrativeCounts(
  store: Store,
  options: { limit?: number } = {},
): Promise<NarrativeCount[]> {
  const annotations = annotationsOfKind(await store.annotations.find({ kind: 'narrative' }), 'narrative');
  const documents = new Map<string, Document | null>();
  const counts = new Map<string, NarrativeCount & { seen: Set<string> }>();
  for (const a of annotations) {
    if (!documents.has(a.documentId)) documents.set(a.documentId, await store.documents.get(a.documentId));
    const d = documents.get(a.documentId);
    if (!d) continue;
    let c = counts.get(a.label);
    if (!c)
      counts.set(
        a.label,
        (c = {
          id: a.label,
          name: a.attributes.name,
          level: a.attributes.level ?? 'narrative',
          documents: 0,
          byMonth: {},
          bySource: {},
          seen: new Set(),
        }),
      );
    if (c.seen.has(d.id)) continue;
    c.seen.add(d.id);
    c.documents++;
    const month = d.publishedAt ? d.publishedAt.slice(0, 7) : 'undated';
    c.byMonth[month] = (c.byMonth[month] ?? 0) + 1;
    c.bySource[d.sourceId] = (c.bySource[d.sourceId] ?? 0) + 1;
  }
  const list = [...counts.values()]
    .map(({ seen: _seen, ...c }) => c)
    .sort((a, b) => b.documents - a.documents || (a.id < b.id ? -1 : 1));
  return options.limit !== undefined ? list.slice(0, options.limit) : list;
}

export interface NarrativeDocument {
  documentId: string;
  title: string | null;
  sourceId: string;
  publishedAt: string | null;
  url: string | null;
  score: number;
  method: string;
  evidence: Array<{ start: number; end: number; text: string }>;
}

/** One narrative's documents, highest score first, with their evidence sentences. */
export async function narrativeDocuments(
  store: Store,
  id: string,
  limit = 20,
): Promise<{ id: string; name: string; documents: NarrativeDocument[] }> {
  const taxonomy = loadTaxonomy();
  const entry = taxonomy.byId.get(id) ?? taxonomy.byName.get(id);
  if (!entry) throw new NotFoundError('narrative', id);
  const annotations = annotationsOfKind(
    await store.annotations.find({ kind: 'narrative', label: entry.id }),
    'narrative',
  ).sort((a, b) => (b.attributes.score ?? b.confidence) - (a.attributes.score ?? a.confidence));
  const documents: NarrativeDocument[] = [];
  for (const a of annotations.slice(0, limit)) {
    const d = await store.documents.get(a.documentId);
    if (!d) continue;
    documents.push({
      documentId: d.id,
      title: d.title,
      sourceId: d.sourceId,
      publishedAt: d.publishedAt,
      url: d.canonicalUrl,
      score: a.attributes.score ?? a.confidence,
      method: a.attributes.method ?? 'model',
      evidence: (a.attributes.evidence ?? [a]).map(({ start, end }) => ({
        start,
        end,
        text: d.text.slice(start, end),
      })),
    });
  }
  return { id: entry.id, name: entry.name, documents };
}
