-- Budget lines (integer 分) and scenarios as named overrides over a baseline, for the 70% livelihood floor.

-- kind: baseline (owns lines, current one is the newest unlocked), scenario (overrides over baseline_id),
-- snapshot (a locked copy of a baseline taken before a scenario was promoted over it).
CREATE TABLE scenario (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL CHECK (kind IN ('baseline', 'scenario', 'snapshot')),
  baseline_id INTEGER REFERENCES scenario(id),
  locked      INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
  is_example  INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
  note        TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  CHECK ((kind = 'scenario') = (baseline_id IS NOT NULL))
) STRICT;

CREATE TABLE budget_line (
  id                  INTEGER PRIMARY KEY,
  baseline_id         INTEGER NOT NULL REFERENCES scenario(id),
  ord                 INTEGER NOT NULL,
  code                TEXT NOT NULL,             -- 功能分类科目编码, e.g. 2050202
  name                TEXT NOT NULL,
  amount_fen          INTEGER NOT NULL,          -- for driver lines: quantity × rate, kept in step on every write
  livelihood_override INTEGER CHECK (livelihood_override IN (0, 1)),  -- NULL: derived from the class
  domain_id           INTEGER REFERENCES domain(id) ON DELETE SET NULL,
  task_id             INTEGER REFERENCES task(id) ON DELETE SET NULL,
  driver_quantity     REAL,                      -- e.g. 624900 students; NULL when the line has no driver
  driver_rate_fen     INTEGER,                   -- e.g. 60000 (600元 per student)
  driver_target_id    INTEGER REFERENCES target(id) ON DELETE SET NULL,  -- quantity follows this target's base value
  note                TEXT NOT NULL DEFAULT '',
  CHECK ((driver_quantity IS NULL) = (driver_rate_fen IS NULL))
) STRICT;
CREATE INDEX budget_line_baseline ON budget_line(baseline_id, ord);
CREATE INDEX budget_line_target ON budget_line(driver_target_id);

-- One overridden field of one line in one scenario. value: 分 for amount set/add, 分 per unit for rate,
-- a count for quantity, a ratio (0.05 = +5%) for pct.
CREATE TABLE scenario_override (
  scenario_id INTEGER NOT NULL REFERENCES scenario(id),
  line_id     INTEGER NOT NULL REFERENCES budget_line(id),
  field       TEXT NOT NULL CHECK (field IN ('amount', 'quantity', 'rate')),
  op          TEXT NOT NULL CHECK (op IN ('set', 'add', 'pct')),
  value       REAL NOT NULL,
  PRIMARY KEY (scenario_id, line_id, field)
) STRICT;
CREATE INDEX scenario_override_line ON scenario_override(line_id);

INSERT INTO setting (key, value) VALUES
  ('budget.floor', '0.7'),
  ('budget.livelihood_classes', '["205","207","208","210","221","211","212","213","214"]'),
  ('budget.current_scenario', '');
