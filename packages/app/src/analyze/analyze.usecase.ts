// One document's analysis (normalized text, metadata, resolved entities), never stored as a
// document. It is prepared exactly as ingest would prepare it. A URL is fetched through the same
// guarded fetcher `watch` uses (address guard after DNS on every hop, size and redirect limits) and,
// when the entry point passes a store, the exchange is archived like every other fetch.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  annotationsOfKind,
  InputError,
  prepareDocument,
  type Document,
  sha256Hex,
  type Annotation,
  type Entity,
  type Fetcher,
  type IngestItem,
  type Store,
} from '@echotrace/core';
import {
  analyzeEntities,
  buildKnowledgeBase,
  hasNerModel,
  recognizeEntities,
  type KnowledgeBase,
  type ResolvedMention,
} from '@echotrace/entities';
import { parseHtmlFile, parseTextFile, sourceFor } from '@echotrace/extract';
import { screenEntityAnnotations } from '@echotrace/sanctions';
import { extractQuotes, quoteAnnotations } from '@echotrace/quotes';
import { createLabelEnricher } from '@echotrace/narratives';
import { narrativeView, techniqueView, type LabelView } from '../labels/label.view.ts';
import { fetchArchived } from '../acquisition/fetch.usecase.ts';
import { russianVerbLemmas } from '../quotes/quote.language.ts';
import { createStoredScreener } from '../enrichment/enrichment.factory.ts';
import {
  loadStoredKnowledgeBase,
  readKnowledgeBaseFile,
  seedEntries,
} from '../entities/knowledge.base.loader.ts';

export interface AnalyzedEntity {
  text: string;
  type: string;
  start: number;
  end: number;
  entityId: string;
  name: string;
  confidence: number;
  reason: string;
  recognitionConfidence: number;
  linkConfidence: number;
  candidate: boolean;
  explanation: string;
  title?: string;
}

/** docs/analyze.md; key order is the `--json` output's. */
export interface Analysis {
  source: string;
  text: string;
  language: string;
  title: string | null;
  publishedAt: string | null;
  paragraphs: Array<{ start: number; end: number }>;
  entities: AnalyzedEntity[];
  /** Mentions screening flags against the store's sanctions lists (empty without a store or list). */
  sanctions: AnalyzedSanction[];
  /** Direct and indirect speech with speakers resolved to `entities` (docs/analyze.md). */
  quotes: AnalyzedQuote[];
  warnings: string[];
  /** Narratives the document advances, each with its score and evidence sentences (docs/analyze.md). */
  narratives?: AnalyzedLabel[];
  /** Persuasion techniques per paragraph, each with its triggering sentence. */
  techniques?: AnalyzedLabel[];
}

/** A narrative or technique label with its evidence (the view `documentLabels` shows too). */
export type AnalyzedLabel = LabelView;

/** `quotes`: the document's quote annotations, which tell the labeller reported speech from the outlet's own. */
function analyzeLabels(
  document: Document,
  quotes: readonly Annotation[],
): Pick<Analysis, 'narratives' | 'techniques'> {
  const labels = createLabelEnricher().annotate(document, {
    of: (kind) => annotationsOfKind(quotes, kind),
  }) as Annotation[];
  return {
    narratives: annotationsOfKind(labels, 'narrative').map((a) => narrativeView(document.text, a)),
    techniques: annotationsOfKind(labels, 'technique').map((a) => techniqueView(document.text, a)),
  };
}

/** A span with the text it covers. */
export interface AnalyzedSpan {
  start: number;
  end: number;
  text: string;
}

export interface AnalyzedQuote {
  start: number;
  end: number;
  text: string;
  mode: 'direct' | 'indirect';
  parts: AnalyzedSpan[];
  cue: AnalyzedSpan | null;
  speaker: AnalyzedSpan | null;
  speakerEntityId: string | null;
  /** The entity mention the speaker was resolved through (earlier in the text for a pronoun). */
  speakerMention: AnalyzedSpan | null;
  resolution: string;
  role: AnalyzedSpan | null;
  level: number;
  /** Index in `quotes` of the quote this one is inside. */
  parent: number | null;
  unclosed: boolean;
  construction: string;
  confidence: number;
}

function analyzeQuotes(
  document: Pick<Document, 'id' | 'text'>,
  language: string,
  resolved: readonly ResolvedMention[],
): { quotes: AnalyzedQuote[]; annotations: Annotation[] } {
  const text = document.text;
  const spanOf = (span: { start: number; end: number } | null): AnalyzedSpan | null =>
    span ? { start: span.start, end: span.end, text: text.slice(span.start, span.end) } : null;
  const quotes = extractQuotes({
    text,
    language,
    lemmatize: russianVerbLemmas,
    mentions: resolved.map((m) => ({
      start: m.start,
      end: m.end,
      entityId: m.entityId,
      type: m.type,
      ...(m.attributes?.title ? { title: m.attributes.title } : {}),
    })),
  });
  const output = quotes.map((q) => ({
    start: q.content.start,
    end: q.content.end,
    text: text.slice(q.content.start, q.content.end),
    mode: q.mode,
    parts: q.parts.map((p) => spanOf(p)!),
    cue: spanOf(q.cue),
    speaker: spanOf(q.speaker),
    speakerEntityId: q.speakerEntityId,
    speakerMention: spanOf(q.speakerMention),
    resolution: q.resolution,
    role: spanOf(q.role),
    level: q.level,
    parent: q.parent,
    unclosed: q.unclosed,
    construction: q.construction,
    confidence: q.confidence,
  }));
  return { quotes: output, annotations: quoteAnnotations(document, quotes) };
}

/** A flagged mention with the analyst's status of its (entity, list entry) pair. */
export interface AnalyzedSanction {
  start: number;
  end: number;
  text: string;
  entityId: string;
  list: string;
  listEntryId: string;
  listedName: string;
  programs: string[];
  score: number;
  /** open, or confirmed by an analyst (dismissed pairs are not flagged). */
  status: 'open' | 'confirmed';
  reason: string | null;
  explanation: string;
  ambiguous: boolean;
}

async function screenAnalysis(
  store: Store | null,
  documentId: string,
  text: string,
  resolved: readonly ResolvedMention[],
): Promise<AnalyzedSanction[]> {
  if (!store) return [];
  const screener = await createStoredScreener(store);
  if (!screener) return [];
  const mentions: Annotation[] = resolved.map((m, index) => ({
    id: `m${index}`,
    documentId,
    kind: 'entity',
    label: m.type,
    start: m.start,
    end: m.end,
    confidence: m.confidence,
    producer: 'analyze',
    producerVersion: '1',
    attributes: { entityId: m.entityId, name: m.name, reason: m.reason, surface: m.text },
  }));
  const confirmed = new Map(
    (await store.sanctions.decisions())
      .filter((d) => d.status === 'confirmed')
      .map((d) => [`${d.entityId}\u0000${d.list}\u0000${d.listEntryId}`, d.reason]),
  );
  return screenEntityAnnotations(documentId, mentions, screener, text).map((a) => {
    const entityId = String(a.attributes.entityId);
    const list = String(a.attributes.list);
    const listEntryId = String(a.attributes.listEntryId);
    const reason = confirmed.get(`${entityId}\u0000${list}\u0000${listEntryId}`);
    return {
      start: a.start,
      end: a.end,
      text: text.slice(a.start, a.end),
      entityId,
      list,
      listEntryId,
      listedName: String(a.attributes.listedName),
      programs: a.attributes.programs as string[],
      score: a.confidence,
      status: reason === undefined ? 'open' : 'confirmed',
      reason: reason ?? null,
      explanation: String(a.attributes.explanation),
      ambiguous: a.attributes.ambiguous === true,
    };
  });
}

export type AnalyzeInput =
  | { kind: 'bytes'; bytes: Uint8Array; mediaType: string | null; origin: string }
  | { kind: 'file'; path: string }
  | { kind: 'url'; url: string };

export interface AnalyzeDependencies {
  /** Store to read the knowledge base from and archive fetches into; null analyzes against the seed. */
  store: Store | null;
  /** Builds the guarded fetcher; called only for a URL. */
  createFetcher: () => Fetcher;
}

export interface AnalyzeRequest {
  input: AnalyzeInput;
  /** Language of the text; default detected. */
  language?: string;
  /** Knowledge-base files whose entries are added to (or replace) the base's. */
  kbFiles?: string[];
  signal?: AbortSignal;
}

/** `FILE`, `URL` or `-` as given on a command line. */
export function analyzeInputOf(argument: string): Exclude<AnalyzeInput, { kind: 'bytes' }> | null {
  if (argument === '-') return null;
  return /^https?:\/\//i.test(argument) ? { kind: 'url', url: argument } : { kind: 'file', path: argument };
}

export async function analyzeDocument(deps: AnalyzeDependencies, request: AnalyzeRequest): Promise<Analysis> {
  const { bytes, mediaType, origin } = await readInput(deps, request.input, request.signal);
  const item = toItem(origin, bytes, mediaType);
  const document = prepareDocument(item, sha256Hex(bytes), new Date().toISOString()).document;
  const language = (request.language ?? document.language).split('-')[0]!.toLowerCase();
  const warnings: string[] = [];
  const kb = await knowledgeBase(deps.store, request.kbFiles ?? []);
  let resolved: ResolvedMention[] = [];
  if (hasNerModel(language)) {
    resolved = await analyzeEntities(document.text, language, kb, recognizeEntities);
  } else {
    warnings.push(`no entity recognizer for language ${JSON.stringify(language)}: entities not analyzed`);
  }
  const quotes = analyzeQuotes(document, language, resolved);
  return {
    source: origin,
    text: document.text,
    language,
    title: document.title,
    publishedAt: document.publishedAt,
    paragraphs: document.paragraphs,
    entities: resolved.map(toOutput),
    sanctions: await screenAnalysis(deps.store, document.id, document.text, resolved),
    quotes: quotes.quotes,
    warnings,
    ...analyzeLabels({ ...document, language }, quotes.annotations),
  };
}

function toOutput(m: ResolvedMention): AnalyzedEntity {
  return {
    text: m.text,
    type: m.type,
    start: m.start,
    end: m.end,
    entityId: m.entityId,
    name: m.name,
    confidence: Math.round(m.confidence * m.linkConfidence * 1000) / 1000,
    reason: m.reason,
    recognitionConfidence: m.confidence,
    linkConfidence: m.linkConfidence,
    candidate: m.candidate,
    explanation: m.explanation,
    ...(m.attributes?.title ? { title: m.attributes.title } : {}),
  };
}

async function knowledgeBase(store: Store | null, files: string[]): Promise<KnowledgeBase> {
  const base = store ? await loadStoredKnowledgeBase(store) : buildKnowledgeBase(await seedEntries());
  if (files.length === 0) return base;
  const extra: Entity[] = [];
  for (const file of files) extra.push(...(await readKnowledgeBaseFile(file)));
  const byId = new Map([...base.entities.values()].map((e) => [e.id, e]));
  for (const e of extra) byId.set(e.id, e);
  return buildKnowledgeBase([...byId.values()]);
}

async function readInput(
  deps: AnalyzeDependencies,
  input: AnalyzeInput,
  signal: AbortSignal | undefined,
): Promise<{ bytes: Uint8Array; mediaType: string | null; origin: string }> {
  switch (input.kind) {
    case 'bytes':
      return input;
    case 'url': {
      const fetcher = deps.createFetcher();
      const response = deps.store
        ? (await fetchArchived({ store: deps.store, fetcher }, input.url, signal)).response
        : await fetcher.fetch({ url: input.url, signal });
      if (response.status < 200 || response.status >= 300)
        throw new InputError(input.url, `HTTP ${response.status}`);
      return {
        bytes: response.bytes,
        mediaType: response.headers['content-type'] ?? null,
        origin: response.finalUrl || input.url,
      };
    }
    case 'file':
      try {
        return { bytes: await readFile(input.path), mediaType: null, origin: input.path };
      } catch (error) {
        throw new InputError(
          input.path,
          `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
        );
      }
  }
}

function toItem(origin: string, bytes: Uint8Array, mediaType: string | null): IngestItem {
  const source = sourceFor('analyze', 'files');
  const head = new TextDecoder().decode(bytes.subarray(0, 1024));
  const html =
    /html/i.test(mediaType ?? '') ||
    /\.html?$/i.test(path.extname(origin.split(/[?#]/)[0] ?? '')) ||
    /^\s*(?:<!doctype html|<html|<head|<body|<article)/i.test(head.replace(/^\uFEFF/, ''));
  const items = html
    ? parseHtmlFile(origin, origin, bytes, source)
    : parseTextFile(origin, origin, bytes, source);
  const item = items[0];
  if (!item || 'failed' in item) throw new InputError(origin, item ? item.reason : 'nothing to analyze');
  return item;
}
