-- Undo belongs to the window or command that made an action: another process's edits (a colleague who forced the
-- workbook open, a command-line import) are never undone by this window's Ctrl+Z. Each action names its session,
-- what kind of process made it (app or cli) and the machine.
ALTER TABLE action ADD COLUMN session TEXT NOT NULL DEFAULT '';
ALTER TABLE action ADD COLUMN origin TEXT NOT NULL DEFAULT '';
ALTER TABLE action ADD COLUMN machine TEXT NOT NULL DEFAULT '';
CREATE INDEX action_session ON action(session, state, id);
-- A fingerprint of the text a plan was imported from, so importing the same text again asks first.
ALTER TABLE plan ADD COLUMN source_hash TEXT NOT NULL DEFAULT '';
