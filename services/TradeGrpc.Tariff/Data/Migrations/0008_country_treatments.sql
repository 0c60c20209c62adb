-- Measures keep their country treatments in their documents, so no table changes. A store this
-- runs on was seeded before: on start, its measures take the bundled measures' treatments
-- (FirstStart), once.
SELECT 1;
