-- Translations of document spans (mirror of SQLite's 0120): offsets in UTF-16 code units into the
-- document's text; machine output is marked with its provider and model; an analyst's edit turns
-- it into `edited`, and neither an edit nor an approval is overwritten by a later machine run.
CREATE TABLE translations (
  id TEXT COLLATE "C" PRIMARY KEY,
  document_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  span_start INTEGER NOT NULL,
  span_end INTEGER NOT NULL,
  source_language TEXT,
  target_language TEXT NOT NULL,
  text TEXT NOT NULL,
  origin TEXT NOT NULL CHECK (origin IN ('machine', 'edited')),
  provider TEXT NOT NULL,
  model TEXT,
  created_at TEXT NOT NULL,
  edited_at TEXT,
  approved_at TEXT,
  CHECK (span_start >= 0 AND span_end >= span_start)
);
CREATE UNIQUE INDEX translations_span ON translations (document_id, target_language, span_start, span_end);
