-- Exclusions keep the importer they are for and their allowance in their documents, and the uses of
-- allowances and quotas and the filed entries are documents of their own kinds, so no table
-- changes. A store this runs on takes the bundled sample exclusions (FirstStart), once.
SELECT 1;
