-- What each purchase's amount counts (1: above the commitment's baseline; 2: the period's total),
-- and the HS code of a purchase recorded from a trade figure. Every purchase recorded before
-- was an amount above the baseline, with no HS code.
ALTER TABLE purchases ADD COLUMN basis INTEGER NOT NULL DEFAULT 1;
ALTER TABLE purchases ADD COLUMN hs_code TEXT NOT NULL DEFAULT '';
