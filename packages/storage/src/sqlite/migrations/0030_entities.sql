-- The knowledge base: entries as imported or accepted, the analyst's decision log (replayed over
-- the entries on every load), and the merged-away ids that search's entity filter follows.

CREATE TABLE entities (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  names TEXT NOT NULL DEFAULT '{}',
  aliases TEXT NOT NULL DEFAULT '[]',
  metonyms TEXT NOT NULL DEFAULT '[]',
  description TEXT,
  external_ids TEXT NOT NULL DEFAULT '{}',
  origin TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX entities_type ON entities (type);

CREATE TABLE entity_decisions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  decision TEXT NOT NULL,
  note TEXT,
  decided_at TEXT NOT NULL
);

CREATE TABLE entity_redirects (
  from_id TEXT PRIMARY KEY,
  to_id TEXT NOT NULL
);
CREATE INDEX entity_redirects_to ON entity_redirects (to_id);
