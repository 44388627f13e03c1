// 责任单位 (`org` in code) live in the table `unit`: its name in the workbook file format, kept so that existing
// workbooks open unchanged. (A quantity's 计量单位 is the `unit` of a target.)
import type { OrgRow } from '../../shared/grid';
import { type Db, prepared } from './connection';
import { defaultPlanId } from './plan-repository';
import { listTargets } from './progress-repository';

/**
 * 责任单位 — the organisations that own tasks — and their aliases: the org grid's rows (task counts and the
 * progress of the targets of the tasks they lead), and an org found by its name or an alias, as pasted text and
 * imports name it. Roles on tasks are owner-repository.ts's.
 */

interface OrgRecord {
  id: number;
  name: string;
  aliases: string | null;
  leadCount: number;
  coCount: number;
  contact: string;
  phone: string;
}

export function listOrgs(db: Db, onlyIds?: readonly number[]): OrgRow[] {
  const planId = defaultPlanId(db);
  const records = db
    .prepare(
      `SELECT u.id, u.name, u.contact, u.phone,
                (SELECT json_group_array(alias ORDER BY alias) FROM unit_alias WHERE unit_id = u.id) AS aliases,
                (SELECT COUNT(*) FROM task_owner o JOIN task t ON t.id = o.task_id WHERE o.unit_id = u.id AND o.role = 'lead' AND t.plan_id = @planId) AS leadCount,
                (SELECT COUNT(*) FROM task_owner o JOIN task t ON t.id = o.task_id WHERE o.unit_id = u.id AND o.role = 'co' AND t.plan_id = @planId) AS coCount
              FROM unit u ORDER BY u.id`,
    )
    .all({ planId }) as OrgRecord[];
  const targets = planId === null ? [] : listTargets(db, planId);
  const ledTasks = new Map<number, Set<number>>();
  for (const row of db.prepare("SELECT unit_id AS orgId, task_id AS taskId FROM task_owner WHERE role = 'lead'").all() as {
    orgId: number;
    taskId: number;
  }[]) {
    const set = ledTasks.get(row.orgId) ?? new Set<number>();
    set.add(row.taskId);
    ledTasks.set(row.orgId, set);
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

/** An org by its own name only (not an alias). */
export function orgIdByName(db: Db, name: string): number | null {
  return (prepared(db, 'SELECT id FROM unit WHERE name = ?').get(name) as { id: number } | undefined)?.id ?? null;
}

/** An org by its name or one of its aliases. */
export function findOrgId(db: Db, name: string): number | null {
  return (
    orgIdByName(db, name) ??
    (prepared(db, 'SELECT unit_id AS id FROM unit_alias WHERE alias = ?').get(name) as { id: number } | undefined)?.id ??
    null
  );
}

export interface OrgContact {
  id: number;
  name: string;
  contact: string;
  phone: string;
}

export function getOrg(db: Db, orgId: number): OrgContact | undefined {
  return prepared(db, 'SELECT id, name, contact, phone FROM unit WHERE id = ?').get(orgId) as OrgContact | undefined;
}

/** Every org's name by id. */
export function orgNames(db: Db): Map<number, string> {
  const rows = prepared(db, 'SELECT id, name FROM unit').all() as { id: number; name: string }[];
  return new Map(rows.map((org) => [org.id, org.name]));
}

export function orgAliases(db: Db, orgId: number): string[] {
  return (prepared(db, 'SELECT alias FROM unit_alias WHERE unit_id = ?').all(orgId) as { alias: string }[]).map((row) => row.alias);
}
