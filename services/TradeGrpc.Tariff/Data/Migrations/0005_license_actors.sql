-- Who applied for and who decided each licence (JSON of the actor), and whose it is: an exporter
-- sees its own organisation's licences. Licences applied for before have no owner, and only those
-- who decide licences see them.
ALTER TABLE export_licenses ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE export_licenses ADD COLUMN applied_by TEXT;
ALTER TABLE export_licenses ADD COLUMN decided_by TEXT;
CREATE INDEX export_licenses_by_owner ON export_licenses (owner, seq);
