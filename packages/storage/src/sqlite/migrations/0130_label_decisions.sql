-- An analyst's verdict on a narrative or technique label of a document: confirmed or rejected, by
-- whom, with a note. Apart from the annotations (re-enrichment replaces those) and without a foreign
-- key, so the verdict survives re-processing and re-ingestion; the label enricher applies it.
CREATE TABLE label_decisions (
  document_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('narrative', 'technique')),
  label_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('confirmed', 'rejected')),
  analyst TEXT NOT NULL,
  note TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  PRIMARY KEY (document_id, kind, label_id)
);
