-- Who caused each event (JSON of the actor); events recorded before have none.
ALTER TABLE events ADD COLUMN actor TEXT;
