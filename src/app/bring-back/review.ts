import { localMinute } from '../../core/local-time';
import { WorkbenchError } from '../../shared/result';
import type { LocalCopyChange } from '../../shared/exchange';
import { type ChangeWords, changeWords } from '../change-words';
import { overrideText } from '../history-values';
import type { Db } from '../store/connection';
import type { Recorder } from '../store/journal';
import { lastChangeOf, recordByKey } from '../store/journal-reads';
import { REFERENCES, type RowValues, sameValue, type SqlValue, type Trip, type TripEdit } from './trip-changes';

/**
 * A local copy's changes held against the team workbook as it is now, each one a decision for the user: a change
 * nobody else has touched since the copy (带回), one the workbook already has (已一致), one someone changed on the
 * server meanwhile (冲突: the user sees both values and chooses), and one whose record is gone. Applying takes the
 * accepted ones in one action, after checking that the workbook still holds what the review showed.
 */

export interface ReviewedEdit {
  edit: TripEdit;
  /** the workbook's values of the edit's columns when the review was made: checked again before applying */
  seen: SqlValue[] | null;
  change: LocalCopyChange;
}

function columnsOf(edit: TripEdit): string[] {
  return edit.kind === 'update' ? edit.columns.map((c) => c.column) : Object.keys(edit.row);
}

function valuesOf(row: RowValues | null, columns: readonly string[]): SqlValue[] | null {
  return row ? columns.map((column) => row[column] ?? null) : null;
}

function allSame(a: readonly SqlValue[], b: readonly SqlValue[]): boolean {
  return a.length === b.length && a.every((value, i) => sameValue(value, b[i]));
}

type State = LocalCopyChange['state'];

function stateOf(edit: TripEdit, server: SqlValue[] | null): State {
  switch (edit.kind) {
    case 'update': {
      if (!server) return 'gone';
      if (
        allSame(
          server,
          edit.columns.map((c) => c.after),
        )
      )
        return 'same';
      return allSame(
        server,
        edit.columns.map((c) => c.before),
      )
        ? 'clean'
        : 'conflict';
    }
    case 'insert':
      if (!server) return 'clean';
      return allSame(server, Object.values(edit.row)) ? 'same' : 'conflict';
    case 'delete':
      if (!server) return 'same';
      return allSame(server, Object.values(edit.row)) ? 'clean' : 'conflict';
  }
}

/** Who last changed the record in the workbook after the copy was taken: "李四 12-01 10:02". */
function changedBy(db: Db, edit: TripEdit, sinceAction: number): string | undefined {
  const last = lastChangeOf(db, edit.table, edit.rowKey, sinceAction);
  if (!last) return undefined;
  const at = new Date(last.at);
  return `${last.actor} 于 ${Number.isNaN(at.getTime()) ? last.at : localMinute(at)}`;
}

/** An edit in the 变更记录's words: the record, the field, and the values at the copy and in the copy now. */
function describe(words: ReturnType<typeof changeWords>, edit: TripEdit): { said: ChangeWords; before: string; after: string } {
  if (edit.kind === 'update') {
    const lead = edit.columns[0];
    const adjustment = adjustmentTexts(edit);
    if (adjustment) {
      const said = words({
        op: 'update',
        table: edit.table,
        rowKey: edit.rowKey,
        field: 'value',
        oldValue: null,
        newValue: null,
        rowJson: null,
      });
      return { said, before: adjustment(columnValues(edit, 'before')), after: adjustment(columnValues(edit, 'after')) };
    }
    const said = words({
      op: 'update',
      table: edit.table,
      rowKey: edit.rowKey,
      field: lead?.column ?? '',
      oldValue: lead?.before ?? null,
      newValue: lead?.after ?? null,
      rowJson: null,
    });
    return { said, before: said.oldText, after: said.newText };
  }
  const said = words({
    op: edit.kind,
    table: edit.table,
    rowKey: edit.rowKey,
    field: '',
    oldValue: null,
    newValue: null,
    rowJson: JSON.stringify(edit.row),
  });
  const text = said.newText || said.oldText;
  return edit.kind === 'insert' ? { said, before: '（无）', after: text } : { said, before: text, after: '（删除）' };
}

const columnValues = (edit: Extract<TripEdit, { kind: 'update' }>, side: 'before' | 'after'): Record<string, SqlValue> =>
  Object.fromEntries(edit.columns.map((column) => [column.column, column[side]]));

/**
 * A scenario's adjustment reads as its way and its figure together (+10%, 设为 200.00万元): the figure alone, read
 * under the server's way, would say 0.10万元 for +10%.
 */
function adjustmentTexts(edit: Extract<TripEdit, { kind: 'update' }>): ((values: Record<string, SqlValue>) => string) | null {
  if (edit.table !== 'scenario_override') return null;
  return (values) => overrideText({ field: String(edit.key.field), op: String(values.op), value: Number(values.value) });
}

/**
 * Why an edit that is otherwise fine cannot be applied to the workbook as it is now: a record it belongs under was
 * deleted on the server, or the scenario it writes into has been locked or is a snapshot (as the grid refuses,
 * scenario-writer.ts).
 */
function serverObstacle(db: Db, edit: TripEdit, record: RowValues | null): { state: 'gone' | 'left-out'; reason: string } | null {
  // what the record hangs from: its key's references, or every reference of a row to be inserted
  for (const [column, value] of Object.entries(edit.kind === 'insert' ? edit.row : edit.key)) {
    const table = REFERENCES[column];
    if (table === undefined || value === null || value === undefined) continue;
    if (!recordByKey(db, table, { id: value })) return { state: 'gone', reason: '所属的记录已在服务器上删除' };
  }
  const scenarioId =
    edit.table === 'scenario_override'
      ? edit.key.scenario_id
      : edit.table === 'budget_line'
        ? (record?.baseline_id ?? (edit.kind === 'insert' ? edit.row.baseline_id : null))
        : null;
  if (scenarioId === null || scenarioId === undefined) return null;
  const scenario = recordByKey(db, 'scenario', { id: scenarioId });
  if (scenario && (Number(scenario.locked) === 1 || scenario.kind === 'snapshot'))
    return { state: 'left-out', reason: `“${String(scenario.name)}”在服务器上已锁定（或为基线快照），不能修改` };
  return null;
}

/** The trip's changes against the workbook `db` (the team workbook), in the words of the 变更记录. */
export function reviewTrip(db: Db, trip: Trip, sinceAction: number): { edits: ReviewedEdit[]; leftOut: LocalCopyChange[] } {
  const words = changeWords(db);
  const edits = trip.edits.map((edit, index): ReviewedEdit => {
    const record = recordByKey(db, edit.table, edit.key);
    const seen = valuesOf(record, columnsOf(edit));
    const obstacle = serverObstacle(db, edit, record);
    const state = obstacle?.state ?? stateOf(edit, seen);
    const { said, before, after } = describe(words, edit);
    const lead = edit.kind === 'update' ? edit.columns[0] : undefined;
    const adjustment = edit.kind === 'update' ? adjustmentTexts(edit) : null;
    const serverText = lead
      ? seen && adjustment && edit.kind === 'update'
        ? adjustment(Object.fromEntries(edit.columns.map((column, i) => [column.column, seen[i] ?? null])))
        : seen
          ? words({
              op: 'update',
              table: edit.table,
              rowKey: edit.rowKey,
              field: lead.column,
              oldValue: null,
              newValue: seen[0] ?? null,
              rowJson: null,
            }).newText
          : '（已删除）'
      : seen
        ? '（有此记录）'
        : '（无此记录）';
    const by = state === 'conflict' || state === 'gone' ? changedBy(db, edit, sinceAction) : undefined;
    return {
      edit,
      seen,
      change: {
        id: index,
        what: said.what,
        tableLabel: said.tableLabel,
        fieldLabel: said.fieldLabel,
        beforeText: before,
        afterText: after,
        serverText,
        state,
        ...(by ? { serverBy: by } : {}),
        ...(obstacle ? { reason: obstacle.reason } : {}),
      },
    };
  });
  const leftOut = trip.leftOut.map((out, index): LocalCopyChange => {
    const shown =
      'edit' in out
        ? describe(words, out.edit)
        : (() => {
            const said = words({
              op: 'insert_range',
              table: out.range.table,
              rowKey: out.range.rowKey,
              field: '',
              oldValue: null,
              newValue: null,
              rowJson: null,
            });
            return { said, before: '（无）', after: said.what };
          })();
    return {
      id: edits.length + index,
      what: shown.said.what,
      tableLabel: shown.said.tableLabel,
      fieldLabel: shown.said.fieldLabel,
      beforeText: shown.before,
      afterText: shown.after,
      serverText: '',
      state: 'left-out',
      reason: out.why,
    };
  });
  return { edits, leftOut };
}

/**
 * Applies the accepted edits through `recorder` (one journaled action, undoable as a whole). Every accepted
 * record must still hold what the review showed; if anyone changed one since, nothing is applied.
 */
export function applyReviewed(db: Db, recorder: Recorder, reviewed: readonly ReviewedEdit[]): number {
  for (const { edit, seen, change } of reviewed) {
    const now = valuesOf(recordByKey(db, edit.table, edit.key), columnsOf(edit));
    const unchanged = now === null || seen === null ? now === seen : allSame(now, seen);
    if (!unchanged)
      throw new WorkbenchError(
        'conflict',
        `预览之后，“${change.what}”${edit.kind === 'update' ? `的${change.fieldLabel}` : ''}在服务器上又被修改了。整批未带回，已按服务器现在的内容重新列出，请再决定。`,
      );
  }
  let applied = 0;
  for (const { edit, change } of reviewed) {
    if (change.state === 'same' || change.state === 'gone') continue;
    switch (edit.kind) {
      case 'update':
        for (const { column, after } of edit.columns) recorder.update(edit.table, edit.key, column, after);
        break;
      case 'insert':
        if (recordByKey(db, edit.table, edit.key))
          for (const [column, value] of Object.entries(edit.row)) recorder.update(edit.table, edit.key, column, value);
        else recorder.insert(edit.table, edit.row);
        break;
      case 'delete':
        recorder.delete(edit.table, edit.key);
        break;
    }
    applied++;
  }
  return applied;
}
