-- No table changes: the bundled measures grew China's tranches of 2019 (split out of its
-- retaliation) and Section 232's derivatives of 2020. A store this runs on was seeded before:
-- on start it takes the measures it lacks, and its retaliation the split scope (FirstStart), once.
SELECT 1;
