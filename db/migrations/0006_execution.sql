-- Budget execution through the year (一般公共预算支出执行情况), per budget: several budgets can live in one
-- workbook (达州市本级, 通川区, 宣汉县, …), each with its own name, classification setting and monthly reports.
-- Money is integer 分.

-- One government level's budget. livelihood_classes NULL: the workbook's setting (budget.livelihood_classes).
CREATE TABLE budget (
  id                 INTEGER PRIMARY KEY,
  name               TEXT NOT NULL UNIQUE,
  ord                INTEGER NOT NULL,
  livelihood_classes TEXT,                        -- JSON array of class codes, e.g. ["205","208"]
  is_example         INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
  note               TEXT NOT NULL DEFAULT '',
  created_at         TEXT NOT NULL
) STRICT;

-- A baseline made from a budget's execution (按执行进度生成情景) belongs to that budget and is judged by its
-- classification; NULL for the workbook's own baselines, which the budget view works on.
ALTER TABLE scenario ADD COLUMN budget_id INTEGER REFERENCES budget(id);

-- One execution table: the year's spending to the end of `month`. A later report for the same period supersedes
-- the earlier one (superseded_at is set, the rows stay for undo and history); so does withdrawing a report.
CREATE TABLE execution_report (
  id            INTEGER PRIMARY KEY,
  budget_id     INTEGER NOT NULL REFERENCES budget(id),
  year          INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  month         INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
  source        TEXT NOT NULL DEFAULT '',         -- file and sheet it came from, or 手工录入
  is_example    INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
  created_at    TEXT NOT NULL,
  superseded_at TEXT
) STRICT;
CREATE UNIQUE INDEX execution_report_current ON execution_report(budget_id, year, month) WHERE superseded_at IS NULL;

-- The counted lines of a report: only the most detailed rows (a 类 row whose 款/项 rows are listed is not
-- stored again), plus a "未列明细部分" line where a parent's figure differs from its listed parts.
CREATE TABLE execution_line (
  id                  INTEGER PRIMARY KEY,
  report_id           INTEGER NOT NULL REFERENCES execution_report(id),
  ord                 INTEGER NOT NULL,
  code                TEXT NOT NULL,
  name                TEXT NOT NULL,
  initial_budget_fen  INTEGER,                     -- 年初预算数
  adjusted_budget_fen INTEGER,                     -- 调整预算数 / 变动后预算数
  month_fen           INTEGER,                     -- 本月数
  cumulative_fen      INTEGER NOT NULL,            -- 累计数 (1月 to the report's month)
  note                TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX execution_line_report ON execution_line(report_id, ord);
