-- Settings for progress against the time schedule (序时进度) and the traffic-light thresholds.
INSERT INTO setting (key, value) VALUES
  ('progress.as_of', ''),           -- yyyy-mm-dd; '' means today
  ('progress.yellow_points', '10'), -- behind schedule by ≥ 10 percentage points → yellow
  ('progress.red_points', '30');    -- … by ≥ 30 → red
