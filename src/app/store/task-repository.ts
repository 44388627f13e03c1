import { type Db, prepared } from './connection';

/**
 * Tasks looked up by what a person calls them — their number in the plan — for naming rows in messages and for
 * resolving a typed task number. Listing tasks with their owners and progress is plan-repository.ts's job; who
 * owns a task is owner-repository.ts's.
 */

/** Every task's number by id (all plans: a handful of rows). */
export function taskNumbers(db: Db): Map<number, number> {
  const rows = prepared(db, 'SELECT id, number FROM task').all() as { id: number; number: number }[];
  return new Map(rows.map((task) => [task.id, task.number]));
}

/** The task a plan numbers `number`, with its domain (a budget line linked to it takes both). */
export function taskByNumber(db: Db, planId: number | null, number: number): { id: number; domainId: number } | undefined {
  return prepared(db, 'SELECT id, domain_id AS domainId FROM task WHERE plan_id = ? AND number = ?').get(planId, number) as
    { id: number; domainId: number } | undefined;
}
