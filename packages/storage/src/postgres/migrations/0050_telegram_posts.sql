-- Telegram channel posts as their public web preview shows them (mirror of SQLite's 0050).
CREATE TABLE telegram_posts (
  document_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  channel TEXT NOT NULL,
  message_id BIGINT NOT NULL,
  views BIGINT,
  edited INTEGER NOT NULL DEFAULT 0,
  forwarded_from TEXT,
  forwarded_from_url TEXT,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE UNIQUE INDEX telegram_posts_channel ON telegram_posts (channel, message_id);
