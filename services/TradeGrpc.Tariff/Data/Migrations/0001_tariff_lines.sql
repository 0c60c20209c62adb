CREATE TABLE tariff_lines (
    hts8 TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT NOT NULL,
    description TEXT NOT NULL,
    mfn_rate_text TEXT NOT NULL,
    column2_rate_text TEXT NOT NULL,
    quantity1_unit TEXT NOT NULL,
    quantity2_unit TEXT NOT NULL,
    PRIMARY KEY (hts8, valid_from)
);
