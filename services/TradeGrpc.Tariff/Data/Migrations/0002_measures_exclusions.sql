-- Measures and exclusions are stored whole, as JSON documents with a version for optimistic concurrency.
CREATE TABLE documents (
    seq $sequence$,
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    body TEXT NOT NULL,
    version BIGINT NOT NULL,
    UNIQUE (kind, id)
);

-- request_id of every command that changed a document: a retry returns the first result.
CREATE TABLE command_requests (
    request_id TEXT PRIMARY KEY,
    resource TEXT NOT NULL,
    fingerprint TEXT NOT NULL
);

-- China's applied tariff on US goods per 6-digit code, from each date until the next.
CREATE TABLE china_applied_rates (
    hs6 TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    percent TEXT NOT NULL,
    PRIMARY KEY (hs6, valid_from)
);
