// Ports: what core needs from the outside world. Adapters (packages/storage, packages/fetch)
// implement them; entry points choose which. Every method is async so that a networked database
// implements the same interface as the embedded one.
import type { ArchiveRepository } from './acquisition/archive.port.ts';
import type { AccountRepository, AuditLog } from './accounts/account.port.ts';
import type { LabelDecisionRepository } from './labels/label-decision.port.ts';
import type { SourceSettingsRepository } from './acquisition/source-settings.port.ts';
import type { DuplicateRepository } from './dedupe/duplicate.port.ts';
import type { TelegramPostRepository } from './acquisition/telegram-posts.port.ts';
import type { TranslationRepository } from './translation/translation.port.ts';
import type { DispatchRepository } from './dispatch/dispatch.port.ts';
import type { AlertRepository } from './alerts/alert.port.ts';
import type { AnalysisRepository } from './analysis/analysis.port.ts';
import type { EntityRepository } from './entities/entity.port.ts';
import type { Annotation, Capture, Document, Source, Timestamp } from './model.ts';
import type { SanctionsRepository } from './sanctions/sanctions.port.ts';
import type { Query, SearchFacets, SearchRequest, SearchResult } from './search/search.types.ts';

export interface SourceRepository {
  /** Inserts or replaces by id. */
  upsert(source: Source): Promise<void>;
  get(id: string): Promise<Source | null>;
  list(): Promise<Source[]>;
  /** Removes the source; refuses (InputError) while documents still reference it. */
  remove(id: string): Promise<void>;
}

export interface CaptureRepository {
  /** Stores bytes under their SHA-256; storing the same bytes again is a no-op returning the first record. */
  put(bytes: Uint8Array, meta: Omit<Capture, 'sha256' | 'byteLength'>): Promise<Capture>;
  get(sha256: string): Promise<Capture | null>;
  bytes(sha256: string): Promise<Uint8Array | null>;
  has(sha256: string): Promise<boolean>;
}

/** A document as ingest hands it to storage: the store assigns nothing, it only records. */
export interface DocumentVersion {
  documentId: string;
  captureSha256: string;
  /** SHA-256 of the normalized content (title, byline, time, text): what "changed" means. */
  contentSha256: string;
  seenAt: Timestamp;
}

export type UpsertOutcome = 'added' | 'updated' | 'unchanged';

export interface DocumentListOptions {
  /** Keyset cursor: return documents with id greater than this. */
  afterId?: string;
  limit: number;
  sourceId?: string;
}

export interface CorpusStats {
  documents: number;
  sources: Array<{ sourceId: string; name: string; documents: number }>;
  languages: Array<{ language: string; documents: number }>;
  /** `YYYY-MM` of publication (documents without a date are counted under `unknown`). */
  months: Array<{ month: string; documents: number }>;
  captures: number;
  annotations: number;
}

export interface DocumentRepository {
  /**
   * Records a document. A new key is `added`; the same content again is `unchanged` (nothing
   * written); changed content replaces the current text and appends a version, keeping the old
   * capture. The search index is updated in the same unit of work.
   */
  upsert(document: Document, contentSha256: string): Promise<UpsertOutcome>;
  get(id: string): Promise<Document | null>;
  getByKey(key: string): Promise<Document | null>;
  /** Which of these keys are already stored with this content hash (for fast resumable re-runs). */
  unchangedKeys(items: Array<{ key: string; contentSha256: string }>): Promise<Set<string>>;
  /**
   * The key of a stored document per canonical URL (compared lower-cased; the map's keys are the
   * lower-cased URLs), for recognizing one post however it was keyed (export or watch).
   */
  keysByCanonicalUrl(urls: readonly string[]): Promise<Map<string, string>>;
  versions(id: string): Promise<DocumentVersion[]>;
  list(options: DocumentListOptions): Promise<Document[]>;
  count(): Promise<number>;
  stats(): Promise<CorpusStats>;
}

export interface AnnotationQuery {
  kind?: string;
  label?: string;
  documentId?: string;
  limit?: number;
}

export interface AnnotationRepository {
  /** Replaces every annotation `producer` made on the document (re-processing is idempotent). */
  replace(documentId: string, producer: string, annotations: Annotation[]): Promise<void>;
  forDocument(documentId: string): Promise<Annotation[]>;
  find(query: AnnotationQuery): Promise<Annotation[]>;
}

export interface SearchIndex {
  search(request: SearchRequest): Promise<SearchResult>;
  /** Counts of every document the query matches, by source, language and entity (top `limit` each). */
  facets(query: Query, limit: number): Promise<SearchFacets>;
}

export type JobState = 'queued' | 'running' | 'done' | 'dead';

export interface JobRecord {
  id: string;
  queue: string;
  /** Idempotency key: enqueuing the same key twice in a queue adds one job. */
  key: string;
  payload: unknown;
  state: JobState;
  attempts: number;
  runAt: Timestamp;
  lastError: string | null;
}

export interface QueueStats {
  queue: string;
  queued: number;
  running: number;
  done: number;
  dead: number;
}

export interface JobQueue {
  /** Returns false when a job with this queue and key already exists. */
  enqueue(queue: string, key: string, payload: unknown, runAt?: Timestamp): Promise<boolean>;
  /** Leases up to `limit` due jobs to `workerId` until `leaseMs` from now; expired leases are re-claimable. */
  claim(queue: string, workerId: string, leaseMs: number, limit: number): Promise<JobRecord[]>;
  complete(id: string): Promise<void>;
  /** Retries at `retryAt`, or dead-letters with the error when `retryAt` is null. */
  fail(id: string, error: string, retryAt: Timestamp | null): Promise<void>;
  stats(): Promise<QueueStats[]>;
  /** Dead-lettered jobs, most recently failed first (for `echotrace jobs`). */
  failures(limit: number): Promise<JobRecord[]>;
}

/** Everything a run of Echotrace persists. */
export interface Store {
  readonly sources: SourceRepository;
  readonly captures: CaptureRepository;
  readonly documents: DocumentRepository;
  readonly annotations: AnnotationRepository;
  /** The knowledge base, analyst decisions and entity mention queries. */
  readonly entities: EntityRepository;
  /** Every HTTP exchange, pointing at its payload in `captures`. */
  readonly archive: ArchiveRepository;
  /** What to watch per source (feeds, sitemaps, interval) and how polling is going. */
  readonly sourceSettings: SourceSettingsRepository;
  /** Imported sanctions lists with their import history. */
  readonly sanctions: SanctionsRepository;
  /** Near-duplicate signatures, groups of copies and Telegram forward edges. */
  readonly duplicates: DuplicateRepository;
  /** Telegram posts as watched through a channel's web preview: views, edits, deletions. */
  readonly telegramPosts: TelegramPostRepository;
  /** Translations of document spans, machine-made or edited by analysts. */
  readonly translations: TranslationRepository;
  /** Dispatches with their excerpts and blocks. */
  readonly dispatches: DispatchRepository;
  /** Saved searches with their schedule and state, the events they fired and their deliveries. */
  readonly alerts: AlertRepository;
  /** Aggregates over selected documents: counts over time, spread, co-occurrence, exports. */
  readonly analysis: AnalysisRepository;
  /** Analysts' confirmed and rejected narrative and technique labels. */
  readonly labelDecisions: LabelDecisionRepository;
  readonly search: SearchIndex;
  readonly jobs: JobQueue;
  /** Users, sessions and API tokens of a shared installation. */
  readonly accounts: AccountRepository;
  /** Every change made through the server or the account commands: who, what, when. */
  readonly audit: AuditLog;
  /** Runs `work` as one atomic unit: all of its writes land, or none. Units do not interleave. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Time, injected so that stages are testable. */
export interface Clock {
  now(): Date;
}
