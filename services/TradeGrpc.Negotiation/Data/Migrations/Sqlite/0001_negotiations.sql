CREATE TABLE negotiations (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    parties TEXT NOT NULL,
    status INTEGER NOT NULL,
    create_time TEXT NOT NULL,
    update_time TEXT NOT NULL,
    version INTEGER NOT NULL
);

CREATE TABLE request_ids (
    request_id TEXT PRIMARY KEY,
    resource TEXT NOT NULL,
    fingerprint TEXT NOT NULL
);
