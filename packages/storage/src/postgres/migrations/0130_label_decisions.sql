-- An analyst's verdict on a narrative or technique label of a document (mirror of SQLite's 0130):
-- kept apart from the annotations, without a foreign key, so it survives re-processing.
CREATE TABLE label_decisions (
  document_id TEXT COLLATE "C" NOT NULL,
  kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('narrative', 'technique')),
  label_id TEXT COLLATE "C" NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('confirmed', 'rejected')),
  analyst TEXT NOT NULL,
  note TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  PRIMARY KEY (document_id, kind, label_id)
);
