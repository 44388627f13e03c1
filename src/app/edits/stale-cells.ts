import { localMinute } from '../../core/local-time';
import { type ErrorDetail, WorkbenchError } from '../../shared/result';
import { changeTexts } from '../handlers/history-values';
import type { Workbook } from '../store/workbook';

/** One cell a grid edit changes: its row, its stored column, and how a refusal names it. */
export interface EditedCell {
  table: 'task' | 'target';
  key: Record<string, number>;
  column: string;
  where: string;
}

/** "10:02" today, "2027-03-02 10:02" another day. */
function when(at: string, now = new Date()): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  const stamp = localMinute(date);
  return stamp.slice(0, 10) === localMinute(now).slice(0, 10) ? stamp.slice(11) : stamp;
}

/**
 * A grid edit is made against the rows the window last read. When someone else (another person in a team
 * workbook, another window or the command line) has changed one of the edited cells since, the edit would overwrite
 * a value its author never saw: it is refused, naming who changed it to what and when, and nothing is written. The
 * page rereads (its status poll hears of the other commit) and the user decides again.
 */
export function refuseStaleCells(workbook: Workbook, cells: readonly EditedCell[]): void {
  let describe: ReturnType<typeof changeTexts> | undefined;
  const problems: ErrorDetail[] = [];
  for (const cell of cells) {
    const change = workbook.journal.changedSinceRead(cell.table, cell.key, cell.column);
    if (!change) continue;
    describe ??= changeTexts(workbook.db);
    const { newText } = describe({
      op: change.op,
      table: change.table_name,
      rowKey: change.row_key,
      field: change.field,
      oldValue: change.old_value,
      newValue: change.new_value,
      rowJson: change.row_json,
    });
    problems.push({ where: cell.where, message: `已被 ${change.actor} 于 ${when(change.at)} 改为 ${newText}` });
  }
  const only = problems[0];
  if (!only) return;
  throw new WorkbenchError(
    'conflict',
    cells.length === 1
      ? `该单元格${only.message}，请核对后重试。您的修改未保存。`
      : `${problems.length}个单元格在您打开后已被他人修改，整批未保存，请核对后重试。`,
    problems,
  );
}
