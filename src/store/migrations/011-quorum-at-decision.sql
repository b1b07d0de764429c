-- Whether the quorum was present when an item's decision was recorded,
-- with how many voting members were represented then, and whether the
-- chair let a decision stand without it. The minutes say all three.

ALTER TABLE agenda_item ADD COLUMN quorum TEXT;
ALTER TABLE agenda_item ADD COLUMN represented INTEGER;
ALTER TABLE agenda_item ADD COLUMN chair_override INTEGER;
