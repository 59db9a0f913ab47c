-- The archive of HTTP exchanges (mirror of SQLite's 0010): one row per fetch, pointing at its
-- payload in captures. Ids and times are COLLATE "C" so that (fetched_at, id) orders as in SQLite.
CREATE TABLE archive_entries (
  id TEXT COLLATE "C" PRIMARY KEY,
  request_url TEXT COLLATE "C" NOT NULL,
  final_url TEXT NOT NULL,
  status INTEGER NOT NULL,
  status_text TEXT NOT NULL,
  headers TEXT NOT NULL,
  request_headers TEXT NOT NULL,
  fetched_at TEXT COLLATE "C" NOT NULL,
  sha256 TEXT COLLATE "C" NOT NULL REFERENCES captures (sha256),
  byte_length INTEGER NOT NULL
);

CREATE INDEX archive_entries_by_time ON archive_entries (fetched_at, id);
CREATE INDEX archive_entries_by_request_url ON archive_entries (request_url, fetched_at);
CREATE INDEX archive_entries_by_sha256 ON archive_entries (sha256);
