-- How many times each table was written, so that a window open on this
-- file can tell which of its lists another writer changed (the command
-- line from cron, a second instance, a restored backup). The store counts
-- its own writes with temporary triggers made when it opens the file;
-- the conflicts of a record count as writes of its table.

CREATE TABLE table_writes (
  entity TEXT PRIMARY KEY,
  writes INTEGER NOT NULL
);
