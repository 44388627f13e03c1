-- The plan as data: plans, their sections, domains, numbered tasks, quantitative targets, owners,
-- and the journal that makes every user edit reversible and logged.
-- Money (later migrations) is integer 分; rates are stored as ratios (0.7), never as text.

CREATE TABLE plan (
  id          INTEGER PRIMARY KEY,
  title       TEXT NOT NULL,
  issuer      TEXT NOT NULL DEFAULT '',
  doc_no      TEXT NOT NULL DEFAULT '',
  doc_date    TEXT NOT NULL DEFAULT '',           -- ISO yyyy-mm-dd or ''
  year        INTEGER,
  preamble    TEXT NOT NULL DEFAULT '',
  source_name TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE plan_section (
  id      INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  kind    TEXT NOT NULL CHECK (kind IN ('approach', 'key_work', 'tasks', 'safeguards', 'other')),
  title   TEXT NOT NULL,
  body    TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE safeguard (
  id      INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  title   TEXT NOT NULL,
  body    TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE domain (
  id      INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  name    TEXT NOT NULL,
  UNIQUE (plan_id, ordinal)
) STRICT;

CREATE TABLE task (
  id            INTEGER PRIMARY KEY,
  plan_id       INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  domain_id     INTEGER NOT NULL REFERENCES domain(id) ON DELETE CASCADE,
  number        INTEGER NOT NULL,
  title         TEXT NOT NULL,
  body          TEXT NOT NULL DEFAULT '',
  status        TEXT NOT NULL DEFAULT 'not_started'
                CHECK (status IN ('not_started', 'in_progress', 'done', 'at_risk', 'suspended')),
  progress_note TEXT NOT NULL DEFAULT '',
  remark        TEXT NOT NULL DEFAULT '',
  UNIQUE (plan_id, number)
) STRICT;
CREATE INDEX task_domain ON task(domain_id);

CREATE TABLE unit (
  id      INTEGER PRIMARY KEY,
  name    TEXT NOT NULL UNIQUE,
  contact TEXT NOT NULL DEFAULT '',
  phone   TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE unit_alias (
  alias   TEXT PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE
) STRICT;

CREATE TABLE task_owner (
  task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
  unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
  role    TEXT NOT NULL CHECK (role IN ('lead', 'co')),
  ord     INTEGER NOT NULL,
  PRIMARY KEY (task_id, unit_id)
) STRICT;
CREATE INDEX task_owner_unit ON task_owner(unit_id);

-- Owners stated for a whole domain ("(责任单位:…)" closing it) or a safeguard item.
CREATE TABLE domain_owner (
  domain_id INTEGER NOT NULL REFERENCES domain(id) ON DELETE CASCADE,
  unit_id   INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
  role      TEXT NOT NULL CHECK (role IN ('lead', 'co')),
  ord       INTEGER NOT NULL,
  PRIMARY KEY (domain_id, unit_id)
) STRICT;

CREATE TABLE safeguard_owner (
  safeguard_id INTEGER NOT NULL REFERENCES safeguard(id) ON DELETE CASCADE,
  unit_id      INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
  role         TEXT NOT NULL CHECK (role IN ('lead', 'co')),
  ord          INTEGER NOT NULL,
  PRIMARY KEY (safeguard_id, unit_id)
) STRICT;

-- A quantitative target. task_id is NULL for targets of the key-work section.
CREATE TABLE target (
  id               INTEGER PRIMARY KEY,
  plan_id          INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  task_id          INTEGER REFERENCES task(id) ON DELETE CASCADE,
  ord              INTEGER NOT NULL,
  label            TEXT NOT NULL,
  comparator       TEXT NOT NULL CHECK (comparator IN ('>=', '<=', '=', 'range')),
  value            REAL,                      -- as written (3.35 of "3.35万人")
  unit             TEXT NOT NULL DEFAULT '',  -- as written ("万人")
  base_value       REAL,                      -- normalised (33500)
  base_unit        TEXT NOT NULL DEFAULT '',  -- "人", "ratio", ""
  approx           INTEGER NOT NULL DEFAULT 0 CHECK (approx IN (0, 1)),
  min_value        REAL,
  max_value        REAL,
  baseline         REAL,                      -- in base unit
  relative_to_year INTEGER,
  actual           REAL,                      -- in base unit, entered by the user
  due_date         TEXT NOT NULL DEFAULT '',
  note             TEXT NOT NULL DEFAULT '',
  source_text      TEXT NOT NULL DEFAULT '',
  source_offset    INTEGER
) STRICT;
CREATE INDEX target_task ON target(task_id);
CREATE INDEX target_plan ON target(plan_id);

-- A conflict found on import: one indicator stated with different figures.
CREATE TABLE plan_conflict (
  id       INTEGER PRIMARY KEY,
  plan_id  INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  label    TEXT NOT NULL,
  detail   TEXT NOT NULL,                     -- JSON {values, places}
  resolved INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1))
) STRICT;

-- One user action (an edit, a paste of 30 cells, an import): the unit of undo/redo.
CREATE TABLE action (
  id     INTEGER PRIMARY KEY,
  at     TEXT NOT NULL,
  actor  TEXT NOT NULL,
  label  TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  -- done: in effect; undone: reverted, can be redone; discarded: undone and then superseded by a new action
  state  TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone', 'discarded'))
) STRICT;

-- Every field an action changed, with old and new values: the change log and the undo record at once.
CREATE TABLE change_log (
  id         INTEGER PRIMARY KEY,
  action_id  INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  op         TEXT NOT NULL CHECK (op IN ('update', 'insert', 'delete')),
  table_name TEXT NOT NULL,
  row_key    TEXT NOT NULL,                   -- JSON of the primary key
  field      TEXT NOT NULL DEFAULT '',
  old_value  ANY,
  new_value  ANY,
  row_json   TEXT                             -- whole row for insert/delete
) STRICT;
CREATE INDEX change_log_action ON change_log(action_id);

CREATE TABLE setting (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
