-- Syndication and reposts: near-duplicate signatures (opaque bytes of the dedupe stage, kept so the
-- index can be rebuilt without re-reading texts), group membership, and Telegram forward edges.

-- The integer sequence is the order signatures were first stored: a rebuild re-adds them in it.
CREATE TABLE document_signatures (
  sequence INTEGER PRIMARY KEY,
  document_id TEXT NOT NULL UNIQUE REFERENCES documents (id),
  scheme TEXT NOT NULL,
  content_sha256 TEXT NOT NULL,
  data BLOB NOT NULL
);

-- Documents with at least one known copy; group_id is the group's earliest appearance.
CREATE TABLE duplicate_members (
  document_id TEXT PRIMARY KEY REFERENCES documents (id),
  group_id TEXT NOT NULL
);
CREATE INDEX duplicate_members_group ON duplicate_members (group_id);

-- from_message_id is '' when the export does not name the original post (a key column cannot be NULL portably).
CREATE TABLE forward_edges (
  document_id TEXT NOT NULL REFERENCES documents (id),
  from_channel TEXT NOT NULL,
  from_message_id TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (document_id, from_channel, from_message_id)
);
CREATE INDEX forward_edges_channel ON forward_edges (from_channel);
