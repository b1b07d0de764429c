-- The member registry. Every record table carries the common columns:
-- id, timestamps, a tombstone, and the sync columns (rev, dirty, base).

CREATE TABLE member (
  id TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  rev TEXT,
  dirty INTEGER NOT NULL DEFAULT 1,
  base TEXT,
  name TEXT NOT NULL,
  acronym TEXT,
  kind TEXT NOT NULL,
  country TEXT NOT NULL,
  city TEXT,
  website TEXT,
  email TEXT,
  phone TEXT,
  joined_on TEXT,
  approved_on TEXT,
  dues_amount INTEGER,
  dues_currency TEXT,
  dues_paid_until TEXT,
  status_override TEXT,
  status_reason TEXT,
  sdgs TEXT,
  notes TEXT
);

CREATE TABLE contact (
  id TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  rev TEXT,
  dirty INTEGER NOT NULL DEFAULT 1,
  base TEXT,
  -- No foreign key: sync may bring a contact before its member (the
  -- _changes feed is in the order of last updates), and a record is
  -- never removed, only marked deleted.
  member_id TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT,
  email TEXT,
  phone TEXT,
  is_primary INTEGER
);

CREATE INDEX contact_member ON contact (member_id);
-- The list's orders, covering what it reads (rowid, updated_at).
CREATE INDEX member_name ON member (deleted, name COLLATE NOCASE, updated_at);
CREATE INDEX member_country ON member (deleted, country, name COLLATE NOCASE, updated_at);
CREATE INDEX member_kind ON member (deleted, kind, name COLLATE NOCASE, updated_at);
CREATE INDEX member_email ON member (email COLLATE NOCASE);
CREATE INDEX member_dirty ON member (dirty) WHERE dirty;
CREATE INDEX contact_dirty ON contact (dirty) WHERE dirty;
