import type { Db } from './connection';

/**
 * Ids of new rows are assigned by the application (MAX(id) + 1), not left to SQLite, because the journal keys
 * its change records on them: an insert must know its key before it is recorded. A workbook has one writer at a
 * time — the file's lock, or a team workbook's write lock (pg/server-db.ts) — so MAX(id) + 1 is not taken twice;
 * an id planned before the lock that someone else took meanwhile is refused by the key (23505), not overwritten.
 */

export type IdTable =
  | 'plan'
  | 'plan_section'
  | 'plan_conflict'
  | 'domain'
  | 'safeguard'
  | 'task'
  | 'target'
  | 'unit'
  | 'scenario'
  | 'budget_line'
  | 'budget'
  | 'execution_report'
  | 'execution_line';

export function nextId(db: Db, table: IdTable): number {
  return ((db.prepare(`SELECT MAX(id) AS id FROM ${table}`).get() as { id: number | null }).id ?? 0) + 1;
}
