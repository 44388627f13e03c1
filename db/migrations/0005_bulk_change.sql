-- A bulk insert (an imported budget of up to 100,000 lines) is journaled as one change naming its id range
-- instead of one change per row. SQLite cannot alter a CHECK constraint, so the table is rebuilt.
CREATE TABLE change_log_new (
  id         INTEGER PRIMARY KEY,
  action_id  INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  op         TEXT NOT NULL CHECK (op IN ('update', 'insert', 'delete', 'insert_range')),
  table_name TEXT NOT NULL,
  row_key    TEXT NOT NULL,                   -- JSON of the primary key; {"from","to"} ids for insert_range
  field      TEXT NOT NULL DEFAULT '',
  old_value  ANY,
  new_value  ANY,
  row_json   TEXT                             -- whole row for insert/delete; for insert_range, the rows once undone
) STRICT;
INSERT INTO change_log_new SELECT id, action_id, seq, op, table_name, row_key, field, old_value, new_value, row_json FROM change_log;
DROP TABLE change_log;
ALTER TABLE change_log_new RENAME TO change_log;
CREATE INDEX change_log_action ON change_log(action_id);
