-- Sanctions lists: current and formerly listed entries (removed_at set when a newer import no longer
-- has them), every name and alias for lookup, relations between entries, and the import history with
-- the ids each import added, removed and updated.

CREATE TABLE sanctions_lists (
  list TEXT PRIMARY KEY,
  published_on TEXT,
  last_import_at TEXT
);

CREATE TABLE sanctions_entries (
  list TEXT NOT NULL,
  id TEXT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  -- The whole entry as JSON (programs, identifiers, dates, addresses): read back as it was imported.
  data TEXT NOT NULL,
  content_sha256 TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  removed_at TEXT,
  PRIMARY KEY (list, id)
);

CREATE TABLE sanctions_names (
  list TEXT NOT NULL,
  entry_id TEXT NOT NULL,
  name TEXT NOT NULL,
  -- 'primary', 'aka', 'fka' or 'nka'.
  name_kind TEXT NOT NULL,
  weak INTEGER NOT NULL DEFAULT 0,
  FOREIGN KEY (list, entry_id) REFERENCES sanctions_entries (list, id) ON DELETE CASCADE
);
CREATE INDEX sanctions_names_entry ON sanctions_names (list, entry_id);
CREATE INDEX sanctions_names_name ON sanctions_names (name);

CREATE TABLE sanctions_relations (
  list TEXT NOT NULL,
  from_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  to_id TEXT,
  to_name TEXT,
  detail TEXT,
  start_date TEXT,
  end_date TEXT
);
CREATE INDEX sanctions_relations_from ON sanctions_relations (list, from_id);
CREATE INDEX sanctions_relations_to ON sanctions_relations (list, to_id);

CREATE TABLE sanctions_imports (
  id INTEGER PRIMARY KEY,
  list TEXT NOT NULL,
  sources TEXT NOT NULL,
  published_on TEXT,
  imported_at TEXT NOT NULL,
  added TEXT NOT NULL,
  removed TEXT NOT NULL,
  updated TEXT NOT NULL,
  unchanged INTEGER NOT NULL
);
CREATE INDEX sanctions_imports_list ON sanctions_imports (list, imported_at);
