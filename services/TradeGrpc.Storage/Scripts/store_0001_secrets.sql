-- Secrets every replica of a store shares, made once by the first that needs one: the key that
-- signs page tokens, so that a token one replica gave is good on another and cannot be forged.
CREATE TABLE store_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
