import { groupedNumber } from '../../core/budget/money';
import { localMinute } from '../../core/local-time';
import { COMPARATOR_SIGNS, toWrittenUnit } from '../../core/plan/cell-values';
import type { LocalCopyChange } from '../../shared/exchange';
import type { Comparator } from '../../shared/plan';
import { WorkbenchError } from '../../shared/result';
import { type ChangeWords, changeWords } from '../change-words';
import { overrideText } from '../history-values';
import type { Db } from '../store/connection';
import type { Recorder } from '../store/journal';
import { lastChangeOf, recordByKey } from '../store/journal-reads';
import { REFERENCES, type RowValues, sameValue, type SqlValue, type Trip, type TripEdit } from './trip-changes';

/**
 * A local copy's changes held against the team workbook as it is now, each one a decision for the user: a change
 * nobody else has touched since the copy (带回), one the workbook already has (已一致), one someone changed on the
 * server meanwhile (冲突: the user sees both values and chooses), one whose record is gone, and one that cannot be
 * made there (a locked scenario, a role that may not). Applying takes the accepted ones in one action, after
 * checking that the workbook still holds what the review showed.
 */

export interface ReviewedEdit {
  edit: TripEdit;
  /** the workbook's values of the edit's columns when the review was made: checked again before applying */
  seen: SqlValue[] | null;
  change: LocalCopyChange;
}

/** Why this person may not make an edit in the team workbook (their role), or null; from server-roles.ts. */
export type RoleCheck = (edit: TripEdit) => string | null;

type UpdateEdit = Extract<TripEdit, { kind: 'update' }>;
type State = LocalCopyChange['state'];
type Obstacle = { state: 'gone' | 'left-out'; reason: string };

function columnsOf(edit: TripEdit): string[] {
  return edit.kind === 'update' ? edit.columns.map((c) => c.column) : Object.keys(edit.row);
}

function valuesOf(row: RowValues | null, columns: readonly string[]): SqlValue[] | null {
  return row ? columns.map((column) => row[column] ?? null) : null;
}

function allSame(a: readonly SqlValue[], b: readonly SqlValue[]): boolean {
  return a.length === b.length && a.every((value, i) => sameValue(value, b[i]));
}

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

/** Who last changed the record in the workbook after the copy was taken: "李四 于 2027-03-02 10:02". */
function changedBy(db: Db, edit: TripEdit, sinceAction: number): string | undefined {
  const last = lastChangeOf(db, edit.table, edit.rowKey, sinceAction);
  if (!last) return undefined;
  const at = new Date(last.at);
  return `${last.actor} 于 ${Number.isNaN(at.getTime()) ? last.at : localMinute(at)}`;
}

const valuesByColumn = (edit: UpdateEdit, values: readonly SqlValue[]): Record<string, SqlValue> =>
  Object.fromEntries(edit.columns.map((column, i) => [column.column, values[i] ?? null]));

const count = (value: number): string => groupedNumber(value, 0, 4);

/**
 * A group of columns read as one value, where a column alone would mislead: a scenario's adjustment is its way and
 * its figure (+10%, not 0.10万元), a target's 目标值 its comparator, figure or range, and unit.
 */
function groupText(edit: UpdateEdit): ((values: Record<string, SqlValue>) => string) | null {
  if (edit.table === 'scenario_override')
    return (values) => overrideText({ field: String(edit.key.field), op: String(values.op), value: Number(values.value) });
  if (edit.table === 'target' && edit.columns.some((c) => c.column === 'comparator'))
    return (values) => {
      const unit = String(values.unit ?? '');
      const sign = COMPARATOR_SIGNS[values.comparator as Comparator] ?? String(values.comparator ?? '');
      const written = (base: SqlValue): string => (typeof base === 'number' ? count(toWrittenUnit(base, unit)) : '');
      if (values.comparator === 'range') return `${sign} ${written(values.min_value ?? null)}–${written(values.max_value ?? null)}${unit}`;
      return `${sign} ${typeof values.value === 'number' ? count(values.value) : '（空）'}${unit}`;
    };
  return null;
}

/** An edit in the 变更记录's words: the record, the field, and the values at the copy and in the copy now. */
function describe(words: ReturnType<typeof changeWords>, edit: TripEdit): { said: ChangeWords; before: string; after: string } {
  if (edit.kind === 'update') {
    const lead = edit.columns[0];
    const said = words({
      op: 'update',
      table: edit.table,
      rowKey: edit.rowKey,
      field: lead?.column ?? '',
      oldValue: lead?.before ?? null,
      newValue: lead?.after ?? null,
      rowJson: null,
    });
    const whole = groupText(edit);
    if (!whole) return { said, before: said.oldText, after: said.newText };
    const side = (which: 'before' | 'after'): string => whole(Object.fromEntries(edit.columns.map((c) => [c.column, c[which]])));
    return { said, before: side('before'), after: side('after') };
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
  // a record the trip added is named as the copy names it (the server may have another under the same id)
  const named = edit.kind === 'insert' && edit.named ? { ...said, what: edit.named } : said;
  const text = said.newText || said.oldText;
  return edit.kind === 'insert' ? { said: named, before: '（无）', after: text } : { said, before: text, after: '（删除）' };
}

/** The values of an edit that name other records: its key's, an inserted row's, and the ids an update sets. */
function referencesOf(edit: TripEdit): [string, SqlValue][] {
  if (edit.kind === 'insert') return Object.entries(edit.row);
  if (edit.kind === 'delete') return Object.entries(edit.key);
  return [
    ...Object.entries(edit.key),
    ...edit.columns.filter((c) => !sameValue(c.before, c.after)).map((c): [string, SqlValue] => [c.column, c.after]),
  ];
}

/**
 * Why an edit that is otherwise fine cannot be applied to the workbook as it is now: a record it belongs under or
 * points to was deleted on the server, the scenario it writes into has been locked or is a snapshot (as the grid
 * refuses, scenario-writer.ts), or this person's role may not make it.
 */
function obstacleOf(db: Db, edit: TripEdit, record: RowValues | null, roleCheck: RoleCheck): Obstacle | null {
  const refused = roleCheck(edit);
  if (refused) return { state: 'left-out', reason: refused };
  for (const [column, value] of referencesOf(edit)) {
    const table = REFERENCES[column];
    if (table === undefined || value === null) continue;
    if (!recordByKey(db, table, { id: value })) return { state: 'gone', reason: '所涉及的记录已在服务器上删除' };
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
export function reviewTrip(
  db: Db,
  trip: Trip,
  sinceAction: number,
  roleCheck: RoleCheck = () => null,
): { edits: ReviewedEdit[]; leftOut: LocalCopyChange[] } {
  const words = changeWords(db);
  const edits = trip.edits.map((edit, index): ReviewedEdit => {
    const record = recordByKey(db, edit.table, edit.key);
    const seen = valuesOf(record, columnsOf(edit));
    const obstacle = obstacleOf(db, edit, record, roleCheck);
    const state = obstacle?.state ?? stateOf(edit, seen);
    const { said, before, after } = describe(words, edit);
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
        serverText: serverText(words, edit, seen),
        state,
        ...(by ? { serverBy: by } : {}),
        ...(obstacle ? { reason: obstacle.reason } : {}),
      },
    };
  });
  const leftOut = trip.leftOut.map((out, index): LocalCopyChange => {
    const shown = 'edit' in out ? describe(words, out.edit) : rangeWords(words, out.range);
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

function serverText(words: ReturnType<typeof changeWords>, edit: TripEdit, seen: SqlValue[] | null): string {
  if (edit.kind !== 'update') return seen ? '（有此记录）' : '（无此记录）';
  if (!seen) return '（已删除）';
  const whole = groupText(edit);
  if (whole) return whole(valuesByColumn(edit, seen));
  const lead = edit.columns[0];
  return words({
    op: 'update',
    table: edit.table,
    rowKey: edit.rowKey,
    field: lead?.column ?? '',
    oldValue: null,
    newValue: seen[0] ?? null,
    rowJson: null,
  }).newText;
}

function rangeWords(
  words: ReturnType<typeof changeWords>,
  range: { table: string; rowKey: string },
): { said: ChangeWords; before: string; after: string } {
  const said = words({
    op: 'insert_range',
    table: range.table,
    rowKey: range.rowKey,
    field: '',
    oldValue: null,
    newValue: null,
    rowJson: null,
  });
  return { said, before: '（无）', after: said.what };
}

/**
 * Applies the accepted edits through `recorder` (one journaled action, undoable as a whole). Every accepted
 * record must still hold what the review showed, and nothing may since stand in its way; otherwise nothing is
 * applied.
 */
export function applyReviewed(db: Db, recorder: Recorder, reviewed: readonly ReviewedEdit[], roleCheck: RoleCheck = () => null): number {
  for (const { edit, seen, change } of reviewed) {
    const record = recordByKey(db, edit.table, edit.key);
    const now = valuesOf(record, columnsOf(edit));
    const unchanged = now === null || seen === null ? now === seen : allSame(now, seen);
    if (!unchanged || obstacleOf(db, edit, record, roleCheck))
      throw new WorkbenchError(
        'conflict',
        `预览之后，“${change.what}”${edit.kind === 'update' ? `的${change.fieldLabel}` : ''}在服务器上又被修改了。整批未带回，已按服务器现在的内容重新列出，请再决定。`,
      );
  }
  let applied = 0;
  for (const { edit, change } of reviewed) {
    if (change.state !== 'clean' && change.state !== 'conflict') continue;
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
