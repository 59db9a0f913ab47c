-- An analyst's decision on a screening hit (mirror of SQLite's 0042): a (resolved entity, list
-- entry) pair confirmed or dismissed, with the reason; no foreign key to the lists, so that
-- re-imports keep it.
CREATE TABLE sanctions_decisions (
  entity_id TEXT COLLATE "C" NOT NULL,
  list TEXT COLLATE "C" NOT NULL,
  entry_id TEXT COLLATE "C" NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('confirmed', 'dismissed')),
  reason TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  PRIMARY KEY (entity_id, list, entry_id)
);
