import type { Owner, ParsedPlan } from '../../shared/plan';
import type { PlanSummary, TaskRow, TaskStatus } from '../../shared/contract';
import type { Db } from './connection';
import { getTargets, listTargets, taskProgress, type TaskProgress } from './progress-repository';

/** Writes a parsed plan into the workbook. The caller owns the transaction. */
export function insertParsedPlan(db: Db, plan: ParsedPlan, sourceName: string): number {
  const planId = Number(
    db
      .prepare(`INSERT INTO plan (title, issuer, doc_no, doc_date, year, preamble, source_name, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(plan.title, plan.issuer, plan.docNo, plan.date, plan.year, plan.preamble, sourceName, new Date().toISOString())
      .lastInsertRowid,
  );

  const unitIds = new Map<string, number>();
  const findUnit = db.prepare('SELECT id FROM unit WHERE name = ?');
  const findAlias = db.prepare('SELECT unit_id AS id FROM unit_alias WHERE alias = ?');
  const insertUnit = db.prepare('INSERT INTO unit (name) VALUES (?)');
  const insertAlias = db.prepare('INSERT OR IGNORE INTO unit_alias (alias, unit_id) VALUES (?, ?)');
  for (const unit of plan.units) {
    const existing = (findUnit.get(unit.name) ?? findAlias.get(unit.name)) as { id: number } | undefined;
    const id = existing?.id ?? Number(insertUnit.run(unit.name).lastInsertRowid);
    unitIds.set(unit.name, id);
    for (const alias of unit.aliases) {
      if (!findUnit.get(alias)) insertAlias.run(alias, id);
      unitIds.set(alias, id);
    }
  }
  const unitId = (name: string): number => {
    const id = unitIds.get(name);
    if (id !== undefined) return id;
    const created = Number(insertUnit.run(name).lastInsertRowid);
    unitIds.set(name, created);
    return created;
  };
  const insertOwners = (sql: string, parentId: number, owners: Owner[]): void => {
    const statement = db.prepare(sql);
    owners.forEach((owner, index) => statement.run(parentId, unitId(owner.unit), owner.role, index));
  };

  const insertSection = db.prepare('INSERT INTO plan_section (plan_id, ordinal, kind, title, body) VALUES (?, ?, ?, ?, ?)');
  for (const section of plan.sections) insertSection.run(planId, section.ordinal, section.kind, section.title, section.text);

  const insertSafeguard = db.prepare('INSERT INTO safeguard (plan_id, ordinal, title, body) VALUES (?, ?, ?, ?)');
  plan.safeguards.forEach((safeguard, index) => {
    const id = Number(insertSafeguard.run(planId, index + 1, safeguard.title, safeguard.text).lastInsertRowid);
    insertOwners('INSERT INTO safeguard_owner (safeguard_id, unit_id, role, ord) VALUES (?, ?, ?, ?)', id, safeguard.owners);
  });

  const domainIds = new Map<number, number>();
  const insertDomain = db.prepare('INSERT INTO domain (plan_id, ordinal, name) VALUES (?, ?, ?)');
  for (const domain of plan.domains) {
    const id = Number(insertDomain.run(planId, domain.ordinal, domain.name).lastInsertRowid);
    domainIds.set(domain.ordinal, id);
    insertOwners('INSERT INTO domain_owner (domain_id, unit_id, role, ord) VALUES (?, ?, ?, ?)', id, domain.owners);
  }

  const insertTask = db.prepare('INSERT INTO task (plan_id, domain_id, number, title, body) VALUES (?, ?, ?, ?, ?)');
  const insertTarget = db.prepare(`INSERT INTO target
    (plan_id, task_id, ord, label, comparator, value, unit, base_value, base_unit, approx, min_value, max_value,
     baseline, relative_to_year, source_text, source_offset)
    VALUES (@planId, @taskId, @ord, @label, @comparator, @value, @unit, @baseValue, @baseUnit, @approx, @min, @max,
     @baseline, @relativeToYear, @text, @offset)`);
  const writeTargets = (taskId: number | null, targets: ParsedPlan['keyWork']['targets']): void => {
    targets.forEach((target, index) =>
      insertTarget.run({ ...target, planId, taskId, ord: index, approx: target.approx ? 1 : 0 }),
    );
  };
  writeTargets(null, plan.keyWork.targets);
  for (const task of plan.tasks) {
    const domainId = domainIds.get(task.domain);
    if (domainId === undefined) throw new Error(`task ${task.number} refers to unknown domain ${task.domain}`);
    const taskId = Number(insertTask.run(planId, domainId, task.number, task.title, task.text).lastInsertRowid);
    insertOwners('INSERT INTO task_owner (task_id, unit_id, role, ord) VALUES (?, ?, ?, ?)', taskId, task.owners);
    writeTargets(taskId, task.targets);
  }

  const insertConflict = db.prepare('INSERT INTO plan_conflict (plan_id, label, detail) VALUES (?, ?, ?)');
  for (const conflict of plan.conflicts) {
    insertConflict.run(planId, conflict.label, JSON.stringify({ values: conflict.values, places: conflict.places }));
  }
  return planId;
}

export function listPlans(db: Db): PlanSummary[] {
  return db
    .prepare(`SELECT p.id, p.title, p.year, p.doc_no AS docNo, p.doc_date AS date,
                (SELECT COUNT(*) FROM task t WHERE t.plan_id = p.id) AS taskCount,
                (SELECT COUNT(*) FROM target g WHERE g.plan_id = p.id) AS targetCount
              FROM plan p ORDER BY p.id`)
    .all() as PlanSummary[];
}

/** The plan the views show when none is chosen: the most recently added. */
export function defaultPlanId(db: Db): number | null {
  const row = db.prepare('SELECT MAX(id) AS id FROM plan').get() as { id: number | null };
  return row.id;
}

interface TaskRecord {
  id: number;
  planId: number;
  domainId: number;
  number: number;
  domainOrdinal: number;
  domainName: string;
  title: string;
  body: string;
  owners: string | null;
  targetCount: number;
  status: TaskStatus;
  progressNote: string;
  remark: string;
}

const TASK_SELECT = `
  SELECT t.id, t.plan_id AS planId, t.domain_id AS domainId, t.number, d.ordinal AS domainOrdinal, d.name AS domainName, t.title, t.body,
         (SELECT json_group_array(json_array(u.name, o.role)) FROM
            (SELECT * FROM task_owner WHERE task_id = t.id ORDER BY ord) o JOIN unit u ON u.id = o.unit_id) AS owners,
         (SELECT COUNT(*) FROM target g WHERE g.task_id = t.id) AS targetCount,
         t.status, t.progress_note AS progressNote, t.remark
  FROM task t JOIN domain d ON d.id = t.domain_id`;

function toTaskRow(record: TaskRecord, progress: Map<number, TaskProgress>): TaskRow {
  const owners = JSON.parse(record.owners ?? '[]') as [string, 'lead' | 'co'][];
  const { owners: _owners, ...rest } = record;
  return {
    ...rest,
    targetsMet: progress.get(record.id)?.targetsMet ?? 0,
    progress: progress.get(record.id)?.progress ?? null,
    leadUnits: owners.filter(([, role]) => role === 'lead').map(([name]) => name),
    coUnits: owners.filter(([, role]) => role === 'co').map(([name]) => name),
  };
}

export function listTasks(db: Db, planId: number): TaskRow[] {
  const records = db.prepare(`${TASK_SELECT} WHERE t.plan_id = ? ORDER BY t.number`).all(planId) as TaskRecord[];
  const progress = taskProgress(listTargets(db, planId));
  return records.map((record) => toTaskRow(record, progress));
}

export function getTasks(db: Db, taskIds: readonly number[]): TaskRow[] {
  const records = db.prepare(`${TASK_SELECT} WHERE t.id IN (SELECT value FROM json_each(?)) ORDER BY t.number`).all(JSON.stringify(taskIds)) as TaskRecord[];
  const targetIds = db.prepare('SELECT id FROM target WHERE task_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(taskIds)) as { id: number }[];
  const progress = taskProgress(getTargets(db, targetIds.map((t) => t.id)));
  return records.map((record) => toTaskRow(record, progress));
}

export function getTask(db: Db, taskId: number): TaskRow | null {
  return getTasks(db, [taskId])[0] ?? null;
}
