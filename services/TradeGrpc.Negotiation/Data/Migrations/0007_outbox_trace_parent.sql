-- The W3C traceparent of the call that put each item in the outbox, so that every delivery
-- attempt can be linked to it; items written before have none.
ALTER TABLE outbox ADD COLUMN trace_parent TEXT;
