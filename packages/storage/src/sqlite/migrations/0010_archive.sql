-- The archive of HTTP exchanges: one row per fetch, pointing at its payload in captures.
CREATE TABLE archive_entries (
  id TEXT PRIMARY KEY,
  request_url TEXT NOT NULL,
  final_url TEXT NOT NULL,
  status INTEGER NOT NULL,
  status_text TEXT NOT NULL,
  headers TEXT NOT NULL,
  request_headers TEXT NOT NULL,
  fetched_at TEXT NOT NULL,
  sha256 TEXT NOT NULL REFERENCES captures (sha256),
  byte_length INTEGER NOT NULL
);

CREATE INDEX archive_entries_by_time ON archive_entries (fetched_at, id);
CREATE INDEX archive_entries_by_request_url ON archive_entries (request_url, fetched_at);
CREATE INDEX archive_entries_by_sha256 ON archive_entries (sha256);
