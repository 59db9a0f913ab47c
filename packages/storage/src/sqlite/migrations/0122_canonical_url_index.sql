-- Ingest recognizes a Telegram post it already holds under another key (an export's
-- telegram:<chat>/<id> and the watch's t.me URL) by its canonical URL, compared lower-cased.
CREATE INDEX documents_canonical_url ON documents (lower(canonical_url));
