-- The special rates of column 1 as the USITC file prints them, with the preference programs that
-- grant each. Lines of a store loaded before have none until the schedule is read again: the
-- service does that at start from the bundled file for lines that match it (FirstStart).
ALTER TABLE tariff_lines ADD COLUMN special_rate_text TEXT NOT NULL DEFAULT '';
