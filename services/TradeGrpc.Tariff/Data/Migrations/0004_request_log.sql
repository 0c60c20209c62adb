-- One request log for every command of the store. The request_ids CreateEntity and
-- ApplyForLicense kept on their rows move into it; those columns stay (SQLite cannot drop a UNIQUE
-- column) and nothing writes them any more. Requests recorded before are kept as retries of
-- whatever they asked ('legacy'), since their fingerprints were taken another way.
ALTER TABLE command_requests RENAME TO request_log;
UPDATE request_log SET fingerprint = 'legacy';
INSERT INTO request_log (request_id, resource, fingerprint)
SELECT request_id, 'entities/' || id, 'legacy' FROM listed_entities WHERE request_id IS NOT NULL;
INSERT INTO request_log (request_id, resource, fingerprint)
SELECT request_id, 'licenses/' || id, 'legacy' FROM export_licenses WHERE request_id IS NOT NULL;
