-- Telegram channel posts as their public web preview shows them, poll after poll: views, the
-- "edited" mark, the forward origin, first and last seen, and when a poll found the post gone.
CREATE TABLE telegram_posts (
  document_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  channel TEXT NOT NULL,
  message_id INTEGER NOT NULL,
  views INTEGER,
  edited INTEGER NOT NULL DEFAULT 0,
  forwarded_from TEXT,
  forwarded_from_url TEXT,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE UNIQUE INDEX telegram_posts_channel ON telegram_posts (channel, message_id);
