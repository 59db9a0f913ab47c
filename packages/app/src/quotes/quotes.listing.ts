// `echotrace quotes`: the stored quotes, filtered by speaker (an entity and the ids merged into it),
// words in the quote, publication dates and source, each with the document, date, source, URL and
// span to cite. Documents are narrowed by search (the same `speaker:`, `source:`, `from:`, `to:`
// filters on both databases), then each document's quote annotations are read and filtered.
import {
  analyze,
  annotationsOfKind,
  parseQuery,
  positiveTerms,
  type Annotation,
  type Document,
  type QueryNode,
  type Store,
} from '@echotrace/core';
import { loadStoredKnowledgeBase } from '../entities/knowledge.base.loader.ts';

export interface QuoteListRequest {
  speaker?: string;
  /** Words that must all occur in the quote (stemmed like search). */
  query?: string;
  /** `from:` / `to:` bounds as the query language reads them (YYYY, YYYY-MM, YYYY-MM-DD). */
  from?: string;
  to?: string;
  source?: string;
  limit: number;
}

/** One quote as `quotes --json` prints it (key order is the output's). */
export interface ListedQuote {
  documentId: string;
  title: string | null;
  sourceId: string;
  publishedAt: string | null;
  url: string | null;
  start: number;
  end: number;
  text: string;
  mode: string;
  speaker: string | null;
  speakerEntityId: string | null;
  speakerName: string | null;
  role: string | null;
  cue: string | null;
  level: number;
  parts: Array<{ start: number; end: number }>;
  confidence: number;
}

const PAGE = 200;
// A listing reads at most this many documents' annotations; narrower filters find older quotes.
const MAX_DOCUMENTS = 20_000;

export async function listQuotes(store: Store, request: QuoteListRequest): Promise<ListedQuote[]> {
  const kb = await loadStoredKnowledgeBase(store);
  const speakerIds = request.speaker ? new Set(kb.idsOf(request.speaker)) : null;
  if (speakerIds && request.speaker) speakerIds.add(request.speaker);
  const filters = [
    request.speaker ? `speaker:${request.speaker}` : '',
    request.source ? `source:${request.source}` : '',
    request.from ? `from:${request.from}` : '',
    request.to ? `to:${request.to}` : '',
  ].filter(Boolean);
  const words = request.query?.trim() ? parseQuery(request.query).text : null;
  const out: ListedQuote[] = [];
  const keep = (document: Annotated): void => {
    for (const quote of annotationsOfKind(document.annotations, 'quote')) {
      const a = quote.attributes;
      if (speakerIds && !(a.speakerEntityId && speakerIds.has(a.speakerEntityId))) continue;
      const text = document.text.slice(quote.start, quote.end);
      if (words && !containsAll(text, words)) continue;
      out.push({
        documentId: document.id,
        title: document.title,
        sourceId: document.sourceId,
        publishedAt: document.publishedAt,
        url: document.canonicalUrl,
        start: quote.start,
        end: quote.end,
        text,
        mode: a.mode ?? quote.label.toLowerCase(),
        speaker: a.speaker,
        speakerEntityId: a.speakerEntityId ?? null,
        speakerName: a.speakerEntityId
          ? (kb.get(a.speakerEntityId)?.names.en ?? kb.get(a.speakerEntityId)?.names.ru ?? null)
          : null,
        role: a.role ?? null,
        cue: a.cueText ?? null,
        level: a.level ?? 0,
        parts: a.parts ?? [{ start: quote.start, end: quote.end }],
        confidence: quote.confidence,
      });
    }
  };
  const query = [...filters, request.query?.trim() ?? ''].filter(Boolean).join(' ');
  if (query) {
    const parsed = parseQuery(query);
    for (let offset = 0; offset < MAX_DOCUMENTS && out.length < request.limit; offset += PAGE) {
      const page = await store.search.search({ query: parsed, limit: PAGE, offset });
      for (const hit of page.hits) {
        const document = await withAnnotations(store, hit.documentId);
        if (document) keep(document);
      }
      if (page.hits.length < PAGE) break;
    }
  } else {
    const seen = new Set<string>();
    for (const annotation of await store.annotations.find({ kind: 'quote', limit: request.limit * 20 })) {
      if (seen.has(annotation.documentId)) continue;
      seen.add(annotation.documentId);
      const document = await withAnnotations(store, annotation.documentId);
      if (document) keep(document);
    }
  }
  return out
    .sort(
      (a, b) =>
        (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') ||
        a.documentId.localeCompare(b.documentId) ||
        a.start - b.start,
    )
    .slice(0, request.limit);
}

type Annotated = Document & { annotations: Annotation[] };

async function withAnnotations(store: Store, id: string): Promise<Annotated | null> {
  const document = await store.documents.get(id);
  if (!document) return null;
  return { ...document, annotations: await store.annotations.forDocument(id) };
}

/** Every positive word of the query occurs in the text (one of its stems, or its prefix). */
function containsAll(text: string, node: QueryNode): boolean {
  const terms = new Set(analyze(text).map((t) => t.term));
  const groups = termGroups(node);
  if (groups.length === 0) return positiveTerms(node).length === 0;
  return groups.every((group) =>
    group.terms.some((term) => (group.prefix ? [...terms].some((t) => t.startsWith(term)) : terms.has(term))),
  );
}

function termGroups(node: QueryNode): Array<{ terms: string[]; prefix: boolean }> {
  switch (node.kind) {
    case 'term':
      return [{ terms: node.terms, prefix: node.prefix }];
    case 'phrase':
      return node.terms.map((term) => ({ terms: [term], prefix: false }));
    case 'and':
    case 'or':
      return node.children.flatMap(termGroups);
    case 'not':
      return [];
  }
}
