-- The special rates of column 1 as the USITC file prints them, with the preference programs that
-- grant each. A store this runs on was loaded before: on start, its lines take them from the
-- bundled file where code, start date and general rate match (FirstStart), once.
ALTER TABLE tariff_lines ADD COLUMN special_rate_text TEXT NOT NULL DEFAULT '';
