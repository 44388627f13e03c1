import type { RowKey } from '../../core/edits/row-changes';
import type { Db } from '../store/connection';
import { COPY_ORIGIN_KEY } from '../store/copy-origin';
import { keyColumns } from '../store/journal';
import { changesAfter, recordByKey } from '../store/journal-reads';

/**
 * What was changed in a local copy (另存为本地副本) since it was taken: the copy's own journal from the action
 * after the one it was copied at, reduced to each record's net change — the value a field had at the copy and the
 * value it has now, so that an edit typed and then undone on the trip is no change at all. Only read; the review
 * against the team workbook is review.ts's job.
 */

export type SqlValue = string | number | null;
export type RowValues = Record<string, SqlValue>;

/** One record's net change, in the terms the journal can apply to the team workbook. */
export type TripEdit =
  | {
      kind: 'update';
      table: string;
      rowKey: string;
      key: RowKey;
      /** the changed columns of one field group (see FIELD_GROUPS), the first one being what the user reads */
      columns: { column: string; before: SqlValue; after: SqlValue }[];
    }
  | { kind: 'insert'; table: string; rowKey: string; key: RowKey; row: RowValues }
  | { kind: 'delete'; table: string; rowKey: string; key: RowKey; row: RowValues };

/** A change that cannot be brought back as a reviewed edit (a new task has an id the server may have given away). */
export interface TripLeftOut {
  kind: 'insert' | 'delete';
  table: string;
  rowKey: string;
  row: RowValues;
}

export interface Trip {
  edits: TripEdit[];
  leftOut: TripLeftOut[];
}

/**
 * Columns written together by one edit, brought back (or not) together: a target's 目标值 is its value in the unit
 * it is written in, the same in base units, and for a range its bounds. Keyed by table, column → the group's
 * lead column.
 */
const FIELD_GROUPS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  target: { value: 'value', unit: 'value', base_value: 'value', base_unit: 'value', min_value: 'value', max_value: 'value' },
};

/** Settings that are one window's view, not the workbook's content, and the copy's own birth certificate. */
const NOT_CONTENT_SETTINGS = new Set(['budget.current_scenario', COPY_ORIGIN_KEY]);

/** The tables a natural-key row refers to through its key: such a row can come back unless its parent is new. */
const KEY_PARENTS: Readonly<Record<string, string>> = {
  task_id: 'task',
  unit_id: 'unit',
  domain_id: 'domain',
  safeguard_id: 'safeguard',
  scenario_id: 'scenario',
  line_id: 'budget_line',
  target_id: 'target',
};

interface Touched {
  table: string;
  rowKey: string;
  /** whether the record was there when the copy was taken */
  existedAtCopy: boolean;
  /** each updated field's value at the copy (its first change's old value) */
  before: Map<string, SqlValue>;
  /** the whole record at the copy, when its first change on the trip deleted it */
  rowAtCopy: RowValues | null;
}

/** Both homes read a column alike (an integer as a number, see client-config.ts); a missing column is null. */
export function sameValue(a: SqlValue | undefined, b: SqlValue | undefined): boolean {
  return (a ?? null) === (b ?? null);
}

/** The copy's changes since `lastAction` (the newest action when it was taken), net per record. */
export function tripChanges(copy: Db, lastAction: number): Trip {
  const rows = changesAfter(copy, lastAction);
  const touched = new Map<string, Touched>();
  const touch = (table: string, rowKey: string, existedAtCopy: boolean): Touched => {
    const id = `${table}\u0000${rowKey}`;
    let entry = touched.get(id);
    if (!entry) {
      entry = { table, rowKey, existedAtCopy, before: new Map(), rowAtCopy: null };
      touched.set(id, entry);
    }
    return entry;
  };
  for (const row of rows) {
    switch (row.op) {
      case 'update': {
        const entry = touch(row.table_name, row.row_key, true);
        if (!entry.before.has(row.field)) entry.before.set(row.field, row.old_value);
        break;
      }
      case 'insert':
        touch(row.table_name, row.row_key, false);
        break;
      case 'delete': {
        const entry = touch(row.table_name, row.row_key, true);
        entry.rowAtCopy ??= row.row_json ? (JSON.parse(row.row_json) as RowValues) : null;
        break;
      }
      case 'insert_range': {
        const { from, to } = JSON.parse(row.row_key) as { from: number; to: number };
        for (let id = from; id <= to; id++) touch(row.table_name, JSON.stringify({ id }), false);
        break;
      }
    }
  }
  const trip: Trip = { edits: [], leftOut: [] };
  const newIds = new Map<string, Set<string | number>>();
  for (const entry of touched.values()) {
    if (entry.existedAtCopy) continue;
    const key = JSON.parse(entry.rowKey) as RowKey;
    if (keyColumns(entry.table).join() === 'id') newIds.set(entry.table, (newIds.get(entry.table) ?? new Set()).add(key.id ?? ''));
  }
  const hasNewParent = (key: RowKey): boolean =>
    Object.entries(key).some(([column, value]) => {
      const parent = KEY_PARENTS[column];
      return parent !== undefined && (newIds.get(parent)?.has(value) ?? false);
    });

  for (const entry of touched.values()) {
    const key = JSON.parse(entry.rowKey) as RowKey;
    if (entry.table === 'setting' && NOT_CONTENT_SETTINGS.has(String(key.key))) continue;
    const now = recordByKey(copy, entry.table, key);
    const base = { table: entry.table, rowKey: entry.rowKey, key };
    // a record with an assigned id cannot come back by itself: the server may have given that id to another
    const byNaturalKey = keyColumns(entry.table).join() !== 'id' && !hasNewParent(key);
    if (!entry.existedAtCopy) {
      if (!now) continue;
      if (byNaturalKey) trip.edits.push({ ...base, kind: 'insert', row: now });
      else trip.leftOut.push({ ...base, kind: 'insert', row: now });
      continue;
    }
    if (!now) {
      const atCopy = { ...(entry.rowAtCopy ?? key) };
      // its fields as they were at the copy, before the trip's updates that preceded the delete
      for (const [field, value] of entry.before) atCopy[field] = value;
      if (byNaturalKey) trip.edits.push({ ...base, kind: 'delete', row: atCopy });
      else trip.leftOut.push({ ...base, kind: 'delete', row: atCopy });
      continue;
    }
    const before = new Map(entry.before);
    // deleted and put back (an undone delete): every field may differ from the copy's
    if (entry.rowAtCopy) for (const [column, value] of Object.entries(entry.rowAtCopy)) if (!before.has(column)) before.set(column, value);
    trip.edits.push(...groupedUpdates(base, before, now));
  }
  return trip;
}

/** A record's changed fields, one edit per field group, the group's lead column first. */
function groupedUpdates(
  base: { table: string; rowKey: string; key: RowKey },
  before: ReadonlyMap<string, SqlValue>,
  now: RowValues,
): TripEdit[] {
  const groups = new Map<string, { column: string; before: SqlValue; after: SqlValue }[]>();
  for (const [column, value] of before) {
    const after = now[column] ?? null;
    if (sameValue(value, after)) continue;
    const lead = FIELD_GROUPS[base.table]?.[column] ?? column;
    groups.set(lead, [...(groups.get(lead) ?? []), { column, before: value, after }]);
  }
  return [...groups].map(([lead, columns]) => ({
    ...base,
    kind: 'update' as const,
    columns: columns.sort((a, b) => Number(b.column === lead) - Number(a.column === lead)),
  }));
}
