-- The talks are rows now (0004 moved them); the document they were kept in goes.
ALTER TABLE negotiations DROP COLUMN talks;
ALTER TABLE negotiations RENAME COLUMN status TO state;
