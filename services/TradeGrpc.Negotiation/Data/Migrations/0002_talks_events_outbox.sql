-- Everything recorded about a negotiation's talks, as one JSON document versioned with the row.
ALTER TABLE negotiations ADD COLUMN talks TEXT NOT NULL DEFAULT '{"delegations":[],"rounds":[],"issues":[],"drafts":[],"commitments":[],"statements":[]}';

-- The timeline: one row per change, written in the change's transaction.
CREATE TABLE events (
    seq $sequence$,
    negotiation_id TEXT NOT NULL,
    kind INTEGER NOT NULL,
    subject TEXT NOT NULL,
    time $instant$ NOT NULL,
    summary TEXT NOT NULL
);
CREATE INDEX events_by_negotiation ON events (negotiation_id, seq);

-- Tariff concessions to carry out on the tariff service, recorded with the change that asks for them.
CREATE TABLE outbox (
    commitment TEXT PRIMARY KEY,
    request_id TEXT NOT NULL,
    next_attempt_at $instant$ NOT NULL,
    done INTEGER NOT NULL DEFAULT 0
);
