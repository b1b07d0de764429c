-- A session may discuss a roadmap item, so that an item knows the events
-- where it was discussed and an event the items it discussed.

ALTER TABLE session ADD COLUMN roadmap_item_id TEXT;
CREATE INDEX session_roadmap_item ON session (roadmap_item_id) WHERE roadmap_item_id IS NOT NULL;
CREATE INDEX roadmap_item_owner ON roadmap_item (owner) WHERE owner IS NOT NULL;
CREATE INDEX roadmap_item_parent ON roadmap_item (parent_item_id) WHERE parent_item_id IS NOT NULL;
