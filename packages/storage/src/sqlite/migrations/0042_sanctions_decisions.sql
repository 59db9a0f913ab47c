-- An analyst's decision on a screening hit: a (resolved entity, list entry) pair confirmed or
-- dismissed, with the reason. Kept apart from the lists (no foreign key), so that a re-import, or the
-- entry leaving the list and coming back, does not lose it; re-screening skips dismissed pairs.
CREATE TABLE sanctions_decisions (
  entity_id TEXT NOT NULL,
  list TEXT NOT NULL,
  entry_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('confirmed', 'dismissed')),
  reason TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  PRIMARY KEY (entity_id, list, entry_id)
);
