-- Every new action turns the undone ones into discarded ones, and undo/redo look for the newest done or the
-- oldest undone action: with a long history these read the whole action table without this index.
CREATE INDEX action_state ON action(state, id);
