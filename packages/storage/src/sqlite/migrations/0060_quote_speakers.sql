-- Quotes by speaker: the resolved speaker of a `quote` annotation, for `speaker:ID` and `echotrace quotes --speaker`.
ALTER TABLE annotations ADD COLUMN speaker_entity_id TEXT GENERATED ALWAYS AS (json_extract(attributes, '$.speakerEntityId')) VIRTUAL;
CREATE INDEX annotations_speaker ON annotations (speaker_entity_id) WHERE speaker_entity_id IS NOT NULL;
