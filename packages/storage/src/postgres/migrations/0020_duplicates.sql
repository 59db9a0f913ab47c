-- Syndication and reposts (mirror of SQLite's 0020): near-duplicate signatures (opaque bytes of the
-- dedupe stage), group membership, and Telegram forward edges.

-- The sequence is the order signatures were first stored: a rebuild re-adds them in it.
CREATE TABLE document_signatures (
  sequence BIGSERIAL PRIMARY KEY,
  document_id TEXT COLLATE "C" NOT NULL UNIQUE REFERENCES documents (id),
  scheme TEXT NOT NULL,
  content_sha256 TEXT NOT NULL,
  data BYTEA NOT NULL
);

-- Documents with at least one known copy; group_id is the group's earliest appearance.
CREATE TABLE duplicate_members (
  document_id TEXT COLLATE "C" PRIMARY KEY REFERENCES documents (id),
  group_id TEXT COLLATE "C" NOT NULL
);
CREATE INDEX duplicate_members_group ON duplicate_members (group_id);

-- from_message_id is '' when the export does not name the original post (a key column cannot be NULL).
CREATE TABLE forward_edges (
  document_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id),
  from_channel TEXT COLLATE "C" NOT NULL,
  from_message_id TEXT COLLATE "C" NOT NULL DEFAULT '',
  PRIMARY KEY (document_id, from_channel, from_message_id)
);
CREATE INDEX forward_edges_channel ON forward_edges (from_channel);
