-- Events, their programme (sessions) and their participants, with the
-- common record columns of every synced table.

CREATE TABLE event (
  id TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  rev TEXT,
  dirty INTEGER NOT NULL DEFAULT 1,
  base TEXT,
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  timezone TEXT,
  venue TEXT,
  city TEXT,
  country TEXT,
  online_link TEXT,
  organisers TEXT,
  co_organisers TEXT,
  description TEXT
);

-- Children carry their event's id without a foreign key: sync may bring
-- them first, and records are only ever marked deleted.
CREATE TABLE session (
  id TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  rev TEXT,
  dirty INTEGER NOT NULL DEFAULT 1,
  base TEXT,
  event_id TEXT NOT NULL,
  date TEXT NOT NULL,
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  speakers TEXT,
  moderator TEXT,
  room TEXT,
  notes TEXT
);

CREATE TABLE participant (
  id TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  rev TEXT,
  dirty INTEGER NOT NULL DEFAULT 1,
  base TEXT,
  event_id TEXT NOT NULL,
  name TEXT NOT NULL,
  organisation TEXT,
  country TEXT,
  role TEXT NOT NULL,
  voting_delegate INTEGER,
  registered_on TEXT,
  attended INTEGER,
  certificate_issued INTEGER
);

CREATE INDEX event_starts ON event (deleted, starts_on, title COLLATE NOCASE, updated_at);
CREATE INDEX event_dirty ON event (dirty) WHERE dirty;
CREATE INDEX session_event ON session (event_id, date, starts_at);
CREATE INDEX session_dirty ON session (dirty) WHERE dirty;
CREATE INDEX participant_event ON participant (event_id, name COLLATE NOCASE);
CREATE INDEX participant_dirty ON participant (dirty) WHERE dirty;

CREATE VIRTUAL TABLE event_search USING fts5 (text, tokenize = 'trigram');
