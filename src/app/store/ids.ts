import type { Db } from './connection';

/**
 * Ids of new rows are assigned by the application (MAX(id) + 1), not left to SQLite, because the journal keys
 * its change records on them: an insert must know its key before it is recorded.
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
