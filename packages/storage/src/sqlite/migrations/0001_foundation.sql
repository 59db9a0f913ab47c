-- Foundation schema: sources, immutable captures, documents with version history, annotations,
-- the full-text index, and the job queue.

CREATE TABLE sources (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  homepage TEXT,
  language TEXT,
  country TEXT,
  labels TEXT NOT NULL DEFAULT '[]'
);

-- Raw bytes, addressed by SHA-256. Rows are never updated.
CREATE TABLE captures (
  sha256 TEXT PRIMARY KEY,
  byte_length INTEGER NOT NULL,
  media_type TEXT NOT NULL,
  charset TEXT,
  captured_at TEXT NOT NULL,
  origin TEXT NOT NULL,
  bytes BLOB NOT NULL
);

CREATE TRIGGER captures_immutable BEFORE UPDATE ON captures
BEGIN
  SELECT RAISE(ABORT, 'captures are immutable');
END;

-- The integer rowid doubles as the full-text index's rowid. Small columns come first and the text
-- last: SQLite reads a row's columns in order, so filters and sorting never wade through the text.
CREATE TABLE documents (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  source_id TEXT NOT NULL REFERENCES sources (id),
  language TEXT NOT NULL,
  -- published_at as a UTC instant, for range filters and ordering.
  published_utc TEXT,
  published_at TEXT,
  content_sha256 TEXT NOT NULL,
  capture_sha256 TEXT NOT NULL REFERENCES captures (sha256),
  ingested_at TEXT NOT NULL,
  key TEXT NOT NULL UNIQUE,
  title TEXT,
  byline TEXT,
  canonical_url TEXT,
  paragraphs TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX documents_source ON documents (source_id, published_utc);
CREATE INDEX documents_published ON documents (published_utc);
CREATE INDEX documents_language ON documents (language);

-- Every distinct content a document has had, with the capture it came from (edits are history).
CREATE TABLE document_versions (
  document_id TEXT NOT NULL REFERENCES documents (id),
  content_sha256 TEXT NOT NULL,
  capture_sha256 TEXT NOT NULL REFERENCES captures (sha256),
  seen_at TEXT NOT NULL,
  PRIMARY KEY (document_id, content_sha256)
);

CREATE TABLE annotations (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents (id),
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  confidence REAL NOT NULL,
  producer TEXT NOT NULL,
  producer_version TEXT NOT NULL,
  attributes TEXT NOT NULL DEFAULT '{}',
  entity_id TEXT GENERATED ALWAYS AS (json_extract(attributes, '$.entityId')) VIRTUAL,
  CHECK (start_offset >= 0 AND end_offset >= start_offset)
);
CREATE INDEX annotations_document ON annotations (document_id, producer);
CREATE INDEX annotations_kind ON annotations (kind, label);
CREATE INDEX annotations_entity ON annotations (entity_id) WHERE entity_id IS NOT NULL;

-- Stemmed terms (core's analyzer) of title and text; contentless, the documents table holds text.
CREATE VIRTUAL TABLE documents_fts USING fts5 (
  title,
  body,
  content = '',
  contentless_delete = 1,
  prefix = '3',
  tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  queue TEXT NOT NULL,
  key TEXT NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued',
  attempts INTEGER NOT NULL DEFAULT 0,
  run_at TEXT NOT NULL,
  locked_by TEXT,
  locked_until TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (queue, key)
);
CREATE INDEX jobs_due ON jobs (queue, state, run_at);
