import type { Refusal } from '../refusal';

/**
 * What an edit changes, as data: the rows to update, insert or delete. The edit planners in core return these (or a
 * refusal) without touching a database; the application writes them through its journal as one undoable action.
 */

export type SqlValue = string | number | null;
export type RowKey = Readonly<Record<string, number | string>>;

export type RowChange =
  | { kind: 'update'; table: string; key: RowKey; column: string; value: SqlValue }
  | { kind: 'insert'; table: string; row: Readonly<Record<string, SqlValue>> }
  | { kind: 'delete'; table: string; key: RowKey };

/** One cell's plan: the changes it makes, or why it cannot be stored (a sentence without a final 。). */
export type EditPlan = { ok: true; changes: readonly RowChange[] } | Refusal;

export const refuse = (reason: string): EditPlan => ({ ok: false, reason });
export const accept = (...changes: RowChange[]): EditPlan => ({ ok: true, changes });

export const update = (table: string, key: RowKey, column: string, value: SqlValue): RowChange => ({
  kind: 'update',
  table,
  key,
  column,
  value,
});
export const insert = (table: string, row: Readonly<Record<string, SqlValue>>): RowChange => ({ kind: 'insert', table, row });
export const remove = (table: string, key: RowKey): RowChange => ({ kind: 'delete', table, key });
