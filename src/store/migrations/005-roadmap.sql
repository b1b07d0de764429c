-- The development roadmap: pillars, and items under them. Events and
-- roadmap items carry SDGs too, for the coverage view.

ALTER TABLE event ADD COLUMN sdgs TEXT;

CREATE TABLE pillar (
  id TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  rev TEXT,
  dirty INTEGER NOT NULL DEFAULT 1,
  base TEXT,
  name TEXT NOT NULL,
  position INTEGER,
  archived INTEGER
);

-- Pillars and items refer to each other by id without foreign keys: sync
-- may bring an item before its pillar.
CREATE TABLE roadmap_item (
  id TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  rev TEXT,
  dirty INTEGER NOT NULL DEFAULT 1,
  base TEXT,
  title TEXT NOT NULL,
  pillar_id TEXT NOT NULL,
  status TEXT NOT NULL,
  owner TEXT,
  start_on TEXT,
  due_on TEXT,
  progress INTEGER,
  parent_item_id TEXT,
  decided_at TEXT,
  sdgs TEXT,
  description TEXT
);

CREATE INDEX pillar_position ON pillar (deleted, position);
CREATE INDEX pillar_dirty ON pillar (dirty) WHERE dirty;
CREATE INDEX roadmap_item_title ON roadmap_item (deleted, title COLLATE NOCASE, updated_at);
CREATE INDEX roadmap_item_pillar ON roadmap_item (pillar_id, status);
CREATE INDEX roadmap_item_dirty ON roadmap_item (dirty) WHERE dirty;

CREATE VIRTUAL TABLE pillar_search USING fts5 (text, tokenize = 'trigram');
CREATE VIRTUAL TABLE roadmap_item_search USING fts5 (text, tokenize = 'trigram');

-- The five pillars of the SSE Development Roadmap the ASEC General Assembly
-- adopted. Every office starts with the same ids, so they do not multiply
-- when offices sync; they are not dirty until someone changes them.
INSERT INTO pillar (id, created_at, updated_at, dirty, name, position, archived) VALUES
  ('5e0c0001-0000-4000-8000-000000000001', '2024-01-29T00:00:00Z', '2024-01-29T00:00:00Z', 0, 'Formalising membership', 1, 0),
  ('5e0c0001-0000-4000-8000-000000000002', '2024-01-29T00:00:00Z', '2024-01-29T00:00:00Z', 0, 'Knowledge management', 2, 0),
  ('5e0c0001-0000-4000-8000-000000000003', '2024-01-29T00:00:00Z', '2024-01-29T00:00:00Z', 0, 'Education and training', 3, 0),
  ('5e0c0001-0000-4000-8000-000000000004', '2024-01-29T00:00:00Z', '2024-01-29T00:00:00Z', 0, 'Resource mobilisation and crowdfunding', 4, 0),
  ('5e0c0001-0000-4000-8000-000000000005', '2024-01-29T00:00:00Z', '2024-01-29T00:00:00Z', 0, 'Impact assessment', 5, 0);
