-- The audit trail every store keeps: each attempt to change something, allowed or refused, in the
-- order made. Nothing updates or deletes a row.
CREATE TABLE audit_log (
    seq $sequence$,
    time $instant$ NOT NULL,
    method TEXT NOT NULL,
    subject TEXT NOT NULL,
    organisation TEXT NOT NULL,
    credential INTEGER NOT NULL,
    resource TEXT NOT NULL,
    request_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX audit_log_by_subject ON audit_log (subject, seq);
CREATE INDEX audit_log_by_method ON audit_log (method, seq);
