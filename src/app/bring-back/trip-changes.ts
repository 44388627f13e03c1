import type { RowKey } from '../../core/edits/row-changes';
import { WorkbenchError } from '../../shared/result';
import type { Db } from '../store/connection';
import { COPY_ORIGIN_KEY } from '../store/copy-origin';
import { keyColumns } from '../store/journal';
import { changesAfter, type LoggedChange, recordByKey } from '../store/journal-reads';

/**
 * What was changed in a local copy (另存为本地副本) since it was taken: the copy's own journal from the action
 * after the one it was copied at, reduced to each record's net change — the value a field had at the copy and the
 * value it has now, so that an edit typed and then undone on the trip is no change at all. Only read; the review
 * against the team workbook is review.ts's job.
 *
 * What cannot come back as a reviewed edit is left out, with the reason: a record with an id of its own that the
 * trip added or removed (the server may have given that id to another record meanwhile, and a removal takes what
 * hangs under it), and anything that refers to such a record.
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
      /**
       * the columns brought back together (see groupedUpdates), the one the user reads first; a column the trip did
       * not change is listed with its copy value as both before and after, so that the server's change of it counts
       */
      columns: { column: string; before: SqlValue; after: SqlValue }[];
    }
  | { kind: 'insert'; table: string; rowKey: string; key: RowKey; row: RowValues }
  | { kind: 'delete'; table: string; rowKey: string; key: RowKey; row: RowValues };

/** A change that cannot come back by itself, and why: one record's, or a bulk insert's as a whole. */
export type TripLeftOut = { why: string } & ({ edit: TripEdit } | { range: { table: string; rowKey: string } });

export interface Trip {
  edits: TripEdit[];
  leftOut: TripLeftOut[];
}

/**
 * Columns that only mean something together, brought back (or not) together: a target's 目标值 (its value in the
 * written unit and in base units, a range's bounds, the comparator that says how to read them), a scenario's
 * adjustment (how and how much), a budget line's task and domain, its amount and the driver it may be computed
 * from. Keyed by table, column → the group's lead column (the one the user reads).
 */
const FIELD_GROUPS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  target: {
    value: 'value',
    unit: 'value',
    base_value: 'value',
    base_unit: 'value',
    min_value: 'value',
    max_value: 'value',
    comparator: 'value',
  },
  scenario_override: { op: 'value', value: 'value' },
  budget_line: {
    task_id: 'task_id',
    domain_id: 'task_id',
    amount_fen: 'amount_fen',
    driver_quantity: 'amount_fen',
    driver_rate_fen: 'amount_fen',
    driver_target_id: 'amount_fen',
  },
};

/** Settings that are one window's view, not the workbook's content, and the copy's own birth certificate. */
const NOT_CONTENT_SETTINGS = new Set(['budget.current_scenario', COPY_ORIGIN_KEY]);

/** Columns that hold the id of a record of another table. */
export const REFERENCES: Readonly<Record<string, string>> = {
  task_id: 'task',
  unit_id: 'unit',
  domain_id: 'domain',
  safeguard_id: 'safeguard',
  scenario_id: 'scenario',
  baseline_id: 'scenario',
  line_id: 'budget_line',
  target_id: 'target',
  driver_target_id: 'target',
  plan_id: 'plan',
  section_id: 'plan_section',
  budget_id: 'budget',
};

const WHY_NEW = '副本中新增的记录有自己的编号，服务器上该编号可能已给了别的记录，请在团队工作簿中手工添加';
const WHY_REMOVED = '副本中删除的记录请在团队工作簿中手工删除（删除会连带其下的内容，需逐一确认）';
const WHY_REPLACED = '副本中删除后又新增的记录用了同一个编号，请在团队工作簿中手工处理';
const WHY_REFERS = '涉及副本中新增或删除的记录，请在团队工作簿中手工处理';
const WHY_RANGE = '副本中批量新增的记录，请在团队工作簿中重新导入';

interface Touched {
  table: string;
  rowKey: string;
  /** whether the record was there when the copy was taken */
  existedAtCopy: boolean;
  /** each updated field's value at the copy (its first change's old value) */
  before: Map<string, SqlValue>;
  /** the whole record at the copy, when its first change on the trip deleted it */
  rowAtCopy: RowValues | null;
  /** deleted and then inserted again by the log: an undo writes no change rows, so this is a new record */
  reinserted: boolean;
  deleted: boolean;
  /** added by a bulk insert (reported as one) */
  inRange: boolean;
  /** the fields each action changed: fields changed together are brought back together */
  byAction: Map<number, Set<string>>;
}

/** Both homes read a column alike (an integer as a number, see client-config.ts); a missing column is null. */
export function sameValue(a: SqlValue | undefined, b: SqlValue | undefined): boolean {
  return (a ?? null) === (b ?? null);
}

const isIdKeyed = (table: string): boolean => keyColumns(table).join() === 'id';

/** The copy's changes since `lastAction` (the newest action when it was taken), net per record. */
export function tripChanges(copy: Db, lastAction: number): Trip {
  const logged = changesAfter(copy, lastAction);
  try {
    return reduce(copy, logged);
  } catch (error) {
    if (error instanceof WorkbenchError) throw error;
    // the copy came on a USB stick: a journal this version cannot read is said so, not thrown as a program error
    throw new WorkbenchError(
      'bad_input',
      `副本中的修改记录无法识别（${error instanceof Error ? error.message : String(error)}），无法逐项带回。`,
    );
  }
}

function reduce(copy: Db, logged: readonly LoggedChange[]): Trip {
  const touched = new Map<string, Touched>();
  const ranges: { table: string; rowKey: string }[] = [];
  const touch = (table: string, rowKey: string, existedAtCopy: boolean): Touched => {
    keyColumns(table);
    const id = `${table}\u0000${rowKey}`;
    let entry = touched.get(id);
    if (!entry) {
      entry = {
        table,
        rowKey,
        existedAtCopy,
        before: new Map(),
        rowAtCopy: null,
        reinserted: false,
        deleted: false,
        inRange: false,
        byAction: new Map(),
      };
      touched.set(id, entry);
    }
    return entry;
  };
  for (const row of logged) {
    switch (row.op) {
      case 'update': {
        const entry = touch(row.table_name, row.row_key, true);
        if (!entry.before.has(row.field)) entry.before.set(row.field, row.old_value);
        entry.byAction.set(row.action_id, (entry.byAction.get(row.action_id) ?? new Set()).add(row.field));
        break;
      }
      case 'insert': {
        const entry = touch(row.table_name, row.row_key, false);
        if (entry.deleted) entry.reinserted = true;
        break;
      }
      case 'delete': {
        const entry = touch(row.table_name, row.row_key, true);
        entry.deleted = true;
        entry.rowAtCopy ??= row.row_json ? (JSON.parse(row.row_json) as RowValues) : null;
        break;
      }
      case 'insert_range': {
        ranges.push({ table: row.table_name, rowKey: row.row_key });
        const { from, to } = JSON.parse(row.row_key) as { from: number; to: number };
        for (let id = from; id <= to; id++) {
          const entry = touch(row.table_name, JSON.stringify({ id }), false);
          entry.inRange = true;
          if (entry.deleted) entry.reinserted = true;
        }
        break;
      }
    }
  }

  // records with ids of their own that the trip added or removed: nothing referring to them can come back
  const newOrGone = new Map<string, Set<SqlValue>>();
  const nowOf = new Map<Touched, RowValues | null>();
  for (const entry of touched.values()) {
    const now = recordByKey(copy, entry.table, JSON.parse(entry.rowKey) as RowKey);
    nowOf.set(entry, now);
    const added = !entry.existedAtCopy && now !== null;
    if (isIdKeyed(entry.table) && (added || (entry.existedAtCopy && (now === null || entry.reinserted)))) {
      const id = (JSON.parse(entry.rowKey) as { id: SqlValue }).id;
      newOrGone.set(entry.table, (newOrGone.get(entry.table) ?? new Set()).add(id));
    }
  }
  const refersToNewOrGone = (values: Readonly<Record<string, SqlValue | undefined>>): boolean =>
    Object.entries(values).some(([column, value]) => {
      const table = REFERENCES[column];
      return table !== undefined && value !== null && value !== undefined && (newOrGone.get(table)?.has(value) ?? false);
    });

  const trip: Trip = { edits: [], leftOut: [] };
  for (const range of ranges) {
    const { from, to } = JSON.parse(range.rowKey) as { from: number; to: number };
    const still = [...touched.values()].some(
      (entry) => entry.table === range.table && entry.inRange && nowOf.get(entry) && between(entry.rowKey, from, to),
    );
    if (still) trip.leftOut.push({ range, why: WHY_RANGE });
  }
  for (const entry of touched.values()) {
    const key = JSON.parse(entry.rowKey) as RowKey;
    if (entry.table === 'setting' && NOT_CONTENT_SETTINGS.has(String(key.key))) continue;
    const now = nowOf.get(entry) ?? null;
    const base = { table: entry.table, rowKey: entry.rowKey, key };
    const idKeyed = isIdKeyed(entry.table);
    if (entry.existedAtCopy && entry.reinserted && idKeyed) {
      if (entry.rowAtCopy) trip.leftOut.push({ edit: { ...base, kind: 'delete', row: entry.rowAtCopy }, why: WHY_REPLACED });
      if (now) trip.leftOut.push({ edit: { ...base, kind: 'insert', row: now }, why: WHY_REPLACED });
      continue;
    }
    if (!entry.existedAtCopy) {
      if (!now || entry.inRange) continue;
      const edit: TripEdit = { ...base, kind: 'insert', row: now };
      if (idKeyed) trip.leftOut.push({ edit, why: WHY_NEW });
      else if (refersToNewOrGone(now)) trip.leftOut.push({ edit, why: WHY_REFERS });
      else trip.edits.push(edit);
      continue;
    }
    if (!now) {
      const atCopy = { ...(entry.rowAtCopy ?? key) };
      // its fields as they were at the copy, before the trip's updates that preceded the delete
      for (const [field, value] of entry.before) atCopy[field] = value;
      const edit: TripEdit = { ...base, kind: 'delete', row: atCopy };
      if (idKeyed) trip.leftOut.push({ edit, why: WHY_REMOVED });
      // an owner row deleted with its task goes with the task, which is left out
      else if (refersToNewOrGone(atCopy)) trip.leftOut.push({ edit, why: WHY_REFERS });
      else trip.edits.push(edit);
      continue;
    }
    const before = new Map(entry.before);
    // deleted and put back (an undone delete): every field may differ from the copy's
    if (entry.rowAtCopy) for (const [column, value] of Object.entries(entry.rowAtCopy)) if (!before.has(column)) before.set(column, value);
    for (const edit of groupedUpdates(base, before, now, entry.byAction)) {
      const after = Object.fromEntries(edit.columns.map((c) => [c.column, c.after]));
      if (refersToNewOrGone(after)) trip.leftOut.push({ edit, why: WHY_REFERS });
      else trip.edits.push(edit);
    }
  }
  return trip;
}

function between(rowKey: string, from: number, to: number): boolean {
  const id = Number((JSON.parse(rowKey) as { id: unknown }).id);
  return id >= from && id <= to;
}

/**
 * A record's changed fields, as edits of the columns that belong together: those one action changed together, and
 * those FIELD_GROUPS ties. Each edit lists all of its group's columns, changed or not, so that the review sees a
 * colleague's change of any of them and the apply writes a consistent whole. The lead column comes first.
 */
function groupedUpdates(
  base: { table: string; rowKey: string; key: RowKey },
  before: ReadonlyMap<string, SqlValue>,
  now: RowValues,
  byAction: ReadonlyMap<number, ReadonlySet<string>>,
): Extract<TripEdit, { kind: 'update' }>[] {
  const ties = FIELD_GROUPS[base.table] ?? {};
  const changed = [...before].filter(([column, value]) => column in now && !sameValue(value, now[column])).map(([column]) => column);
  // union-find over the changed columns: tied by FIELD_GROUPS, or changed by one action
  const parent = new Map<string, string>(changed.map((column) => [column, column]));
  const find = (column: string): string => {
    const up = parent.get(column) ?? column;
    if (up === column) return column;
    const root = find(up);
    parent.set(column, root);
    return root;
  };
  const join = (a: string, b: string): void => {
    if (parent.has(a) && parent.has(b)) parent.set(find(a), find(b));
  };
  for (const a of changed) for (const b of changed) if (ties[a] !== undefined && ties[a] === ties[b]) join(a, b);
  for (const fields of byAction.values()) {
    const list = [...fields].filter((field) => parent.has(field));
    for (const field of list.slice(1)) join(list[0] as string, field);
  }
  const groups = new Map<string, string[]>();
  for (const column of changed) groups.set(find(column), [...(groups.get(find(column)) ?? []), column]);
  return [...groups.values()].map((members) => {
    const leads = new Set(members.map((column) => ties[column]).filter((lead): lead is string => lead !== undefined));
    // the columns tied to the group's leads that the trip did not change, at their copy value
    const tied = Object.keys(ties).filter((column) => leads.has(ties[column] as string) && !members.includes(column) && column in now);
    // what the user reads first: the group's lead if the trip changed it, else the first column it changed
    const lead = [...leads].find((column) => members.includes(column)) ?? members[0];
    const columns = [
      ...members.map((column) => ({ column, before: before.get(column) ?? null, after: now[column] ?? null })),
      ...tied.map((column) => ({ column, before: now[column] ?? null, after: now[column] ?? null })),
    ].sort((a, b) => Number(b.column === lead) - Number(a.column === lead));
    return { ...base, kind: 'update' as const, columns };
  });
}
