-- Who owns an outlet, as the analyst wrote it: screened against sanctions lists (ownership chains).
ALTER TABLE sources ADD COLUMN owner TEXT;
