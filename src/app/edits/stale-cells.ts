import { localMinute } from '../../core/local-time';
import { type ErrorDetail, WorkbenchError } from '../../shared/result';
import { changeTexts } from '../history-values';
import type { RowChange } from '../../core/edits/row-changes';
import { keyColumns, type StaleChange } from '../store/journal';
import type { Workbook } from '../store/workbook';
import type { PlannedCell } from './apply-edits';

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
export function refuseStaleCells(workbook: Workbook, cells: readonly PlannedCell[]): void {
  let describe: ReturnType<typeof changeTexts> | undefined;
  const problems: ErrorDetail[] = [];
  for (const cell of cells) {
    if (!cell.plan.ok) continue;
    // every row and column the edit writes: a range target's 目标值 writes its bounds too, a scenario's amount
    // adds, changes or removes its adjustment row
    for (const change of cell.plan.changes) {
      const newer = staleness(workbook, change);
      if (!newer) continue;
      describe ??= changeTexts(workbook.db);
      const { newText } = describe({
        op: newer.op,
        table: newer.table_name,
        rowKey: newer.row_key,
        field: newer.field,
        oldValue: newer.old_value,
        newValue: newer.new_value,
        rowJson: newer.row_json,
      });
      problems.push({ where: cell.where, message: whatHappened(newer, newText) });
      break;
    }
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

/** What someone else did to the row or cell a change writes, since this window read it. */
function staleness(workbook: Workbook, change: RowChange): StaleChange | null {
  const { journal } = workbook;
  switch (change.kind) {
    case 'update':
      return journal.changedSinceRead(change.table, change.key, change.column);
    case 'delete':
      return journal.changedSinceRead(change.table, change.key, '');
    case 'insert': {
      // a row keyed by what it joins (an owner, a scenario's adjustment) may have come and gone meanwhile
      const key = Object.fromEntries(keyColumns(change.table).map((column) => [column, change.row[column] ?? null]));
      return journal.changedSinceRead(change.table, key, '');
    }
  }
}

/** "已被 李四 于 10:02 改为 3.2万人"; an undo keeps no time of its own and is named as what it did. */
function whatHappened(newer: StaleChange, newText: string): string {
  if (newer.undone) return `已被 ${newer.actor} 撤销修改${newer.op === 'update' ? `，恢复为 ${newText}` : ''}`;
  if (newer.redone) return `已被 ${newer.actor} 重做修改${newer.op === 'update' ? `，改为 ${newText}` : ''}`;
  const by = `已被 ${newer.actor} 于 ${when(newer.at)} `;
  if (newer.op === 'delete') return `${by}删除`;
  return `${by}${newer.op === 'insert' ? '设为' : '改为'} ${newText}`;
}
