-- Every part of the talks in rows of its own, found by key or index: a change writes the rows it
-- touches and a page reads the rows it shows, however long the talks run. Small values of one row
-- (a round's participants, a draft's provisions, a commitment's terms) are JSON in a column.
ALTER TABLE negotiations ADD COLUMN delegations TEXT NOT NULL DEFAULT '[]';
ALTER TABLE request_ids RENAME TO request_log;

CREATE TABLE rounds (
    negotiation_id TEXT NOT NULL,
    number INTEGER NOT NULL,
    venue_city TEXT NOT NULL,
    venue_country TEXT NOT NULL,
    format INTEGER NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT,
    participants TEXT NOT NULL,
    status INTEGER NOT NULL,
    outcome INTEGER,
    summary TEXT NOT NULL,
    version BIGINT NOT NULL,
    PRIMARY KEY (negotiation_id, number)
);
CREATE INDEX rounds_by_start ON rounds (negotiation_id, start_date, number);

CREATE TABLE issues (
    negotiation_id TEXT NOT NULL,
    number INTEGER NOT NULL,
    title TEXT NOT NULL,
    category INTEGER NOT NULL,
    demanded_by TEXT NOT NULL,
    status INTEGER NOT NULL,
    PRIMARY KEY (negotiation_id, number)
);
CREATE INDEX issues_by_status ON issues (negotiation_id, status, number);

-- Each party's latest position on an issue; a new one replaces the party's row and goes last.
CREATE TABLE positions (
    seq $sequence$,
    negotiation_id TEXT NOT NULL,
    issue_number INTEGER NOT NULL,
    party TEXT NOT NULL,
    stance INTEGER NOT NULL,
    text TEXT NOT NULL,
    position_date TEXT,
    UNIQUE (negotiation_id, issue_number, party)
);

CREATE TABLE drafts (
    negotiation_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    based_on INTEGER NOT NULL,
    label TEXT NOT NULL,
    provisions TEXT NOT NULL,
    reverted_to INTEGER NOT NULL,
    create_time $instant$ NOT NULL,
    PRIMARY KEY (negotiation_id, version)
);

CREATE TABLE commitments (
    negotiation_id TEXT NOT NULL,
    number INTEGER NOT NULL,
    party TEXT NOT NULL,
    kind INTEGER NOT NULL,
    status INTEGER NOT NULL,
    description TEXT NOT NULL,
    purchase TEXT,
    concession TEXT,
    delivery TEXT,
    version BIGINT NOT NULL,
    PRIMARY KEY (negotiation_id, number)
);

CREATE TABLE purchases (
    seq $sequence$,
    negotiation_id TEXT NOT NULL,
    commitment_number INTEGER NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    amount TEXT NOT NULL,
    source TEXT NOT NULL
);
CREATE INDEX purchases_by_commitment ON purchases (negotiation_id, commitment_number, seq);

CREATE TABLE statements (
    negotiation_id TEXT NOT NULL,
    number INTEGER NOT NULL,
    speaker_name TEXT NOT NULL,
    speaker_title TEXT NOT NULL,
    speaker_party TEXT NOT NULL,
    attribution INTEGER NOT NULL,
    quote TEXT NOT NULL,
    statement_date TEXT NOT NULL,
    source TEXT NOT NULL,
    issues TEXT NOT NULL,
    commitments TEXT NOT NULL,
    PRIMARY KEY (negotiation_id, number)
);
