-- A member's status kept with its row, so that a federation's lists sort
-- and filter by it through an index and an assembly counts its voting
-- members without computing a million statuses. It depends on the day and
-- the grace period: the triggers compute it as each row is written, with
-- the day and grace of member_status_as_of (sec_member_status_now() reads
-- them from the store), and the store computes the column again when
-- either changes.

ALTER TABLE member ADD COLUMN status TEXT;
CREATE INDEX member_status ON member (deleted, status, name COLLATE NOCASE, updated_at);

CREATE TABLE member_status_as_of (
  today TEXT NOT NULL,
  grace_days INTEGER NOT NULL
);

CREATE TRIGGER member_status_on_insert AFTER INSERT ON member BEGIN
  UPDATE member SET status = sec_member_status_now (NEW.status_override, NEW.approved_on, NEW.dues_amount, NEW.dues_paid_until)
  WHERE rowid = NEW.rowid;
END;

CREATE TRIGGER member_status_on_update
AFTER UPDATE OF status_override, approved_on, dues_amount, dues_paid_until ON member BEGIN
  UPDATE member SET status = sec_member_status_now (NEW.status_override, NEW.approved_on, NEW.dues_amount, NEW.dues_paid_until)
  WHERE rowid = NEW.rowid;
END;
