// The tables every store holds, typed for Kysely, read from the numbered migrations (the same
// columns on SQLite and PostgreSQL). JSON columns are TEXT on both databases (the dialect encodes
// them); integer flags are INTEGER 0/1 on both; bytes are BLOB/BYTEA (a Buffer or Uint8Array).
// Sequence columns come back as number (SQLite, PGlite) or string (node-postgres int8): map them
// with Number()/String() in rows/.
import type { ColumnType, Generated } from 'kysely';

/** A BIGSERIAL/INTEGER PRIMARY KEY the database assigns. */
type Sequence = ColumnType<number | string, number | undefined, never>;
/** Bytes: node-postgres and better-sqlite3 give a Buffer, PGlite a Uint8Array. */
type Bytes = ColumnType<Uint8Array, Uint8Array, Uint8Array>;

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface SourcesTable {
  id: string;
  name: string;
  kind: string;
  homepage: string | null;
  language: string | null;
  country: string | null;
  /** JSON array of strings. */
  labels: Generated<string>;
  owner: string | null;
}

export interface CapturesTable {
  sha256: string;
  byte_length: number;
  media_type: string;
  charset: string | null;
  captured_at: string;
  origin: string;
  bytes: Bytes;
}

export interface DocumentsTable {
  /** Doubles as the SQLite full-text index's rowid. */
  rowid: Sequence;
  id: string;
  key: string;
  source_id: string;
  capture_sha256: string;
  content_sha256: string;
  text: string;
  /** JSON array of paragraph spans. */
  paragraphs: string;
  title: string | null;
  byline: string | null;
  published_at: string | null;
  published_utc: string | null;
  language: string;
  canonical_url: string | null;
  ingested_at: string;
}

/** PostgreSQL only: documents.search_vector, written by the dialect's search seam. */
export interface PostgresDocumentsTable extends DocumentsTable {
  search_vector: Generated<string>;
}

/** SQLite only: the contentless FTS5 index over documents, keyed by documents.rowid. */
export interface DocumentsFtsTable {
  rowid: number;
  title: string;
  body: string;
}

export interface DocumentVersionsTable {
  document_id: string;
  content_sha256: string;
  capture_sha256: string;
  seen_at: string;
}

export interface AnnotationsTable {
  id: string;
  document_id: string;
  kind: string;
  label: string;
  start_offset: number;
  end_offset: number;
  confidence: number;
  producer: string;
  producer_version: string;
  /** JSON object. */
  attributes: Generated<string>;
  /** Generated from attributes.entityId by the database. */
  entity_id: ColumnType<string | null, never, never>;
  /** Generated from attributes.speakerEntityId (quotes) by the database (migration 0060). */
  speaker_entity_id: ColumnType<string | null, never, never>;
}

export interface JobsTable {
  id: Sequence;
  queue: string;
  key: string;
  /** JSON. */
  payload: string;
  state: Generated<'queued' | 'running' | 'done' | 'dead'>;
  attempts: Generated<number>;
  run_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface ArchiveEntriesTable {
  id: string;
  request_url: string;
  final_url: string;
  status: number;
  status_text: string;
  /** JSON. */
  headers: string;
  /** JSON. */
  request_headers: string;
  fetched_at: string;
  sha256: string;
  byte_length: number;
}

export interface SourceSettingsTable {
  source_id: string;
  /** JSON array. */
  feeds: Generated<string>;
  /** JSON array. */
  sitemaps: Generated<string>;
  poll_interval_minutes: number;
  /** 0/1 on both databases. */
  enabled: Generated<number>;
}

export interface SourceHealthTable {
  source_id: string;
  last_poll_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  consecutive_failures: Generated<number>;
  last_new_items: Generated<number>;
  next_poll_at: string | null;
}

export interface DocumentSignaturesTable {
  sequence: Sequence;
  document_id: string;
  scheme: string;
  content_sha256: string;
  data: Bytes;
}

export interface DuplicateMembersTable {
  document_id: string;
  group_id: string;
}

export interface ForwardEdgesTable {
  document_id: string;
  from_channel: string;
  from_message_id: Generated<string>;
}

export interface TelegramPostsTable {
  document_id: string;
  channel: string;
  /** BIGINT on PostgreSQL: read back as a string there. */
  message_id: number | string;
  views: number | string | null;
  edited: Generated<number>;
  forwarded_from: string | null;
  forwarded_from_url: string | null;
  first_seen_at: string;
  last_seen_at: string;
  deleted_at: string | null;
}

export interface TranslationsTable {
  id: string;
  document_id: string;
  span_start: number;
  span_end: number;
  source_language: string | null;
  target_language: string;
  text: string;
  /** 'machine' or 'edited'. */
  origin: string;
  provider: string;
  model: string | null;
  created_at: string;
  edited_at: string | null;
  approved_at: string | null;
}

export interface ExcerptsTable {
  id: string;
  document_id: string;
  capture_sha256: string;
  span_start: number;
  span_end: number;
  text: string;
  annotation_id: string | null;
  translation: string | null;
  /** 'machine', 'analyst' or null. */
  translation_origin: string | null;
  translation_by: string | null;
  note: string | null;
  created_at: string;
}

export interface DispatchesTable {
  id: string;
  headline: string;
  subheadline: string | null;
  dated: string;
  summary: string | null;
  created_at: string;
  updated_at: string;
}

export interface DispatchItemsTable {
  dispatch_id: string;
  position: number;
  /** 'heading', 'text' or 'excerpt'. */
  kind: string;
  text: string | null;
  excerpt_id: string | null;
}

export interface EntitiesTable {
  id: string;
  type: string;
  /** JSON object. */
  names: Generated<string>;
  /** JSON array. */
  aliases: Generated<string>;
  /** JSON array. */
  metonyms: Generated<string>;
  description: string | null;
  /** JSON object. */
  external_ids: Generated<string>;
  origin: string;
  updated_at: string;
}

export interface EntityDecisionsTable {
  seq: Sequence;
  kind: string;
  /** JSON. */
  decision: string;
  note: string | null;
  decided_at: string;
}

export interface EntityRedirectsTable {
  from_id: string;
  to_id: string;
}

export interface SanctionsListsTable {
  list: string;
  published_on: string | null;
  last_import_at: string | null;
}

export interface SanctionsEntriesTable {
  list: string;
  id: string;
  kind: string;
  name: string;
  /** JSON. */
  data: string;
  content_sha256: string;
  first_seen_at: string;
  removed_at: string | null;
}

export interface SanctionsNamesTable {
  seq: Sequence;
  list: string;
  entry_id: string;
  name: string;
  name_kind: string;
  /** 0/1. */
  weak: Generated<number>;
}

export interface SanctionsRelationsTable {
  seq: Sequence;
  list: string;
  from_id: string;
  kind: string;
  to_id: string | null;
  to_name: string | null;
  detail: string | null;
  start_date: string | null;
  end_date: string | null;
}

export interface SanctionsImportsTable {
  id: Sequence;
  list: string;
  /** JSON. */
  sources: string;
  published_on: string | null;
  imported_at: string;
  /** JSON. */
  added: string;
  /** JSON. */
  removed: string;
  /** JSON. */
  updated: string;
  unchanged: number;
}

export interface SanctionsDecisionsTable {
  entity_id: string;
  list: string;
  entry_id: string;
  /** 'confirmed' or 'dismissed'. */
  status: string;
  reason: string;
  decided_at: string;
}

export interface LabelDecisionsTable {
  document_id: string;
  /** 'narrative' or 'technique'. */
  kind: string;
  label_id: string;
  /** 'confirmed' or 'rejected'. */
  status: string;
  analyst: string;
  note: string;
  decided_at: string;
}

export interface AlertSearchesTable {
  name: string;
  query: string;
  every_minutes: number;
  /** JSON array of triggers. */
  triggers: string;
  webhook_url: string | null;
  webhook_secret_env: string | null;
  email: string | null;
  created_at: string;
}

export interface AlertStateTable {
  name: string;
  /** BIGINT on PostgreSQL: may come back as a string. */
  watermark: number | string;
  spike_period: string | null;
  evaluated_at: string;
  next_due_at: string;
}

export interface AlertSeenTable {
  name: string;
  key: string;
}

export interface AlertEventsTable {
  id: string;
  name: string;
  trigger: string;
  key: string;
  fired_at: string;
  title: string;
  summary: string;
  /** JSON object. */
  details: string;
}

export interface AlertDeliveriesTable {
  event_id: string;
  channel: string;
  target: string;
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string | null;
  last_error: string | null;
  delivered_at: string | null;
}

/** The tables both databases share: what repositories written once may touch. */
export interface Database {
  schema_migrations: SchemaMigrationsTable;
  sources: SourcesTable;
  captures: CapturesTable;
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
  annotations: AnnotationsTable;
  jobs: JobsTable;
  archive_entries: ArchiveEntriesTable;
  source_settings: SourceSettingsTable;
  source_health: SourceHealthTable;
  document_signatures: DocumentSignaturesTable;
  duplicate_members: DuplicateMembersTable;
  forward_edges: ForwardEdgesTable;
  telegram_posts: TelegramPostsTable;
  translations: TranslationsTable;
  excerpts: ExcerptsTable;
  dispatches: DispatchesTable;
  dispatch_items: DispatchItemsTable;
  alert_searches: AlertSearchesTable;
  alert_state: AlertStateTable;
  alert_seen: AlertSeenTable;
  alert_events: AlertEventsTable;
  alert_deliveries: AlertDeliveriesTable;
  entities: EntitiesTable;
  entity_decisions: EntityDecisionsTable;
  entity_redirects: EntityRedirectsTable;
  sanctions_lists: SanctionsListsTable;
  sanctions_entries: SanctionsEntriesTable;
  sanctions_names: SanctionsNamesTable;
  sanctions_relations: SanctionsRelationsTable;
  sanctions_imports: SanctionsImportsTable;
  sanctions_decisions: SanctionsDecisionsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_events: AuditEventsTable;
  label_decisions: LabelDecisionsTable;
}

/** What only the SQLite dialect touches (its full-text index). */
export interface SqliteDatabase extends Database {
  documents_fts: DocumentsFtsTable;
}

/** What only the PostgreSQL dialect touches (its search vector). */
export interface PostgresDatabase extends Omit<Database, 'documents'> {
  documents: PostgresDocumentsTable;
}

export interface UsersTable {
  id: string;
  username: string;
  /** 'viewer', 'analyst' or 'admin'. */
  role: string;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditEventsTable {
  /** BIGINT identity on PostgreSQL: read back as a string there. */
  id: Generated<number | string>;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  /** JSON object. */
  details: string;
}
