-- The score-bound cell of each document's full-text entry (database/sqlite.score-bound.ts): the
-- entry's FTS5 rowid is the document's rowid plus the cell times 2^40, and this is how an update
-- finds the entry to replace. Entries indexed before this migration keep cell 0 (no bound: they
-- are scored by every search, as all were before) until the document is indexed again.
CREATE TABLE documents_fts_cells (
  rowid INTEGER PRIMARY KEY,
  cell INTEGER NOT NULL
);
