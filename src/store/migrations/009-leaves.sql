-- Conflicts between the leaves of a document the server holds in conflict
-- (made by any replicator), and who changed what.
--
-- A conflict now also says which office wrote each value and when, and the
-- value both started from (base_value). leaf = 1 when remote_rev is a leaf
-- the server still keeps: such a conflict is between revisions every
-- office sees, so it is settled once, and the record waits to be pushed
-- until it is. A settled leaf conflict stays (settled = 1) until its leaf
-- is gone from the server, so that merging the leaves again does not ask
-- twice. A field may be in question with more than one value: each
-- leaf's, and each value another office sent while the question was open
-- (a later one no longer replaces an earlier one), hence the new key.

CREATE TABLE conflict_new (
  id INTEGER PRIMARY KEY,
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  field TEXT NOT NULL,
  local_value TEXT,
  remote_value TEXT,
  remote_rev TEXT,
  created_at TEXT NOT NULL,
  base_value TEXT,
  local_office TEXT,
  local_at TEXT,
  remote_office TEXT,
  remote_at TEXT,
  leaf INTEGER NOT NULL DEFAULT 0,
  settled INTEGER NOT NULL DEFAULT 0
);
INSERT INTO conflict_new (id, entity, record_id, field, local_value, remote_value, remote_rev, created_at)
  SELECT id, entity, record_id, field, local_value, remote_value, remote_rev, created_at FROM conflict;
DROP TABLE conflict;
ALTER TABLE conflict_new RENAME TO conflict;
CREATE UNIQUE INDEX conflict_key ON conflict (entity, record_id, field, remote_rev, leaf);

-- Documents whose leaves wait to be merged: noted in the same transaction
-- as the pull that found them, so a run cut short merges them next time.
CREATE TABLE sync_to_merge (
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  PRIMARY KEY (entity, record_id)
);

-- Bodies of revisions this office agreed on, kept a while after a newer
-- one replaced them: the common ancestor of two leaves is often one of
-- them, and the server may have compacted its body away.
CREATE TABLE sync_body (
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  rev TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (entity, record_id, rev)
);

-- Deleted leaves already dealt with: a branch merged and deleted, or a
-- deletion someone settled. The server keeps them for ever, and _changes
-- lists them with every later change of their document.
CREATE TABLE sync_settled_leaf (
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  rev TEXT NOT NULL,
  PRIMARY KEY (entity, record_id, rev)
);

-- Documents the server held in conflict before this version compared them
-- two-way: their conflicts are between leaves, and merging the leaves
-- again three-way settles what it can by itself.
UPDATE conflict SET leaf = 1 WHERE EXISTS (SELECT 1 FROM sync_losing AS l WHERE l.entity = conflict.entity AND
  l.record_id = conflict.record_id AND l.rev = conflict.remote_rev);
INSERT OR IGNORE INTO sync_to_merge (entity, record_id) SELECT DISTINCT entity, record_id FROM sync_losing;
