-- SQLite files its full-text entries under score-bound cells (documents_fts_cells, same number);
-- PostgreSQL ranks from the tsvector on the row and needs no table for it.
SELECT 1;
