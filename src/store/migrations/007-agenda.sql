-- The agenda of an assembly or a board meeting: items in order, some under
-- another (depth 1), breaks among them, and the minutes of each: decision,
-- votes and outcome. An item may stand for a roadmap item or a member it
-- was put on the agenda for, and say what an adopted decision changes in
-- that roadmap item (its status, its due date).

CREATE TABLE agenda_item (
  id TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  rev TEXT,
  dirty INTEGER NOT NULL DEFAULT 1,
  base TEXT,
  event_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  depth INTEGER,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  duration INTEGER NOT NULL,
  presenter TEXT,
  background TEXT,
  roadmap_item_id TEXT,
  member_id TEXT,
  decision TEXT,
  votes_for INTEGER,
  votes_against INTEGER,
  votes_abstaining INTEGER,
  outcome TEXT,
  decided_status TEXT,
  decided_due_on TEXT
);

CREATE INDEX agenda_item_event ON agenda_item (event_id, position);
CREATE INDEX agenda_item_dirty ON agenda_item (dirty) WHERE dirty;
CREATE INDEX agenda_item_roadmap_item ON agenda_item (roadmap_item_id) WHERE roadmap_item_id IS NOT NULL;
CREATE INDEX agenda_item_member ON agenda_item (member_id) WHERE member_id IS NOT NULL;
