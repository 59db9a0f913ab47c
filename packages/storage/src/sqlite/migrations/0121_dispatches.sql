-- Dispatches and the excerpts they cite. An excerpt is an exact span of a document as one capture
-- had it (offsets in UTF-16 code units into the document's text) with the original text kept, so
-- neither a later version of the page nor a deleted document changes what was cited: no cascade.
CREATE TABLE excerpts (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents (id),
  capture_sha256 TEXT NOT NULL REFERENCES captures (sha256),
  span_start INTEGER NOT NULL,
  span_end INTEGER NOT NULL,
  text TEXT NOT NULL,
  annotation_id TEXT,
  translation TEXT,
  translation_origin TEXT CHECK (translation_origin IN ('machine', 'analyst')),
  translation_by TEXT,
  note TEXT,
  created_at TEXT NOT NULL,
  CHECK (span_start >= 0 AND span_end > span_start)
);
CREATE INDEX excerpts_document ON excerpts (document_id);

CREATE TABLE dispatches (
  id TEXT PRIMARY KEY,
  headline TEXT NOT NULL,
  subheadline TEXT,
  dated TEXT NOT NULL,
  summary TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- The blocks of a dispatch in order: a heading, the analyst's text, or an excerpt.
CREATE TABLE dispatch_items (
  dispatch_id TEXT NOT NULL REFERENCES dispatches (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('heading', 'text', 'excerpt')),
  text TEXT,
  excerpt_id TEXT REFERENCES excerpts (id),
  PRIMARY KEY (dispatch_id, position),
  CHECK ((kind = 'excerpt') = (excerpt_id IS NOT NULL))
);
