-- What to watch per source (feeds, sitemaps, interval) and how the last polls went.
CREATE TABLE source_settings (
  source_id TEXT PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
  feeds TEXT NOT NULL DEFAULT '[]',
  sitemaps TEXT NOT NULL DEFAULT '[]',
  poll_interval_minutes INTEGER NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE source_health (
  source_id TEXT PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
  last_poll_at TEXT,
  last_success_at TEXT,
  last_error TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  last_new_items INTEGER NOT NULL DEFAULT 0,
  next_poll_at TEXT
);
