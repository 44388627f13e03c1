import type { Comparator } from '../../shared/plan';
import { type Db, prepared } from './connection';

/**
 * A target as an edit needs it before it is checked: how it is written (comparator, unit, base unit, a base year)
 * and whether its actual is linked rather than typed, with the number of its task to name the row in a refusal.
 * The grid, paste, packets and the spreadsheet import all read it here. Listing targets with their progress is
 * progress-repository.ts's job.
 */

export interface TargetEditState {
  id: number;
  label: string;
  comparator: Comparator;
  unit: string;
  base_unit: string;
  relative_to_year: number | null;
  /** the actual is read from a link (target_link), not typed */
  linked: boolean;
  /** null for a target of 重点工作 (no task) */
  taskNumber: number | null;
}

/** The targets among `ids` that exist, in no particular order. */
export function targetStates(db: Db, ids: readonly number[]): TargetEditState[] {
  const rows = prepared(
    db,
    `SELECT g.id, g.label, g.comparator, g.unit, g.base_unit, g.relative_to_year, t.number AS taskNumber,
            EXISTS (SELECT 1 FROM target_link k WHERE k.target_id = g.id) AS linked
     FROM target g LEFT JOIN task t ON t.id = g.task_id WHERE g.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ids)) as (Omit<TargetEditState, 'linked'> & { linked: number })[];
  return rows.map((row) => ({ ...row, linked: row.linked === 1 }));
}
