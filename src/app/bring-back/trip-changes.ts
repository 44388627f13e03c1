import type { RowKey } from '../../core/edits/row-changes';
import { WorkbenchError } from '../../shared/result';
import { changeWords } from '../change-words';
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
 * hangs under it), anything referring to such a record, and whatever the same action changed with it (a merge of
 * two orgs moves aliases and owners onto the one kept).
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
  | {
      kind: 'insert';
      table: string;
      rowKey: string;
      key: RowKey;
      row: RowValues;
      /** what the copy calls the record: under the same id the server may have another */
      named?: string;
    }
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
 * adjustment (how and how much), a target's link (what to and which scenario), a budget line's task and domain,
 * its amount and the driver it may be computed from. Keyed by table, column → the group's lead column.
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
  target_link: { source: 'source', scenario_id: 'source' },
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
const WHY_SAME_ACTION = '与副本中新增或删除记录的同一次操作一起修改（如合并单位），请在团队工作簿中手工处理';
const WHY_RANGE = '副本中批量新增的记录，请在团队工作簿中重新导入';
/** larger than any bulk insert the app makes: a crafted copy, not a trip */
const MAX_RANGE = 1_000_000;

interface Touched {
  table: string;
  rowKey: string;
  key: RowKey;
  /** whether the record was there when the copy was taken */
  existedAtCopy: boolean;
  /** each field's value at the copy: its first change's old value, or the first delete's stored row */
  before: Map<string, SqlValue>;
  /** `before` holds the whole record (a delete's stored row filled it): later old values are not the copy's */
  beforeComplete: boolean;
  /** the whole record at the copy, when the trip deleted it */
  rowAtCopy: RowValues | null;
  /** deleted, then inserted again, by actions in effect: an undo writes no change rows, so this is a new record */
  reinserted: boolean;
  deletedInEffect: boolean;
  /** added by a bulk insert in effect (reported as one) */
  inRange: boolean;
  /** the fields each action in effect changed: fields changed together are brought back together */
  byAction: Map<number, Set<string>>;
  /** every action in effect that touched the record */
  actions: Set<number>;
}

/** Both homes read a column alike (an integer as a number, see client-config.ts); a missing column is null. */
export function sameValue(a: SqlValue | undefined, b: SqlValue | undefined): boolean {
  return (a ?? null) === (b ?? null);
}

const isIdKeyed = (table: string): boolean => keyColumns(table).join() === 'id';

/** The copy's changes since `lastAction` (the newest action when it was taken), net per record. */
export function tripChanges(copy: Db, lastAction: number): Trip {
  try {
    return reduce(copy, changesAfter(copy, lastAction));
  } catch (error) {
    if (error instanceof WorkbenchError) throw error;
    // the copy came on a USB stick: a journal this version cannot read is said so, not thrown as a program error
    throw new WorkbenchError('bad_input', '副本中的修改记录无法识别（可能来自其他程序或已损坏），无法逐项带回。');
  }
}

/** A stored row key, checked: a copy from a USB stick may have been made by anything. */
function parsedKey(table: string, rowKey: string): RowKey {
  const key: unknown = JSON.parse(rowKey);
  const valid =
    typeof key === 'object' &&
    key !== null &&
    keyColumns(table).every((column) => {
      const value = (key as Record<string, unknown>)[column];
      return column === 'id' || column.endsWith('_id') ? Number.isSafeInteger(value) : typeof value === 'string';
    });
  if (!valid) throw new WorkbenchError('bad_input', '副本中的修改记录无法识别（可能来自其他程序或已损坏），无法逐项带回。');
  return key as RowKey;
}

function parsedRange(rowKey: string): { from: number; to: number } {
  const { from, to } = JSON.parse(rowKey) as { from: unknown; to: unknown };
  if (
    typeof from !== 'number' ||
    typeof to !== 'number' ||
    !Number.isSafeInteger(from) ||
    !Number.isSafeInteger(to) ||
    to < from ||
    to - from > MAX_RANGE
  )
    throw new WorkbenchError('bad_input', '副本中的批量新增记录无法识别（可能来自其他程序或已损坏），无法逐项带回。');
  return { from, to };
}

/** Reads the log into one entry per record touched. */
function touchedRecords(logged: readonly LoggedChange[]): { touched: Map<string, Touched>; ranges: { table: string; rowKey: string }[] } {
  const touched = new Map<string, Touched>();
  const ranges: { table: string; rowKey: string }[] = [];
  const touch = (table: string, rowKey: string, existedAtCopy: boolean): Touched => {
    const id = `${table}\u0000${rowKey}`;
    let entry = touched.get(id);
    if (!entry) {
      entry = {
        table,
        rowKey,
        key: parsedKey(table, rowKey),
        existedAtCopy,
        before: new Map(),
        beforeComplete: false,
        rowAtCopy: null,
        reinserted: false,
        deletedInEffect: false,
        inRange: false,
        byAction: new Map(),
        actions: new Set(),
      };
      touched.set(id, entry);
    }
    return entry;
  };
  for (const row of logged) {
    // an undone action's change rows stay in the log: their old values still say what the copy held, but what it
    // inserted or deleted is not in effect
    const inEffect = row.state === 'done';
    switch (row.op) {
      case 'update': {
        const entry = touch(row.table_name, row.row_key, true);
        if (!entry.beforeComplete && !entry.before.has(row.field)) entry.before.set(row.field, row.old_value);
        if (inEffect) {
          entry.byAction.set(row.action_id, (entry.byAction.get(row.action_id) ?? new Set()).add(row.field));
          entry.actions.add(row.action_id);
        }
        break;
      }
      case 'insert': {
        const entry = touch(row.table_name, row.row_key, false);
        if (!inEffect) break;
        if (entry.deletedInEffect) entry.reinserted = true;
        entry.actions.add(row.action_id);
        break;
      }
      case 'delete': {
        const entry = touch(row.table_name, row.row_key, true);
        if (entry.existedAtCopy && !entry.beforeComplete && row.row_json) {
          // the record as the copy had it: the fields no earlier update changed are as this stored row has them
          const stored = JSON.parse(row.row_json) as RowValues;
          for (const [column, value] of Object.entries(stored)) if (!entry.before.has(column)) entry.before.set(column, value);
          entry.rowAtCopy = Object.fromEntries(entry.before);
          entry.beforeComplete = true;
        }
        if (!inEffect) break;
        entry.deletedInEffect = true;
        entry.actions.add(row.action_id);
        break;
      }
      case 'insert_range': {
        const { from, to } = parsedRange(row.row_key);
        if (!inEffect) break;
        ranges.push({ table: row.table_name, rowKey: row.row_key });
        for (let id = from; id <= to; id++) {
          const entry = touch(row.table_name, JSON.stringify({ id }), false);
          entry.inRange = true;
          if (entry.deletedInEffect) entry.reinserted = true;
          entry.actions.add(row.action_id);
        }
        break;
      }
    }
  }
  return { touched, ranges };
}

function reduce(copy: Db, logged: readonly LoggedChange[]): Trip {
  const { touched, ranges } = touchedRecords(logged);
  const words = changeWords(copy);
  const inserted = (base: { table: string; rowKey: string; key: RowKey }, row: RowValues): TripEdit => ({
    ...base,
    kind: 'insert',
    row,
    named: words({
      op: 'insert',
      table: base.table,
      rowKey: base.rowKey,
      field: '',
      oldValue: null,
      newValue: null,
      rowJson: JSON.stringify(row),
    }).what,
  });

  // records with ids of their own that the trip added, removed or replaced: nothing referring to them can come
  // back, nor anything else the same actions changed
  const newOrGone = new Map<string, Set<SqlValue>>();
  const tainted = new Set<number>();
  const nowOf = new Map<Touched, RowValues | null>();
  for (const entry of touched.values()) {
    const now = recordByKey(copy, entry.table, entry.key);
    nowOf.set(entry, now);
    const added = !entry.existedAtCopy && now !== null;
    const removed = entry.existedAtCopy && (now === null || entry.reinserted);
    if (isIdKeyed(entry.table) && (added || removed)) {
      newOrGone.set(entry.table, (newOrGone.get(entry.table) ?? new Set()).add(entry.key.id ?? null));
      for (const action of entry.actions) tainted.add(action);
    }
  }
  const refersToNewOrGone = (values: Iterable<[string, SqlValue | undefined]>): boolean =>
    [...values].some(([column, value]) => {
      const table = REFERENCES[column];
      return table !== undefined && value !== null && value !== undefined && (newOrGone.get(table)?.has(value) ?? false);
    });
  /** why an edit cannot come back, given every value it involves (its key, and its columns before and after) */
  const entangled = (entry: Touched, values: Iterable<[string, SqlValue | undefined]>): string | null => {
    if (refersToNewOrGone([...Object.entries(entry.key), ...values])) return WHY_REFERS;
    return [...entry.actions].some((action) => tainted.has(action)) ? WHY_SAME_ACTION : null;
  };

  const trip: Trip = { edits: [], leftOut: [] };
  for (const range of ranges) {
    const { from, to } = parsedRange(range.rowKey);
    const still = [...touched.values()].some(
      (entry) =>
        entry.table === range.table && entry.inRange && nowOf.get(entry) && Number(entry.key.id) >= from && Number(entry.key.id) <= to,
    );
    if (still) trip.leftOut.push({ range, why: WHY_RANGE });
  }
  for (const entry of touched.values()) {
    if (entry.table === 'setting' && NOT_CONTENT_SETTINGS.has(String(entry.key.key))) continue;
    const now = nowOf.get(entry) ?? null;
    const base = { table: entry.table, rowKey: entry.rowKey, key: entry.key };
    const idKeyed = isIdKeyed(entry.table);
    if (entry.existedAtCopy && entry.reinserted && idKeyed) {
      if (entry.rowAtCopy) trip.leftOut.push({ edit: { ...base, kind: 'delete', row: entry.rowAtCopy }, why: WHY_REPLACED });
      if (now) trip.leftOut.push({ edit: inserted(base, now), why: WHY_REPLACED });
      continue;
    }
    if (!entry.existedAtCopy) {
      if (!now || entry.inRange) continue;
      const edit = inserted(base, now);
      const why = idKeyed ? WHY_NEW : entangled(entry, Object.entries(now));
      if (why) trip.leftOut.push({ edit, why });
      else trip.edits.push(edit);
      continue;
    }
    if (!now) {
      const atCopy: RowValues = { ...entry.key, ...Object.fromEntries(entry.before) };
      const edit: TripEdit = { ...base, kind: 'delete', row: entry.rowAtCopy ?? atCopy };
      // an owner row deleted with its task goes with the task, which is left out
      const why = idKeyed ? WHY_REMOVED : entangled(entry, Object.entries(edit.row));
      if (why) trip.leftOut.push({ edit, why });
      else trip.edits.push(edit);
      continue;
    }
    for (const edit of groupedUpdates(base, entry.before, now, entry.byAction)) {
      // an id a column held at the copy or holds now: either end may be a record the trip added or removed
      const why = entangled(
        entry,
        edit.columns.flatMap((c): [string, SqlValue][] => [
          [c.column, c.before],
          [c.column, c.after],
        ]),
      );
      if (why) trip.leftOut.push({ edit, why });
      else trip.edits.push(edit);
    }
  }
  return trip;
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
