// The ingest stage: turns items read by any reader (files, feeds, Telegram exports) into stored
// documents. Items are written in batches, each one atomic, so an interrupted run loses nothing it
// committed and a re-run skips what is already stored with the same content.
import { describeError, InputError } from '../errors.ts';
import { documentIdForKey, sha256Hex } from '../hashing.ts';
import type { Capture, Document, Source, Timestamp } from '../model.ts';
import type { Clock, Store, UpsertOutcome } from '../ports.ts';
import { identifyLanguage } from '../text/language.ts';
import { normalizeText, paragraphSpans } from '../text/normalize.ts';
import { toRunner, writeOutput, type Enrichment } from '../enrichment/enrichment.runner.ts';
import { createSourceMatcher } from './source.matcher.ts';

// Enricher moved to the enrichment module; re-exported here for the stages that imported it from ingest.
export type { Enricher } from '../enrichment/enrichment.model.ts';

/** One item as a reader produced it, before normalization. */
export interface IngestItem {
  /** Identity across runs: canonical URL, or `path#message-id`. */
  key: string;
  /** Where the item came from, for error messages: a path, `path:line`, a URL. */
  origin: string;
  source: Source;
  capture: {
    bytes: Uint8Array;
    mediaType: string;
    charset: string | null;
    origin: string;
    capturedAt?: Timestamp;
  };
  title: string | null;
  text: string;
  byline?: string | null;
  publishedAt: Timestamp | null;
  /** When the input states it; otherwise identified from the text. */
  language?: string | null;
  canonicalUrl?: string | null;
  /** Telegram: the channel this post was forwarded from. */
  forwardedFrom?: string;
}

/** A reader's report that one input could not be turned into items. */
export interface IngestFailure {
  failed: true;
  origin: string;
  reason: string;
}

export type IngestInput = IngestItem | IngestFailure;

export interface IngestSummary {
  added: number;
  updated: number;
  unchanged: number;
  failed: Array<{ origin: string; reason: string }>;
}

export interface IngestProgress {
  processed: number;
  summary: IngestSummary;
}

export interface IngestOptions {
  clock: Clock;
  /**
   * Run on every added or updated document, before its batch's write transaction; the annotations
   * are stored in that transaction with the document. A runner (threads) or a list (in-process).
   */
  enrichers?: Enrichment;
  batchSize?: number;
  onProgress?: (progress: IngestProgress) => void;
  /** Checked between batches; when it returns true the stage stops after committing what it has. */
  shouldStop?: () => boolean;
}

interface Prepared {
  item: IngestItem;
  document: Document;
  contentSha256: string;
}

/** Normalizes one item into a document; throws InputError when there is nothing to store. */
export function prepareDocument(item: IngestItem, captureSha256: string, now: Timestamp): Prepared {
  const text = normalizeText(item.text);
  const title = item.title ? normalizeText(item.title).replace(/\n+/g, ' ') : null;
  if (!text && !title) throw new InputError(item.origin, 'empty text: nothing to ingest');
  const language = item.language?.trim().toLowerCase() || identifyLanguage(`${title ?? ''}\n${text}`);
  const document: Document = {
    id: documentIdForKey(item.key),
    key: item.key,
    sourceId: item.source.id,
    captureSha256,
    text,
    paragraphs: paragraphSpans(text),
    title,
    byline: item.byline?.trim() || null,
    publishedAt: item.publishedAt,
    language,
    canonicalUrl: item.canonicalUrl ?? null,
    ingestedAt: now,
  };
  const contentSha256 = sha256Hex(
    JSON.stringify([
      document.title,
      document.byline,
      document.publishedAt,
      document.text,
      document.canonicalUrl,
    ]),
  );
  return { item, document, contentSha256 };
}

export async function ingest(
  store: Store,
  inputs: AsyncIterable<IngestInput>,
  options: IngestOptions,
): Promise<IngestSummary> {
  const batchSize = options.batchSize ?? 500;
  const summary: IngestSummary = { added: 0, updated: 0, unchanged: 0, failed: [] };
  let processed = 0;
  let batch: Prepared[] = [];

  const sources = createSourceMatcher(await store.sources.list());
  const enrichment = toRunner(options.enrichers);
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    const unchanged = await store.documents.unchangedKeys(
      current.map((p) => ({ key: p.item.key, contentSha256: p.contentSha256 })),
    );
    const toWrite = current.filter((p) => !unchanged.has(p.item.key));
    summary.unchanged += current.length - toWrite.length;
    // All compute first, outside the transaction: no row or write lock is held while taggers run.
    const enriched = await enrichment.compute(toWrite.map((p) => p.document));
    const outcomes = await store.transaction(async () => {
      const results: UpsertOutcome[] = [];
      const sourcesSeen = new Set<string>();
      const capturesSeen = new Set<string>();
      for (const [index, prepared] of toWrite.entries()) {
        const { item, document } = prepared;
        if (!sourcesSeen.has(item.source.id)) {
          sourcesSeen.add(item.source.id);
          if (!(await store.sources.get(item.source.id))) await store.sources.upsert(item.source);
        }
        if (!capturesSeen.has(document.captureSha256)) {
          capturesSeen.add(document.captureSha256);
          await store.captures.put(item.capture.bytes, captureMeta(item, document.ingestedAt));
        }
        const outcome = await store.documents.upsert(document, prepared.contentSha256);
        if (outcome !== 'unchanged')
          await writeOutput(store, document.id, enrichment.producers, enriched[index]!);
        results.push(outcome);
      }
      return results;
    });
    for (const outcome of outcomes) summary[outcome]++;
    processed += current.length;
    options.onProgress?.({ processed, summary });
  };

  const captureHashes = new WeakMap<Uint8Array, string>();
  for await (const input of inputs) {
    if ('failed' in input) {
      summary.failed.push({ origin: input.origin, reason: input.reason });
      processed++;
      options.onProgress?.({ processed: processed + batch.length, summary });
      continue;
    }
    const now = input.capture.capturedAt ?? options.clock.now().toISOString();
    let sha = captureHashes.get(input.capture.bytes);
    if (sha === undefined) {
      sha = sha256Hex(input.capture.bytes);
      captureHashes.set(input.capture.bytes, sha);
    }
    try {
      const item = { ...input, source: sources.match(input.source, input.canonicalUrl) };
      batch.push(prepareDocument(item, sha, now));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      summary.failed.push({
        origin: input.origin,
        reason: describeError(error).replace(`${input.origin}: `, ''),
      });
      processed++;
    }
    if (batch.length >= batchSize) {
      await flush();
      if (options.shouldStop?.()) return summary;
    }
  }
  await flush();
  return summary;
}

function captureMeta(item: IngestItem, now: Timestamp): Omit<Capture, 'sha256' | 'byteLength'> {
  return {
    mediaType: item.capture.mediaType,
    charset: item.capture.charset,
    capturedAt: item.capture.capturedAt ?? now,
    origin: item.capture.origin,
  };
}
