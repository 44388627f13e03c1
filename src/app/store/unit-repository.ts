import type { UnitRow } from '../../shared/grid';
import type { Db } from './connection';
import { defaultPlanId } from './plan-repository';
import { listTargets } from './progress-repository';

/** Units with their task counts and the progress of the targets of the tasks they lead. */

interface UnitRecord {
  id: number;
  name: string;
  aliases: string | null;
  leadCount: number;
  coCount: number;
  contact: string;
  phone: string;
}

export function listUnits(db: Db, onlyIds?: readonly number[]): UnitRow[] {
  const planId = defaultPlanId(db);
  const records = db
    .prepare(`SELECT u.id, u.name, u.contact, u.phone,
                (SELECT json_group_array(alias) FROM (SELECT alias FROM unit_alias WHERE unit_id = u.id ORDER BY alias)) AS aliases,
                (SELECT COUNT(*) FROM task_owner o JOIN task t ON t.id = o.task_id WHERE o.unit_id = u.id AND o.role = 'lead' AND t.plan_id = @planId) AS leadCount,
                (SELECT COUNT(*) FROM task_owner o JOIN task t ON t.id = o.task_id WHERE o.unit_id = u.id AND o.role = 'co' AND t.plan_id = @planId) AS coCount
              FROM unit u ORDER BY u.id`)
    .all({ planId }) as UnitRecord[];
  const targets = planId === null ? [] : listTargets(db, planId);
  const ledTasks = new Map<number, Set<number>>();
  for (const row of db.prepare("SELECT unit_id AS unitId, task_id AS taskId FROM task_owner WHERE role = 'lead'").all() as { unitId: number; taskId: number }[]) {
    const set = ledTasks.get(row.unitId) ?? new Set<number>();
    set.add(row.taskId);
    ledTasks.set(row.unitId, set);
  }
  const wanted = onlyIds ? new Set(onlyIds) : null;
  return records
    .filter((record) => !wanted || wanted.has(record.id))
    .map((record) => {
      const tasks = ledTasks.get(record.id) ?? new Set<number>();
      const own = targets.filter((target) => target.taskId !== null && tasks.has(target.taskId));
      return {
        ...record,
        aliases: JSON.parse(record.aliases ?? '[]') as string[],
        targetsTotal: own.length,
        targetsMet: own.filter((t) => t.progress === 'met').length,
        targetsRed: own.filter((t) => t.progress === 'red').length,
        targetsYellow: own.filter((t) => t.progress === 'yellow').length,
      };
    });
}

/** A unit by its name or one of its aliases. */
export function findUnitId(db: Db, name: string): number | null {
  const row = (db.prepare('SELECT id FROM unit WHERE name = ?').get(name) ??
    db.prepare('SELECT unit_id AS id FROM unit_alias WHERE alias = ?').get(name)) as { id: number } | undefined;
  return row?.id ?? null;
}
