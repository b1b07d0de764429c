-- A member's status kept with its row, so that a federation's lists sort
-- and filter by it through an index and an assembly counts its voting
-- members without computing a million statuses. It depends on the day and
-- the grace period: the store computes it as each row is written, for the
-- day and grace of member_status_as_of, and computes the column again when
-- either changes.

ALTER TABLE member ADD COLUMN status TEXT;
CREATE INDEX member_status ON member (deleted, status, name COLLATE NOCASE, updated_at);

CREATE TABLE member_status_as_of (
  today TEXT NOT NULL,
  grace_days INTEGER NOT NULL
);
