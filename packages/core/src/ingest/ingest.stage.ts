// The ingest stage: turns items read by any reader (files, feeds, Telegram exports) into stored
// documents. Items are written in batches, each one atomic, so an interrupted run loses nothing it
// committed and a re-run skips what is already stored with the same content.
import { describeError, InputError } from '../errors.ts';
import { documentIdForKey, sha256Hex } from '../hashing.ts';
import type { Annotation, Capture, Document, Source, Timestamp } from '../model.ts';
import type { Clock, Store, UpsertOutcome } from '../ports.ts';
import { identifyLanguage } from '../text/language.ts';
import { normalizeText, paragraphSpans } from '../text/normalize.ts';
import { toRunner, writeOutput, type Enrichment } from '../enrichment/enrichment.runner.ts';
import type { EnrichmentOutput } from '../enrichment/enrichment.model.ts';
import { createSourceMatcher } from './source.matcher.ts';
import { telegramPostUrl } from './telegram.url.ts';

// Enricher moved to the enrichment module; re-exported here for the stages that imported it from ingest.
export type { Enricher } from '../enrichment/enrichment.model.ts';

/** A link in an item's text: `[start, end)` into `IngestItem.text` (UTF-16 code units) and its target. */
export interface IngestLink {
  start: number;
  end: number;
  url: string;
}

/** Who writes the `link` annotations that readers hand over with an item (markup, not an enricher). */
export const LINK_PRODUCER = 'markup';
export const LINK_PRODUCER_VERSION = '1';

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
  /** Links in `text` (the reader stripped their markup); stored as `link` annotations. */
  links?: IngestLink[];
  /**
   * Telegram: the post's id in its channel. When the item has no canonical URL and the source it is
   * attributed to has a `https://t.me/<name>` homepage, the post's URL is derived from both.
   */
  telegramMessageId?: number | string;
}

/** A reader's report that one input could not be turned into items. */
export interface IngestFailure {
  failed: true;
  origin: string;
  reason: string;
  /**
   * The input's bytes when they were read but nothing could be extracted from them (a page past the
   * HTML bounds): archived as a capture with no document, so the evidence is kept and the failure
   * names it.
   */
  capture?: IngestItem['capture'];
}

export type IngestInput = IngestItem | IngestFailure;

export interface IngestSummary {
  added: number;
  updated: number;
  unchanged: number;
  /** `archived`: the SHA-256 of the capture the failed input's bytes are kept under, when they are. */
  failed: Array<{ origin: string; reason: string; archived?: string }>;
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
  links: Annotation[];
}

// Private-use code points mark link ends through normalization: they are neither whitespace nor
// control characters, so normalizeText keeps them where they are and their positions are the spans.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKERS = /[\uE000\uE001]/g;

function normalizeWithLinks(
  raw: string,
  links: readonly IngestLink[],
): { text: string; spans: IngestLink[] } {
  if (links.length === 0) return { text: normalizeText(raw), spans: [] };
  const cuts: Array<{ at: number; mark: string; order: number }> = [];
  const valid = links
    .filter((l) => l.start >= 0 && l.end > l.start && l.end <= raw.length)
    .sort((a, b) => a.start - b.start || a.end - b.end)
    // Links do not overlap in any markup we read; one that does would pair markers wrongly.
    .filter((l, i, all) => i === 0 || l.start >= all[i - 1]!.end);
  // Ends before starts at one offset, so adjacent links do not nest.
  valid.forEach((l, i) => {
    cuts.push({ at: l.start, mark: OPEN, order: 1 + i });
    cuts.push({ at: l.end, mark: CLOSE, order: -valid.length + i });
  });
  cuts.sort((a, b) => a.at - b.at || a.order - b.order);
  let marked = '';
  let cursor = 0;
  const clean = (s: string): string => s.replace(MARKERS, '');
  for (const cut of cuts) {
    marked += clean(raw.slice(cursor, cut.at)) + cut.mark;
    cursor = cut.at;
  }
  marked += clean(raw.slice(cursor));
  const normalized = normalizeText(marked);
  let text = '';
  const opens: number[] = [];
  const closes: number[] = [];
  let last = 0;
  for (const match of normalized.matchAll(MARKERS)) {
    text += normalized.slice(last, match.index);
    (match[0] === OPEN ? opens : closes).push(text.length);
    last = match.index + 1;
  }
  text += normalized.slice(last);
  // Markers come out in the order they went in: the nth open and nth close belong to the nth link.
  const spans: IngestLink[] = [];
  valid.forEach((link, i) => {
    const start = opens[i];
    const end = closes[i];
    if (start !== undefined && end !== undefined && end > start) spans.push({ start, end, url: link.url });
  });
  return { text, spans };
}

function linkAnnotations(documentId: string, text: string, spans: readonly IngestLink[]): Annotation[] {
  return spans.map((span) => ({
    id: sha256Hex(`${documentId}\u0000link\u0000${span.start}\u0000${span.end}`).slice(0, 32),
    documentId,
    kind: 'link',
    label: 'link',
    start: span.start,
    end: span.end,
    confidence: 1,
    producer: LINK_PRODUCER,
    producerVersion: LINK_PRODUCER_VERSION,
    attributes: { url: span.url, text: text.slice(span.start, span.end) },
  }));
}

/** Normalizes one item into a document; throws InputError when there is nothing to store. */
export function prepareDocument(item: IngestItem, captureSha256: string, now: Timestamp): Prepared {
  const { text, spans } = normalizeWithLinks(item.text, item.links ?? []);
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
      // Only items with links hash them, so the documents stored before links existed stay unchanged.
      ...(spans.length > 0 ? [spans] : []),
    ]),
  );
  return { item, document, contentSha256, links: linkAnnotations(document.id, text, spans) };
}

// A public post's address: the one canonical URL trusted to name one document whatever its key
// (a web page's canonical link can name its homepage for every article; t.me post URLs cannot).
const TELEGRAM_POST = /^https:\/\/t\.me\/[a-z0-9_]{4,32}\/\d+$/i;

/**
 * One Telegram post is one document whether it came from an export (keyed `telegram:<chat>/<id>`)
 * or from watching the channel (keyed by its t.me URL): an item whose key is not stored but whose
 * post URL is takes the stored document's key, so it becomes that document's next version or is
 * unchanged, never a second document.
 */
async function adoptStoredKeys(store: Store, batch: Prepared[]): Promise<Prepared[]> {
  const urls = batch
    .map((p) => p.document.canonicalUrl)
    .filter((url): url is string => url !== null && TELEGRAM_POST.test(url));
  if (urls.length === 0) return batch;
  const stored = await store.documents.keysByCanonicalUrl(urls);
  if (stored.size === 0) return batch;
  const keysHere = new Set(batch.map((p) => p.item.key));
  const adopted: Prepared[] = [];
  for (const prepared of batch) {
    const url = prepared.document.canonicalUrl;
    const key = url ? stored.get(url.toLowerCase()) : undefined;
    if (
      !key ||
      key === prepared.item.key ||
      keysHere.has(key) ||
      (await store.documents.getByKey(prepared.item.key))
    )
      adopted.push(prepared);
    else
      adopted.push(
        prepareDocument(
          { ...prepared.item, key },
          prepared.document.captureSha256,
          prepared.document.ingestedAt,
        ),
      );
  }
  return adopted;
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

  // Two batches in flight: while one batch is written, the next is computed (in threads, where the
  // runner has them; in this thread the executor waits for the write to end, see `busy`). So the
  // write of batch N is issued after batch N+1 is read and checked, and its compute started.
  interface Pending {
    current: Prepared[];
    toWrite: Prepared[];
    enriched: Promise<EnrichmentOutput[]>;
  }
  let pending = null as Pending | null;
  let writing: Promise<void> | null = null;
  const busy = (): Promise<void> | null => writing;

  const write = async ({ current, toWrite }: Pending, enriched: EnrichmentOutput[]): Promise<void> => {
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
        if (outcome !== 'unchanged') {
          await writeOutput(store, document.id, enrichment.producers, enriched[index]!);
          await store.annotations.replace(document.id, LINK_PRODUCER, prepared.links);
        }
        results.push(outcome);
      }
      return results;
    });
    for (const outcome of outcomes) summary[outcome]++;
    processed += current.length;
    options.onProgress?.({ processed, summary });
  };

  /** Checks the batch, starts its compute, and writes the batch before it meanwhile. */
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const current = await adoptStoredKeys(store, batch);
    batch = [];
    // Read before the previous batch's write is issued (on SQLite a read waits for an open unit).
    const unchanged = await store.documents.unchangedKeys(
      current.map((p) => ({ key: p.item.key, contentSha256: p.contentSha256 })),
    );
    // A key the previous batch is about to write may be stored otherwise once it has: such items
    // go through the write, whose upsert tells unchanged from updated as a sequential run would.
    const inFlight = new Set(pending?.toWrite.map((p) => p.item.key));
    const toWrite = current.filter((p) => !unchanged.has(p.item.key) || inFlight.has(p.item.key));
    summary.unchanged += current.length - toWrite.length;
    const previous = pending;
    // One compute at a time, and none running when the write begins.
    const previousOutput = previous ? await previous.enriched : null;
    let ended = (): void => {};
    if (previous) writing = new Promise<void>((resolve) => (ended = resolve));
    // All compute outside the transaction: no row or write lock is held while taggers run.
    const enriched = enrichment.compute(
      toWrite.map((p) => p.document),
      { busy },
    );
    // Awaited by the next flush; until then a failure must not count as unhandled.
    enriched.catch(() => {});
    pending = { current, toWrite, enriched };
    if (!previous) return;
    try {
      await write(previous, previousOutput!);
    } finally {
      writing = null;
      ended();
    }
  };

  /** Writes the batch still in flight. */
  const drain = async (): Promise<void> => {
    const last = pending;
    if (!last) return;
    pending = null;
    await write(last, await last.enriched);
  };

  const captureHashes = new WeakMap<Uint8Array, string>();
  for await (const input of inputs) {
    if ('failed' in input) {
      summary.failed.push(await archiveFailed(store, input, options.clock));
      processed++;
      options.onProgress?.({
        processed: processed + batch.length + (pending?.current.length ?? 0),
        summary,
      });
      continue;
    }
    const now = input.capture.capturedAt ?? options.clock.now().toISOString();
    let sha = captureHashes.get(input.capture.bytes);
    if (sha === undefined) {
      sha = sha256Hex(input.capture.bytes);
      captureHashes.set(input.capture.bytes, sha);
    }
    try {
      const source = sources.match(input.source, input.canonicalUrl);
      const item = { ...input, source, canonicalUrl: input.canonicalUrl ?? citableUrl(input, source) };
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
      if (options.shouldStop?.()) {
        await drain();
        return summary;
      }
    }
  }
  await flush();
  await drain();
  return summary;
}

// Kept as evidence though not extracted: the capture is stored on its own (a no-op when the same
// bytes are already archived), and the failure says under which hash.
async function archiveFailed(
  store: Store,
  failure: IngestFailure,
  clock: Clock,
): Promise<IngestSummary['failed'][number]> {
  if (!failure.capture) return { origin: failure.origin, reason: failure.reason };
  const { bytes, mediaType, charset, origin } = failure.capture;
  const capturedAt = failure.capture.capturedAt ?? clock.now().toISOString();
  const capture = await store.transaction(() =>
    store.captures.put(bytes, { mediaType, charset, origin, capturedAt }),
  );
  return {
    origin: failure.origin,
    reason: `${failure.reason}; its bytes are archived as capture ${capture.sha256}`,
    archived: capture.sha256,
  };
}

function citableUrl(item: IngestItem, source: Source): string | null {
  if (item.telegramMessageId === undefined || source.kind !== 'telegram') return null;
  return telegramPostUrl(source.homepage, item.telegramMessageId);
}

function captureMeta(item: IngestItem, now: Timestamp): Omit<Capture, 'sha256' | 'byteLength'> {
  return {
    mediaType: item.capture.mediaType,
    charset: item.capture.charset,
    capturedAt: item.capture.capturedAt ?? now,
    origin: item.capture.origin,
  };
}
