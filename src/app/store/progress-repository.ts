import { DEFAULT_THRESHOLDS, elapsedThrough, rollUp, targetProgress, type ProgressState } from '../../core/progress/progress';
import { toWrittenUnit } from '../../core/plan/cell-values';
import { relativeLevel } from '../../core/progress/relative';
import type { ProgressSettings, TargetLink, TargetRow } from '../../shared/grid';
import { type LinkedActual, linkedActuals } from './target-link-repository';
import type { Comparator } from '../../shared/plan';
import type { Db } from './connection';
import { settingValue } from './setting-repository';

/** Targets with their progress, and the roll-ups the task and org views show. */

const localIso = (date: Date): string =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/**
 * The as-of date when none is set: today during (or before) the plan year; the year's last day once it is over —
 * a 2017 plan reviewed in 2026 is measured at 2017-12-31, not at a date that makes every schedule 100% elapsed
 * for a reason nobody chose.
 */
export function defaultAsOf(year: number | null, today: Date): Date {
  if (year !== null && today.getFullYear() > year) return new Date(year, 11, 31);
  return today;
}

export function progressSettings(db: Db, planId: number | null, today = new Date()): ProgressSettings {
  const asOf = settingValue(db, 'progress.as_of') ?? '';
  const yellowPoints = Number(settingValue(db, 'progress.yellow_points') ?? DEFAULT_THRESHOLDS.yellowPoints);
  const redPoints = Number(settingValue(db, 'progress.red_points') ?? DEFAULT_THRESHOLDS.redPoints);
  const year =
    planId === null
      ? null
      : ((db.prepare('SELECT year FROM plan WHERE id = ?').get(planId) as { year: number | null } | undefined)?.year ?? null);
  const asOfDate = asOf ? new Date(`${asOf}T00:00:00`) : defaultAsOf(year, today);
  const effectiveAsOf = localIso(asOfDate);
  return { asOf, yellowPoints, redPoints, year, elapsed: year === null ? 1 : elapsedThrough(year, asOfDate), effectiveAsOf };
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
  leadOrgs: string | null;
  relativeToYear: number | null;
  linkSource: string | null;
  linkScenarioId: number | null;
}

const TARGET_SELECT = `
  SELECT g.id, g.plan_id AS planId, g.task_id AS taskId, t.number AS taskNumber, t.title AS taskTitle,
         d.ordinal AS domainOrdinal, d.name AS domainName, g.ord, g.label, g.comparator, g.value, g.unit,
         g.base_value AS baseValue, g.base_unit AS baseUnit, g.approx, g.min_value AS min, g.max_value AS max,
         g.baseline, g.actual, g.due_date AS dueDate, g.note, g.source_text AS sourceText, g.relative_to_year AS relativeToYear,
         k.source AS linkSource, k.scenario_id AS linkScenarioId,
         (SELECT json_group_array(u.name ORDER BY o.ord) FROM task_owner o JOIN unit u ON u.id = o.unit_id
            WHERE o.task_id = g.task_id AND o.role = 'lead') AS leadOrgs
  FROM target g LEFT JOIN task t ON t.id = g.task_id LEFT JOIN domain d ON d.id = t.domain_id
       LEFT JOIN target_link k ON k.target_id = g.id`;

/** Key-work targets (no task) are grouped before the domains, as in the plan. */
export const KEY_WORK_GROUP = { ordinal: 0, name: '重点工作' };

function toTargetRow(record: TargetRecord, settings: ProgressSettings, linked: (link: TargetLink) => LinkedActual): TargetRow {
  const { relativeToYear, linkSource, linkScenarioId, ...fields } = record;
  const link: TargetLink | null = linkSource === 'budget_share' ? { source: 'budget_share', scenarioId: linkScenarioId } : null;
  const fromLink = link ? linked(link) : null;
  const actual = fromLink ? fromLink.actual : record.actual;
  // a target relative to a base year is measured against the level computed from the base year's value
  const level =
    relativeToYear === null
      ? null
      : relativeLevel({ comparator: record.comparator, value: record.value, unit: record.unit, baseline: record.baseline });
  const progress = targetProgress(
    {
      comparator: record.comparator,
      baseValue: relativeToYear === null ? record.baseValue : level,
      min: record.min,
      max: record.max,
      actual,
      dueDate: record.dueDate,
      ...(relativeToYear === null ? {} : { relative: { baseline: record.baseline } }),
    },
    settings.elapsed,
    settings.effectiveAsOf,
    settings,
  );
  // a relative change is written in % or 个百分点, but the base year's value and the actual are in the rate's own unit
  const measureUnit = relativeToYear === null ? record.unit : '%';
  const written = (base: number | null): number | null => (base === null ? null : toWrittenUnit(base, measureUnit));
  return {
    ...fields,
    taskTitle: record.taskTitle ?? '',
    domainOrdinal: record.domainOrdinal ?? KEY_WORK_GROUP.ordinal,
    domainName: record.domainName ?? KEY_WORK_GROUP.name,
    approx: record.approx === 1,
    // every figure of the row in the unit the plan writes it (value already is); baseValue alone stays in base units
    min: written(record.min),
    max: written(record.max),
    baseline: written(record.baseline),
    actual: written(actual),
    leadOrgs: JSON.parse(record.leadOrgs ?? '[]') as string[],
    completion: progress.completion,
    progress: progress.state,
    behindPoints: progress.behindPoints,
    relativeToYear,
    relativeLevel: written(level),
    link,
    actualSource: fromLink?.source ?? '',
  };
}

export function listTargets(db: Db, planId: number, settings = progressSettings(db, planId)): TargetRow[] {
  const records = db
    .prepare(`${TARGET_SELECT} WHERE g.plan_id = ? ORDER BY COALESCE(d.ordinal, 0), COALESCE(t.number, 0), g.ord, g.id`)
    .all(planId) as TargetRecord[];
  const linked = linkedActuals(db);
  return records.map((record) => toTargetRow(record, settings, linked));
}

export function getTargets(db: Db, ids: readonly number[]): TargetRow[] {
  if (ids.length === 0) return [];
  const records = db.prepare(`${TARGET_SELECT} WHERE g.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as TargetRecord[];
  const planId = records[0]?.planId ?? null;
  const settings = progressSettings(db, planId);
  const linked = linkedActuals(db);
  return records.map((record) => toTargetRow(record, settings, linked));
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
