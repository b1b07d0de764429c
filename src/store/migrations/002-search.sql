-- Search-as-you-type: one row per member, its rowid the member's, holding the
-- folded text of the member and its contacts. Trigram tokens find words in
-- scripts written without spaces (Thai, Khmer, Myanmar). The store fills
-- rows that are missing when it opens, so records from before this
-- migration are found too.

CREATE VIRTUAL TABLE member_search USING fts5 (text, tokenize = 'trigram');

-- One row per remote: the last _changes sequence applied.
CREATE TABLE sync_checkpoint (
  remote TEXT PRIMARY KEY,
  seq TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
