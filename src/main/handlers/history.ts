import type { ChangeLogEntry } from '../../shared/contract';
import type { Handler } from './context';

export const historyUndo: Handler<'history-undo'> = (_input, { workbook }) => {
  workbook.journal.undo();
  return workbook.journal.state();
};

export const historyRedo: Handler<'history-redo'> = (_input, { workbook }) => {
  workbook.journal.redo();
  return workbook.journal.state();
};

export const historyState: Handler<'history-state'> = (_input, { workbook }) => workbook.journal.state();

export const changeLogList: Handler<'change-log-list'> = ({ limit }, { workbook }) =>
  workbook.db
    .prepare(`SELECT c.id, c.action_id AS actionId, a.at, a.actor, a.label, a.reason, a.state, c.op,
                     c.table_name AS "table", c.row_key AS rowKey, c.field, c.old_value AS oldValue, c.new_value AS newValue
              FROM change_log c JOIN action a ON a.id = c.action_id
              ORDER BY c.action_id DESC, c.seq DESC LIMIT ?`)
    .all(limit ?? 500) as ChangeLogEntry[];
