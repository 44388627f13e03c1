import { changeLogRows } from '../store/change-log-repository';
import type { Handler } from './context';
import { DERIVED_FIELDS } from '../history-values';
import { changeWords } from '../change-words';

export const historyUndo: Handler<'history-undo'> = (_input, { workbook }) => {
  workbook.journal.undo();
  return workbook.journal.state();
};

export const historyRedo: Handler<'history-redo'> = (_input, { workbook }) => {
  workbook.journal.redo();
  return workbook.journal.state();
};

export const historyState: Handler<'history-state'> = (_input, { workbook }) => workbook.journal.state();

export const changeLogList: Handler<'change-log-list'> = (filter, { workbook }) => {
  const { db } = workbook;
  const words = changeWords(db);
  return changeLogRows(db, filter)
    .filter((row) => !(row.op === 'update' && DERIVED_FIELDS[row.table]?.includes(row.field)))
    .map(({ rowJson, ...row }) => ({ ...row, ...words({ ...row, rowJson }) }));
};
