import type { Owner, ParsedPlan } from '../../shared/plan';
import type { PlanSummary, TaskRow, TaskStatus } from '../../shared/contract';
import { createHash } from 'node:crypto';
import { type Db, prepared } from './connection';
import { type IdTable, nextId } from './ids';
import type { Recorder } from './journal';
import { getTargets, listTargets, taskProgress, type TaskProgress } from './progress-repository';

type SqlValue = string | number | null;
/** Inserts one row; the plan import passes the journal's recorder so that the whole import is one undoable action. */
export type RowInserter = (table: string, row: Record<string, SqlValue>) => void;

/** A plain INSERT, for the reference plan written when a workbook is created (not a user action). */
export function directInserter(db: Db): RowInserter {
  return (table, row) => {
    const columns = Object.keys(row);
    prepared(db, `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
  };
}

/** Ids handed out in order from MAX(id) + 1, so every inserted row carries its key (the journal records it). */
function idSource(db: Db) {
  const next = new Map<IdTable, number>();
  return (table: IdTable): number => {
    let id = next.get(table);
    if (id === undefined) id = nextId(db, table);
    next.set(table, id + 1);
    return id;
  };
}

/**
 * A fingerprint of a plan's content that ignores what copying, re-saving or another format changes (a BOM, line
 * endings, spaces, blank lines, .txt vs .docx vs PDF), so the same plan imported again is recognised.
 */
export function planFingerprint(plan: Pick<ParsedPlan, 'tasks'>): string {
  // the tasks as numbered and written, spaces and line breaks aside: the same plan from .txt, .docx or PDF matches
  const content = plan.tasks.map((task) => `${task.number}\u0001${task.title}\u0001${task.text.replace(/\s+/g, '')}`).join('\u0002');
  return createHash('sha256').update(content).digest('hex');
}

/** Writes a parsed plan into the workbook. The caller owns the transaction. */
export function insertParsedPlan(
  db: Db,
  plan: ParsedPlan,
  sourceName: string,
  sourceHash = '',
  insertRow: RowInserter = directInserter(db),
): number {
  const nextId = idSource(db);
  const planId = nextId('plan');
  insertRow('plan', {
    id: planId,
    title: plan.title,
    issuer: plan.issuer,
    doc_no: plan.docNo,
    doc_date: plan.date,
    year: plan.year,
    preamble: plan.preamble,
    source_name: sourceName,
    source_hash: sourceHash,
    created_at: new Date().toISOString(),
  });

  const orgIds = new Map<string, number>();
  const findOrg = db.prepare('SELECT id FROM unit WHERE name = ?');
  const findAlias = db.prepare('SELECT unit_id AS id FROM unit_alias WHERE alias = ?');
  const newOrg = (name: string): number => {
    const id = nextId('unit');
    insertRow('unit', { id, name });
    return id;
  };
  for (const org of plan.orgs) {
    const existing = (findOrg.get(org.name) ?? findAlias.get(org.name)) as { id: number } | undefined;
    const id = existing?.id ?? newOrg(org.name);
    orgIds.set(org.name, id);
    for (const alias of org.aliases) {
      if (!findOrg.get(alias) && !findAlias.get(alias)) insertRow('unit_alias', { alias, unit_id: id });
      orgIds.set(alias, id);
    }
  }
  const orgId = (name: string): number => {
    const id = orgIds.get(name);
    if (id !== undefined) return id;
    const created = newOrg(name);
    orgIds.set(name, created);
    return created;
  };
  const insertOwners = (
    table: 'safeguard_owner' | 'domain_owner' | 'task_owner',
    parentColumn: string,
    parentId: number,
    owners: Owner[],
  ): void => {
    owners.forEach((owner, index) =>
      insertRow(table, { [parentColumn]: parentId, unit_id: orgId(owner.org), role: owner.role, ord: index }),
    );
  };

  for (const section of plan.sections) {
    insertRow('plan_section', {
      id: nextId('plan_section'),
      plan_id: planId,
      ordinal: section.ordinal,
      kind: section.kind,
      title: section.title,
      body: section.text,
    });
  }
  plan.safeguards.forEach((safeguard, index) => {
    const id = nextId('safeguard');
    insertRow('safeguard', { id, plan_id: planId, ordinal: index + 1, title: safeguard.title, body: safeguard.text });
    insertOwners('safeguard_owner', 'safeguard_id', id, safeguard.owners);
  });

  const domainIds = new Map<number, number>();
  for (const domain of plan.domains) {
    const id = nextId('domain');
    insertRow('domain', { id, plan_id: planId, ordinal: domain.ordinal, name: domain.name });
    domainIds.set(domain.ordinal, id);
    insertOwners('domain_owner', 'domain_id', id, domain.owners);
  }

  const writeTargets = (taskId: number | null, targets: ParsedPlan['keyWork']['targets']): void => {
    targets.forEach((target, index) =>
      insertRow('target', {
        id: nextId('target'),
        plan_id: planId,
        task_id: taskId,
        ord: index,
        label: target.label,
        comparator: target.comparator,
        value: target.value,
        unit: target.unit,
        base_value: target.baseValue,
        base_unit: target.baseUnit,
        approx: target.approx ? 1 : 0,
        min_value: target.min,
        max_value: target.max,
        baseline: target.baseline,
        relative_to_year: target.relativeToYear,
        source_text: target.text,
        source_offset: target.offset,
      }),
    );
  };
  writeTargets(null, plan.keyWork.targets);
  for (const task of plan.tasks) {
    const domainId = domainIds.get(task.domain);
    if (domainId === undefined) throw new Error(`task ${task.number} refers to unknown domain ${task.domain}`);
    const taskId = nextId('task');
    insertRow('task', { id: taskId, plan_id: planId, domain_id: domainId, number: task.number, title: task.title, body: task.text });
    insertOwners('task_owner', 'task_id', taskId, task.owners);
    writeTargets(taskId, task.targets);
  }

  for (const conflict of plan.conflicts) {
    insertRow('plan_conflict', {
      id: nextId('plan_conflict'),
      plan_id: planId,
      label: conflict.label,
      detail: JSON.stringify({ values: conflict.values, places: conflict.places }),
    });
  }
  return planId;
}

export interface PlanOrigin {
  id: number;
  title: string;
  sourceName: string;
  createdAt: string;
}

/**
 * A plan already in the workbook with the same content: the same text (by fingerprint), or — for plans imported
 * before fingerprints were kept — the same document number and title.
 */
export function findSamePlan(db: Db, plan: Pick<ParsedPlan, 'title' | 'docNo'>, fingerprint: string): PlanOrigin | null {
  const row = db
    .prepare(
      `SELECT id, title, source_name AS sourceName, created_at AS createdAt FROM plan
              WHERE source_hash = @fingerprint OR (source_hash = '' AND doc_no <> '' AND doc_no = @docNo AND title = @title)
              ORDER BY id LIMIT 1`,
    )
    .get({ fingerprint, docNo: plan.docNo, title: plan.title }) as PlanOrigin | undefined;
  return row ?? null;
}

export function listPlans(db: Db): PlanSummary[] {
  return db
    .prepare(
      `SELECT p.id, p.title, p.year, p.doc_no AS docNo, p.doc_date AS date,
                (SELECT COUNT(*) FROM task t WHERE t.plan_id = p.id) AS taskCount,
                (SELECT COUNT(*) FROM target g WHERE g.plan_id = p.id) AS targetCount
              FROM plan p ORDER BY p.id`,
    )
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
         (SELECT json_group_array(json_array(u.name, o.role) ORDER BY o.ord) FROM task_owner o JOIN unit u ON u.id = o.unit_id
            WHERE o.task_id = t.id) AS owners,
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
    leadOrgs: owners.filter(([, role]) => role === 'lead').map(([name]) => name),
    coOrgs: owners.filter(([, role]) => role === 'co').map(([name]) => name),
  };
}

export function listTasks(db: Db, planId: number): TaskRow[] {
  const records = db.prepare(`${TASK_SELECT} WHERE t.plan_id = ? ORDER BY t.number`).all(planId) as TaskRecord[];
  const progress = taskProgress(listTargets(db, planId));
  return records.map((record) => toTaskRow(record, progress));
}

export function getTasks(db: Db, taskIds: readonly number[]): TaskRow[] {
  const records = db
    .prepare(`${TASK_SELECT} WHERE t.id IN (SELECT value FROM json_each(?)) ORDER BY t.number`)
    .all(JSON.stringify(taskIds)) as TaskRecord[];
  const targetIds = db.prepare('SELECT id FROM target WHERE task_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(taskIds)) as {
    id: number;
  }[];
  const progress = taskProgress(
    getTargets(
      db,
      targetIds.map((t) => t.id),
    ),
  );
  return records.map((record) => toTaskRow(record, progress));
}

/**
 * Removes a plan and everything that belongs to it, children first, each row through the recorder (a cascade
 * would delete rows the journal never saw, and undo could not bring them back). Budget lines that point at its
 * tasks, domains or targets keep their amounts; the links are cleared, recorded, so undo restores them too.
 */
export function deletePlanRows(db: Db, recorder: Recorder, planId: number): void {
  const ids = (sql: string): number[] => (db.prepare(sql).all(planId) as { id: number }[]).map((row) => row.id);
  const links: [string, string][] = [
    ['task_id', 'SELECT id FROM task WHERE plan_id = ?'],
    ['domain_id', 'SELECT id FROM domain WHERE plan_id = ?'],
    ['driver_target_id', 'SELECT id FROM target WHERE plan_id = ?'],
  ];
  for (const [column, owned] of links) {
    for (const id of ids(`SELECT id FROM budget_line WHERE ${column} IN (${owned})`)) recorder.update('budget_line', { id }, column, null);
  }
  for (const id of ids('SELECT id FROM target WHERE plan_id = ? ORDER BY id DESC')) recorder.delete('target', { id });
  const pairs = (sql: string) => db.prepare(sql).all(planId) as Record<string, number>[];
  for (const row of pairs('SELECT o.task_id, o.unit_id FROM task_owner o JOIN task t ON t.id = o.task_id WHERE t.plan_id = ?'))
    recorder.delete('task_owner', row);
  for (const id of ids('SELECT id FROM task WHERE plan_id = ? ORDER BY id DESC')) recorder.delete('task', { id });
  for (const row of pairs('SELECT o.domain_id, o.unit_id FROM domain_owner o JOIN domain d ON d.id = o.domain_id WHERE d.plan_id = ?'))
    recorder.delete('domain_owner', row);
  for (const id of ids('SELECT id FROM domain WHERE plan_id = ? ORDER BY id DESC')) recorder.delete('domain', { id });
  for (const row of pairs(
    'SELECT o.safeguard_id, o.unit_id FROM safeguard_owner o JOIN safeguard s ON s.id = o.safeguard_id WHERE s.plan_id = ?',
  ))
    recorder.delete('safeguard_owner', row);
  for (const id of ids('SELECT id FROM safeguard WHERE plan_id = ? ORDER BY id DESC')) recorder.delete('safeguard', { id });
  for (const id of ids('SELECT id FROM plan_section WHERE plan_id = ? ORDER BY id DESC')) recorder.delete('plan_section', { id });
  for (const id of ids('SELECT id FROM plan_conflict WHERE plan_id = ? ORDER BY id DESC')) recorder.delete('plan_conflict', { id });
  recorder.delete('plan', { id: planId });
}
