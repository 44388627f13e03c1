import { localMinute } from '../../core/local-time';
import { WorkbenchError } from '../../shared/result';
import type { LocalCopyChange } from '../../shared/exchange';
import { changeWords } from '../change-words';
import type { Db } from '../store/connection';
import type { Recorder } from '../store/journal';
import { lastChangeOf, recordByKey } from '../store/journal-reads';
import { type RowValues, sameValue, type SqlValue, type Trip, type TripEdit } from './trip-changes';

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

/** The trip's changes against the workbook `db` (the team workbook), in the words of the 变更记录. */
export function reviewTrip(db: Db, trip: Trip, sinceAction: number): { edits: ReviewedEdit[]; leftOut: LocalCopyChange[] } {
  const words = changeWords(db);
  const edits = trip.edits.map((edit, index): ReviewedEdit => {
    const seen = valuesOf(recordByKey(db, edit.table, edit.key), columnsOf(edit));
    const state = stateOf(edit, seen);
    const lead = edit.kind === 'update' ? edit.columns[0] : undefined;
    const rowJson = edit.kind === 'update' ? null : JSON.stringify(edit.row);
    const said = lead
      ? words({
          op: 'update',
          table: edit.table,
          rowKey: edit.rowKey,
          field: lead.column,
          oldValue: lead.before,
          newValue: lead.after,
          rowJson,
        })
      : words({ op: edit.kind, table: edit.table, rowKey: edit.rowKey, field: '', oldValue: null, newValue: null, rowJson });
    const serverText = lead
      ? seen
        ? words({
            op: 'update',
            table: edit.table,
            rowKey: edit.rowKey,
            field: lead.column,
            oldValue: null,
            newValue: seen[0] ?? null,
            rowJson,
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
        beforeText: lead ? said.oldText : edit.kind === 'insert' ? '（无）' : said.oldText || said.newText,
        afterText: lead ? said.newText : edit.kind === 'insert' ? said.newText || said.oldText : '（删除）',
        serverText,
        state,
        ...(by ? { serverBy: by } : {}),
      },
    };
  });
  const leftOut = trip.leftOut.map((out, index): LocalCopyChange => {
    const said = words({
      op: out.kind,
      table: out.table,
      rowKey: out.rowKey,
      field: '',
      oldValue: null,
      newValue: null,
      rowJson: JSON.stringify(out.row),
    });
    return {
      id: edits.length + index,
      what: said.what,
      tableLabel: said.tableLabel,
      fieldLabel: said.fieldLabel,
      beforeText: '',
      afterText: '',
      serverText: '',
      state: 'left-out',
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
        `预览之后，“${change.what}”的${change.fieldLabel}在服务器上又被修改了。整批未带回，请重新预览后再决定。`,
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
