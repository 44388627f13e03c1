import type { RowKey } from '../../core/edits/row-changes';
import { type Db, prepared } from './connection';
import { keyColumns } from './journal';

/**
 * Reads of the journal and of journaled records by key, for comparing two copies of one workbook's history (a
 * local copy brought back to its team workbook, see bring-back/). The journal itself writes; this only reads.
 */

type SqlValue = string | number | null;

/** A change row as the journal stored it, in the order it was written. */
export interface LoggedChange {
  action_id: number;
  /** the action's state now: done, or undone (discarded: undone for good) */
  state: 'done' | 'undone' | 'discarded';
  op: 'update' | 'insert' | 'delete' | 'insert_range';
  table_name: string;
  row_key: string;
  field: string;
  old_value: SqlValue;
  row_json: string | null;
}

/** Every change made by actions after `afterAction`, done or undone, oldest first. */
export function changesAfter(db: Db, afterAction: number): LoggedChange[] {
  return prepared(
    db,
    `SELECT c.action_id, a.state, c.op, c.table_name, c.row_key, c.field, c.old_value, c.row_json
     FROM change_log c JOIN action a ON a.id = c.action_id WHERE c.action_id > ? ORDER BY c.action_id, c.seq`,
  ).all(afterAction) as LoggedChange[];
}

/** A journaled table's record by its key, as it is now, or null. */
export function recordByKey(db: Db, table: string, key: RowKey): Record<string, SqlValue> | null {
  const columns = keyColumns(table);
  const where = columns.map((column) => `${column} = ?`).join(' AND ');
  return (prepared(db, `SELECT * FROM ${table} WHERE ${where}`).get(...columns.map((column) => key[column] ?? null)) ?? null) as Record<
    string,
    SqlValue
  > | null;
}

/** Who last changed a record (by its stored key) in an action after `afterAction`, and when. */
export function lastChangeOf(db: Db, table: string, rowKey: string, afterAction: number): { actor: string; at: string } | undefined {
  return prepared(
    db,
    `SELECT a.actor AS actor, a.at AS at FROM change_log c JOIN action a ON a.id = c.action_id
     WHERE c.table_name = ? AND c.row_key = ? AND c.action_id > ? AND a.state = 'done' ORDER BY c.action_id DESC LIMIT 1`,
  ).get(table, rowKey, afterAction) as { actor: string; at: string } | undefined;
}

/** An action's time and session: what identifies it across two copies of one history. */
export function actionIdentity(db: Db, id: number): { at: string; session: string } | undefined {
  return prepared(db, 'SELECT at, session FROM action WHERE id = ?').get(id) as { at: string; session: string } | undefined;
}
