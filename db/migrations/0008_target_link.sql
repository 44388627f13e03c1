-- A target whose actual is read rather than typed: "一般公共预算民生支出比例不低于70%" linked to the livelihood
-- share of a budget scenario fills itself. One link per target; removing the link makes the actual typed again.
-- source: 'budget_share' (later sources, such as the executed share, are new values of this column).
-- scenario_id: NULL follows the current baseline. No foreign key: a link to a deleted scenario says so, and
-- undoing the deletion brings the scenario (and the link's meaning) back.
CREATE TABLE IF NOT EXISTS target_link (
  target_id   INTEGER PRIMARY KEY REFERENCES target(id) ON DELETE CASCADE,
  source      TEXT NOT NULL,
  scenario_id INTEGER
) STRICT;
