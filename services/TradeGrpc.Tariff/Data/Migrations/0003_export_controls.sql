-- The Entity List. Aliases and general licence windows are JSON arrays; request_id makes
-- CreateEntity retries safe (NULL when the call gave none).
CREATE TABLE listed_entities (
    seq $sequence$,
    id TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    country TEXT NOT NULL,
    aliases TEXT NOT NULL,
    listed_on TEXT NOT NULL,
    removed_on TEXT,
    license_requirement TEXT NOT NULL,
    license_policy INTEGER NOT NULL,
    federal_register_citation TEXT NOT NULL,
    general_licenses TEXT NOT NULL,
    request_id TEXT UNIQUE,
    request_fingerprint TEXT
);

-- Every name an entity goes by (display name and aliases), keyed for matching regardless of case.
CREATE TABLE listed_entity_names (
    name_key TEXT NOT NULL,
    entity_id TEXT NOT NULL REFERENCES listed_entities (id),
    PRIMARY KEY (name_key, entity_id)
);

CREATE TABLE export_licenses (
    seq $sequence$,
    id TEXT NOT NULL UNIQUE,
    applicant TEXT NOT NULL,
    entity_id TEXT NOT NULL REFERENCES listed_entities (id),
    export_classification TEXT NOT NULL,
    item_description TEXT NOT NULL,
    state INTEGER NOT NULL,
    valid_from TEXT,
    valid_to TEXT,
    decision_reason TEXT NOT NULL,
    create_time TEXT NOT NULL,
    decide_time TEXT,
    request_id TEXT UNIQUE,
    request_fingerprint TEXT
);

CREATE INDEX export_licenses_by_entity ON export_licenses (entity_id, export_classification, seq);
