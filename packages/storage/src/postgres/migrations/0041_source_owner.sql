-- Who owns an outlet, as the analyst wrote it (mirror of SQLite's 0041): screened against sanctions
-- lists (ownership chains).
ALTER TABLE sources ADD COLUMN owner TEXT;
