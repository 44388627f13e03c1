import type { ChangeLogEntry } from '../../shared/contract';
import { type Db, prepared } from './connection';

/**
 * The change log as people read it (修改记录): the journal's change rows joined to their actions, filtered by a
 * task, an org or a span of days. Writing the log — and undo and redo — is journal.ts's job; this module only reads
 * what it wrote. The rows it touched are named by record-names.ts.
 */

/** A change row as stored, before it is put into words. */
export type StoredChange = Omit<ChangeLogEntry, 'what' | 'tableLabel' | 'fieldLabel' | 'oldText' | 'newText'> & { rowJson: string | null };

export interface ChangeLogFilter {
  limit?: number | undefined;
  taskId?: number | undefined;
  orgId?: number | undefined;
  /** local calendar days, YYYY-MM-DD */
  from?: string | undefined;
  to?: string | undefined;
}

/** Rows that concern a task: the task, its targets, its owners. */
const TASK_FILTER = `(
  (c.table_name = 'task' AND json_extract(c.row_key, '$.id') = @taskId)
  OR (c.table_name = 'task_owner' AND json_extract(c.row_key, '$.task_id') = @taskId)
  OR (c.table_name = 'target' AND (json_extract(c.row_key, '$.id') IN (SELECT id FROM target WHERE task_id = @taskId)
                                   OR json_extract(c.row_json, '$.task_id') = @taskId)))`;

/** Rows that concern an org: the org, its roles, and the tasks and targets it owns. */
const ORG_FILTER = `(
  (c.table_name = 'unit' AND json_extract(c.row_key, '$.id') = @orgId)
  OR (c.table_name IN ('task_owner', 'domain_owner', 'safeguard_owner') AND json_extract(c.row_key, '$.unit_id') = @orgId)
  OR (c.table_name = 'unit_alias' AND json_extract(c.row_json, '$.unit_id') = @orgId)
  OR (c.table_name = 'task' AND json_extract(c.row_key, '$.id') IN (SELECT task_id FROM task_owner WHERE unit_id = @orgId))
  OR (c.table_name = 'target' AND json_extract(c.row_key, '$.id') IN
        (SELECT g.id FROM target g JOIN task_owner o ON o.task_id = g.task_id WHERE o.unit_id = @orgId)))`;

/** The newest changes first (500 unless told), each action's changes in reverse order of writing. */
export function changeLogRows(db: Db, { limit, taskId, orgId, from, to }: ChangeLogFilter): StoredChange[] {
  const conditions = ['1 = 1'];
  if (taskId !== undefined) conditions.push(TASK_FILTER);
  if (orgId !== undefined) conditions.push(ORG_FILTER);
  // dates are local calendar days and `at` is stored as UTC ISO text: the days' bounds are made UTC here, so the
  // comparison is of text on either home
  if (from) conditions.push('a.at >= @fromAt');
  if (to) conditions.push('a.at < @toAt');
  return prepared(
    db,
    `SELECT c.id, c.action_id AS actionId, a.at, a.actor, a.label, a.reason, a.state, c.op,
            c.table_name AS "table", c.row_key AS rowKey, c.field, c.old_value AS oldValue, c.new_value AS newValue,
            c.row_json AS rowJson
     FROM change_log c JOIN action a ON a.id = c.action_id
     WHERE ${conditions.join(' AND ')}
     ORDER BY c.action_id DESC, c.seq DESC LIMIT @limit`,
  ).all({
    limit: limit ?? 500,
    taskId: taskId ?? null,
    orgId: orgId ?? null,
    fromAt: from ? localDayStart(from).toISOString() : null,
    toAt: to ? localDayStart(to, 1).toISOString() : null,
  }) as StoredChange[];
}

/** The start of a local calendar day (yyyy-mm-dd), `plusDays` later. */
function localDayStart(day: string, plusDays = 0): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year ?? 1970, (month ?? 1) - 1, (date ?? 1) + plusDays);
}
