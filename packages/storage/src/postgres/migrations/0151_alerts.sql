-- Alerts (mirror of SQLite's 0151; docs/alerts.md): saved searches with a schedule, how far each has been evaluated, the keys
-- it has seen (first appearances, silences), the events it fired and an outbox of their deliveries.
-- An evaluation writes its state, events, deliveries and seen keys in one unit; a separate step
-- sends deliveries and marks them, so a crash in between resends (with the same event id) instead
-- of losing or re-firing.
CREATE TABLE alert_searches (
  name TEXT COLLATE "C" PRIMARY KEY,
  query TEXT NOT NULL,
  every_minutes INTEGER NOT NULL CHECK (every_minutes >= 1),
  -- JSON array of 'new', 'spike', 'first-seen', 'silent'.
  triggers TEXT NOT NULL,
  webhook_url TEXT,
  -- The name of the environment variable holding the HMAC secret, never the secret.
  webhook_secret_env TEXT,
  email TEXT,
  created_at TEXT NOT NULL
);

CREATE TABLE alert_state (
  name TEXT COLLATE "C" PRIMARY KEY REFERENCES alert_searches (name) ON DELETE CASCADE,
  -- documents.rowid up to which documents have been looked at: local to this database.
  watermark BIGINT NOT NULL,
  spike_period TEXT,
  evaluated_at TEXT NOT NULL,
  next_due_at TEXT NOT NULL
);
CREATE INDEX alert_state_due ON alert_state (next_due_at);

CREATE TABLE alert_seen (
  name TEXT COLLATE "C" NOT NULL REFERENCES alert_searches (name) ON DELETE CASCADE,
  key TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (name, key)
);

CREATE TABLE alert_events (
  id TEXT COLLATE "C" PRIMARY KEY,
  name TEXT COLLATE "C" NOT NULL REFERENCES alert_searches (name) ON DELETE CASCADE,
  trigger TEXT NOT NULL CHECK (trigger IN ('new', 'spike', 'first-seen', 'silent')),
  key TEXT COLLATE "C" NOT NULL,
  fired_at TEXT NOT NULL,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  details TEXT NOT NULL
);
CREATE INDEX alert_events_name ON alert_events (name, fired_at);

CREATE TABLE alert_deliveries (
  event_id TEXT COLLATE "C" NOT NULL REFERENCES alert_events (id) ON DELETE CASCADE,
  channel TEXT NOT NULL CHECK (channel IN ('webhook', 'email')),
  target TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'failed', 'delivered')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_error TEXT,
  delivered_at TEXT,
  PRIMARY KEY (event_id, channel)
);
CREATE INDEX alert_deliveries_due ON alert_deliveries (next_attempt_at) WHERE status <> 'delivered';
CREATE INDEX alert_deliveries_status ON alert_deliveries (status);
