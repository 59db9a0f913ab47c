-- Analysis totals (trend shares) count every document per UTC day, source and language: a covering
-- index lets that be read from the index alone instead of every row.
CREATE INDEX documents_day_scope ON documents (published_utc, source_id, language);
