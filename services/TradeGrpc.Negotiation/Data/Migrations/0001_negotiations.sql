CREATE TABLE negotiations (
    seq $sequence$,
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    parties TEXT NOT NULL,
    status INTEGER NOT NULL,
    create_time $instant$ NOT NULL,
    update_time $instant$ NOT NULL,
    version BIGINT NOT NULL
);

CREATE TABLE request_ids (
    request_id TEXT PRIMARY KEY,
    resource TEXT NOT NULL,
    fingerprint TEXT NOT NULL
);
