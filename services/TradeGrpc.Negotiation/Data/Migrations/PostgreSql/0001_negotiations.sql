CREATE TABLE negotiations (
    seq BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    parties TEXT NOT NULL,
    status INTEGER NOT NULL,
    -- Fixed-width UTC text: byte order ("C") is time order.
    create_time TEXT COLLATE "C" NOT NULL,
    update_time TEXT COLLATE "C" NOT NULL,
    version BIGINT NOT NULL
);

CREATE TABLE request_ids (
    request_id TEXT PRIMARY KEY,
    resource TEXT NOT NULL,
    fingerprint TEXT NOT NULL
);
