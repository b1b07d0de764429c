-- Sync conflicts: a field changed on both sides since the last agreed
-- version. The local value stays in the record; the remote one is kept here
-- until someone chooses. Nothing is thrown away.
CREATE TABLE conflict (
  id INTEGER PRIMARY KEY,
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  field TEXT NOT NULL,
  local_value TEXT,
  remote_value TEXT,
  remote_rev TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (entity, record_id, field)
);
