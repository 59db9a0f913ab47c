-- Foundation schema (PostgreSQL mirror of sqlite/migrations/0001_foundation.sql): sources, immutable
-- captures, documents with version history, annotations, the full-text index, and the job queue.
-- Text that is sorted or compared uses COLLATE "C" so that ORDER BY matches SQLite's byte order, and
-- times stay ISO-8601 text so both adapters compare and copy them identically.

CREATE TABLE sources (
  id TEXT COLLATE "C" PRIMARY KEY,
  name TEXT COLLATE "C" NOT NULL,
  kind TEXT NOT NULL,
  homepage TEXT,
  language TEXT,
  country TEXT,
  labels TEXT NOT NULL DEFAULT '[]'
);

-- Raw bytes, addressed by SHA-256. Rows are never updated.
CREATE TABLE captures (
  sha256 TEXT COLLATE "C" PRIMARY KEY,
  byte_length INTEGER NOT NULL,
  media_type TEXT NOT NULL,
  charset TEXT,
  captured_at TEXT NOT NULL,
  origin TEXT NOT NULL,
  bytes BYTEA NOT NULL
);

CREATE FUNCTION captures_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'captures are immutable';
END;
$$;

CREATE TRIGGER captures_immutable BEFORE UPDATE ON captures
  FOR EACH ROW EXECUTE FUNCTION captures_immutable();

-- search_vector holds core's analyzer output (folded, stemmed terms), not PostgreSQL's own
-- stemming, so that both adapters match the same documents; see docs/scaling.md.
CREATE TABLE documents (
  rowid BIGSERIAL PRIMARY KEY,
  id TEXT COLLATE "C" NOT NULL UNIQUE,
  key TEXT COLLATE "C" NOT NULL UNIQUE,
  source_id TEXT COLLATE "C" NOT NULL REFERENCES sources (id),
  capture_sha256 TEXT COLLATE "C" NOT NULL REFERENCES captures (sha256),
  content_sha256 TEXT NOT NULL,
  text TEXT NOT NULL,
  paragraphs TEXT NOT NULL,
  title TEXT,
  byline TEXT,
  published_at TEXT,
  -- published_at as a UTC instant, for range filters and ordering.
  published_utc TEXT COLLATE "C",
  language TEXT COLLATE "C" NOT NULL,
  canonical_url TEXT,
  ingested_at TEXT NOT NULL,
  search_vector TSVECTOR NOT NULL DEFAULT ''::tsvector
);
CREATE INDEX documents_source ON documents (source_id, published_utc);
CREATE INDEX documents_published ON documents (published_utc);
CREATE INDEX documents_language ON documents (language);
CREATE INDEX documents_search ON documents USING GIN (search_vector);

-- Every distinct content a document has had, with the capture it came from (edits are history).
CREATE TABLE document_versions (
  document_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id),
  content_sha256 TEXT COLLATE "C" NOT NULL,
  capture_sha256 TEXT COLLATE "C" NOT NULL REFERENCES captures (sha256),
  seen_at TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (document_id, content_sha256)
);

CREATE TABLE annotations (
  id TEXT COLLATE "C" PRIMARY KEY,
  document_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id),
  kind TEXT COLLATE "C" NOT NULL,
  label TEXT COLLATE "C" NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  confidence DOUBLE PRECISION NOT NULL,
  producer TEXT COLLATE "C" NOT NULL,
  producer_version TEXT NOT NULL,
  attributes TEXT NOT NULL DEFAULT '{}',
  entity_id TEXT GENERATED ALWAYS AS (attributes::jsonb ->> 'entityId') STORED,
  CHECK (start_offset >= 0 AND end_offset >= start_offset)
);
CREATE INDEX annotations_document ON annotations (document_id, producer);
CREATE INDEX annotations_kind ON annotations (kind, label);
CREATE INDEX annotations_entity ON annotations (entity_id) WHERE entity_id IS NOT NULL;

CREATE TABLE jobs (
  id BIGSERIAL PRIMARY KEY,
  queue TEXT COLLATE "C" NOT NULL,
  key TEXT COLLATE "C" NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued',
  attempts INTEGER NOT NULL DEFAULT 0,
  run_at TEXT COLLATE "C" NOT NULL,
  locked_by TEXT,
  locked_until TEXT COLLATE "C",
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (queue, key)
);
CREATE INDEX jobs_due ON jobs (queue, state, run_at);
