// Full result sets, streamed: every document a selection holds (no cap), read in keyset pages so
// memory stays flat however many there are, as rows (CSV, JSON lines) or as FollowTheMoney entities
// (an Article per document, a Mention per entity mention, each entity once) for Aleph and other
// investigative tools. Every row carries the document id, URL, source, time and a span.
import {
  codePointOffsets,
  codePointSpan,
  matchedWords,
  positiveTerms,
  type DocumentSelection,
  type Entity,
  type SelectedDocument,
  type SelectedMention,
  type Store,
} from '@echotrace/core';
import { csvRow, type CsvValue } from './csv.format.ts';

/** Documents read per page: large enough to amortize the query, small enough to keep memory flat. */
export const EXPORT_PAGE_SIZE = 500;

export const EXPORT_FORMATS = ['csv', 'jsonl', 'ftm'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportRow {
  documentId: string;
  url: string | null;
  sourceId: string;
  sourceName: string;
  publishedAt: string | null;
  language: string;
  title: string | null;
  /**
   * The first passage that matched, [start, end) in UTF-16 code units of the document text: the
   * first query word, else the first mention of the entity filter, else the whole text.
   */
  start: number;
  end: number;
  /** The same span in code points, as Python's `str` and most tools outside JavaScript index. */
  startCodePoint: number;
  endCodePoint: number;
  matched: string;
  /** Query words and entity mentions that matched in the text. */
  matches: number;
}

/** The selection's documents, page by page in ingest order (after the cursor `after`, when given). */
export async function* selectedDocuments(
  store: Store,
  selection: DocumentSelection,
  pageSize = EXPORT_PAGE_SIZE,
  after?: number,
): AsyncGenerator<SelectedDocument[]> {
  for (;;) {
    const page = await store.analysis.documentsPage(selection, { after, limit: pageSize });
    if (page.length === 0) return;
    yield page;
    after = page.at(-1)!.cursor;
  }
}

export interface MatchedSpan {
  start: number;
  end: number;
  /** Query words and entity mentions that matched in the text. */
  matches: number;
}

/**
 * Where a selected document matched: the first query word, else the first mention of the entity
 * filter, else the whole text. `mentions` (of `store.analysis.mentionsOf`) are read only when
 * `needsMentions`.
 */
export function matchedSpans(selection: DocumentSelection): {
  needsMentions: boolean;
  spanOf(document: SelectedDocument, mentions: readonly SelectedMention[]): MatchedSpan;
} {
  const terms = selection.kind === 'query' ? positiveTerms(selection.query.text) : [];
  const entities = new Set(selection.kind === 'query' ? selection.query.filters.entities : []);
  return {
    needsMentions: entities.size > 0,
    spanOf(document, mentions) {
      const spans = [
        // Analyzing the text costs more than reading it: only when there are words to find.
        ...(terms.length ? matchedWords(document.text, terms) : []),
        ...mentions.filter((m) => m.documentId === document.documentId && entities.has(m.entityId)),
      ].sort((a, b) => a.start - b.start || a.end - b.end);
      const first = spans[0] ?? { start: 0, end: document.text.length };
      return { start: first.start, end: first.end, matches: spans.length };
    },
  };
}

export async function* exportRows(
  store: Store,
  selection: DocumentSelection,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<ExportRow> {
  const names = new Map((await store.sources.list()).map((s) => [s.id, s.name]));
  const finder = matchedSpans(selection);
  for await (const page of selectedDocuments(store, selection, pageSize)) {
    const mentions = finder.needsMentions
      ? await store.analysis.mentionsOf(page.map((d) => d.documentId))
      : [];
    for (const document of page) {
      const { start, end, matches } = finder.spanOf(document, mentions);
      yield {
        documentId: document.documentId,
        url: document.canonicalUrl,
        sourceId: document.sourceId,
        sourceName: names.get(document.sourceId) ?? document.sourceId,
        publishedAt: document.publishedAt,
        language: document.language,
        title: document.title,
        start,
        end,
        ...codePointSpan(codePointOffsets(document.text), { start, end }),
        matched: document.text.slice(start, end),
        matches,
      };
    }
  }
}

export const EXPORT_CSV_COLUMNS: ReadonlyArray<keyof ExportRow> = [
  'documentId',
  'url',
  'sourceId',
  'sourceName',
  'publishedAt',
  'language',
  'title',
  'start',
  'end',
  'startCodePoint',
  'endCodePoint',
  'matched',
  'matches',
];

export const exportCsvRow = (row: ExportRow): string =>
  csvRow(EXPORT_CSV_COLUMNS.map((column) => row[column] as CsvValue));

/** A FollowTheMoney entity as a JSON line; `echotrace` carries our provenance beside the schema. */
export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
  echotrace: {
    documentId: string;
    url: string | null;
    sourceId: string;
    publishedAt: string | null;
    /** [start, end) in UTF-16 code units of the article's bodyText. */
    start: number;
    end: number;
    /** The same span in code points (Python's `str` indexing). */
    startCodePoint: number;
    endCodePoint: number;
  };
}

const FTM_SCHEMA: Record<string, string> = {
  PERSON: 'Person',
  ORGANIZATION: 'Organization',
  MEDIA: 'Organization',
  LOCATION: 'Address',
};

const ftmId = (kind: 'doc' | 'entity' | 'mention', id: string) => `echotrace-${kind}-${id}`;

/**
 * Articles, entities (each once, where first mentioned) and mentions. The set of entities already
 * written grows with the knowledge base, not with the number of documents.
 */
export async function* exportFtm(
  store: Store,
  selection: DocumentSelection,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<FtmEntity> {
  const names = new Map((await store.sources.list()).map((s) => [s.id, s.name]));
  const known = new Map<string, Entity>((await store.entities.list()).map((e) => [e.id, e]));
  const written = new Set<string>();
  for await (const page of selectedDocuments(store, selection, pageSize)) {
    const mentions = await store.analysis.mentionsOf(page.map((d) => d.documentId));
    const byDocument = new Map<string, SelectedMention[]>();
    for (const m of mentions) byDocument.set(m.documentId, [...(byDocument.get(m.documentId) ?? []), m]);
    for (const document of page) {
      const provenance = {
        documentId: document.documentId,
        url: document.canonicalUrl,
        sourceId: document.sourceId,
        publishedAt: document.publishedAt,
      };
      const toCodePoint = codePointOffsets(document.text);
      const properties: Record<string, string[]> = {
        title: document.title ? [document.title] : [],
        bodyText: [document.text],
        language: [document.language],
        publisher: [names.get(document.sourceId) ?? document.sourceId],
        publishedAt: document.publishedAt ? [document.publishedAt] : [],
        sourceUrl: document.canonicalUrl ? [document.canonicalUrl] : [],
      };
      yield {
        id: ftmId('doc', document.documentId),
        schema: 'Article',
        properties: Object.fromEntries(Object.entries(properties).filter(([, v]) => v.length)),
        echotrace: {
          ...provenance,
          start: 0,
          end: document.text.length,
          ...codePointSpan(toCodePoint, { start: 0, end: document.text.length }),
        },
      };
      for (const m of byDocument.get(document.documentId) ?? []) {
        const schema = FTM_SCHEMA[m.type] ?? 'LegalEntity';
        const surface = document.text.slice(m.start, m.end);
        const span = { ...provenance, start: m.start, end: m.end, ...codePointSpan(toCodePoint, m) };
        if (!written.has(m.entityId)) {
          written.add(m.entityId);
          const entity = known.get(m.entityId);
          const allNames = entity
            ? [...new Set([...Object.values(entity.names), ...entity.aliases])]
            : [surface];
          yield {
            id: ftmId('entity', m.entityId),
            schema,
            properties: schema === 'Address' ? { full: allNames } : { name: allNames },
            echotrace: span,
          };
        }
        yield {
          id: ftmId('mention', m.annotationId),
          schema: 'Mention',
          properties: {
            document: [ftmId('doc', document.documentId)],
            resolved: [ftmId('entity', m.entityId)],
            name: [surface],
            detectedSchema: [schema],
          },
          echotrace: span,
        };
      }
    }
  }
}
