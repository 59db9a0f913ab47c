-- PostgreSQL only (SQLite has no TOAST). Keep each document's search terms in its row, compressed,
-- instead of out of line: a search for a common word reads the tsvector of every match (the planner
-- scans rather than use the GIN index above ~10 % selectivity), and fetching each one from the
-- TOAST table was most of the query's time. Measured on 10k documents: count 18 → 12 ms, ranked
-- page 20 → 14 ms. Applies to rows written from now on; existing rows move on their next update.
ALTER TABLE documents ALTER COLUMN search_vector SET STORAGE MAIN;
