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

-- Revisions the server holds in conflict with the winning one (_conflicts).
-- Their differing fields are conflicts above (remote_rev = the losing rev);
-- once none is left to settle, the next push deletes the revision.
CREATE TABLE sync_losing (
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  rev TEXT NOT NULL,
  PRIMARY KEY (entity, record_id, rev)
);
