-- Quotes by speaker (mirror of SQLite's 0060): the resolved speaker of a `quote` annotation.
ALTER TABLE annotations ADD COLUMN speaker_entity_id TEXT GENERATED ALWAYS AS (attributes::jsonb ->> 'speakerEntityId') STORED;
CREATE INDEX annotations_speaker ON annotations (speaker_entity_id) WHERE speaker_entity_id IS NOT NULL;
