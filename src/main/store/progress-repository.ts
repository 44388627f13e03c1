import { DEFAULT_THRESHOLDS, elapsedShare, rollUp, targetProgress, type ProgressState } from '../../core/progress/progress';
import { toWrittenUnit } from '../../core/plan/cell-values';
import type { ProgressSettings, TargetRow } from '../../shared/grid';
import type { Comparator } from '../../shared/plan';
import type { Db } from './connection';

/** Targets with their progress, and the roll-ups the task and unit views show. */

function settingValue(db: Db, key: string): string | undefined {
  return (db.prepare('SELECT value FROM setting WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

const localIso = (date: Date): string =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

export function progressSettings(db: Db, planId: number | null, today = new Date()): ProgressSettings {
  const asOf = settingValue(db, 'progress.as_of') ?? '';
  const yellowPoints = Number(settingValue(db, 'progress.yellow_points') ?? DEFAULT_THRESHOLDS.yellowPoints);
  const redPoints = Number(settingValue(db, 'progress.red_points') ?? DEFAULT_THRESHOLDS.redPoints);
  const year = planId === null ? null : ((db.prepare('SELECT year FROM plan WHERE id = ?').get(planId) as { year: number | null } | undefined)?.year ?? null);
  const asOfDate = asOf ? new Date(`${asOf}T00:00:00`) : today;
  const effectiveAsOf = localIso(asOfDate);
  return { asOf, yellowPoints, redPoints, year, elapsed: year === null ? 1 : elapsedShare(year, asOfDate), effectiveAsOf };
}

interface TargetRecord {
  id: number;
  planId: number;
  taskId: number | null;
  taskNumber: number | null;
  taskTitle: string | null;
  domainOrdinal: number | null;
  domainName: string | null;
  ord: number;
  label: string;
  comparator: Comparator;
  value: number | null;
  unit: string;
  baseValue: number | null;
  baseUnit: string;
  approx: number;
  min: number | null;
  max: number | null;
  baseline: number | null;
  actual: number | null;
  dueDate: string;
  note: string;
  sourceText: string;
  leadUnits: string | null;
}

const TARGET_SELECT = `
  SELECT g.id, g.plan_id AS planId, g.task_id AS taskId, t.number AS taskNumber, t.title AS taskTitle,
         d.ordinal AS domainOrdinal, d.name AS domainName, g.ord, g.label, g.comparator, g.value, g.unit,
         g.base_value AS baseValue, g.base_unit AS baseUnit, g.approx, g.min_value AS min, g.max_value AS max,
         g.baseline, g.actual, g.due_date AS dueDate, g.note, g.source_text AS sourceText,
         (SELECT json_group_array(u.name) FROM (SELECT * FROM task_owner WHERE task_id = g.task_id AND role = 'lead' ORDER BY ord) o
            JOIN unit u ON u.id = o.unit_id) AS leadUnits
  FROM target g LEFT JOIN task t ON t.id = g.task_id LEFT JOIN domain d ON d.id = t.domain_id`;

/** Key-work targets (no task) are grouped before the domains, as in the plan. */
export const KEY_WORK_GROUP = { ordinal: 0, name: '重点工作' };

function toTargetRow(record: TargetRecord, settings: ProgressSettings): TargetRow {
  const progress = targetProgress(
    { comparator: record.comparator, baseValue: record.baseValue, min: record.min, max: record.max, actual: record.actual, dueDate: record.dueDate },
    settings.elapsed,
    settings.effectiveAsOf,
    settings,
  );
  const written = (base: number | null): number | null => (base === null ? null : toWrittenUnit(base, record.unit));
  return {
    ...record,
    taskTitle: record.taskTitle ?? '',
    domainOrdinal: record.domainOrdinal ?? KEY_WORK_GROUP.ordinal,
    domainName: record.domainName ?? KEY_WORK_GROUP.name,
    approx: record.approx === 1,
    baseline: written(record.baseline),
    actual: written(record.actual),
    leadUnits: JSON.parse(record.leadUnits ?? '[]') as string[],
    completion: progress.completion,
    progress: progress.state,
    behindPoints: progress.behindPoints,
  };
}

export function listTargets(db: Db, planId: number, settings = progressSettings(db, planId)): TargetRow[] {
  const records = db
    .prepare(`${TARGET_SELECT} WHERE g.plan_id = ? ORDER BY COALESCE(d.ordinal, 0), COALESCE(t.number, 0), g.ord, g.id`)
    .all(planId) as TargetRecord[];
  return records.map((record) => toTargetRow(record, settings));
}

export function getTargets(db: Db, ids: readonly number[]): TargetRow[] {
  if (ids.length === 0) return [];
  const records = db.prepare(`${TARGET_SELECT} WHERE g.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as TargetRecord[];
  const planId = records[0]?.planId ?? null;
  const settings = progressSettings(db, planId);
  return records.map((record) => toTargetRow(record, settings));
}

export interface TaskProgress {
  targetsMet: number;
  progress: ProgressState | null;
}

/** Per task: how many of its targets are met and its worst light. */
export function taskProgress(targets: readonly TargetRow[]): Map<number, TaskProgress> {
  const states = new Map<number, ProgressState[]>();
  for (const target of targets) {
    if (target.taskId === null) continue;
    const list = states.get(target.taskId) ?? [];
    list.push(target.progress);
    states.set(target.taskId, list);
  }
  const result = new Map<number, TaskProgress>();
  for (const [taskId, list] of states) {
    result.set(taskId, { targetsMet: list.filter((state) => state === 'met').length, progress: rollUp(list) });
  }
  return result;
}
