import { classLabel } from '../budget/classification';
import { levelLabel } from './hierarchy';
import type { ProgressThresholds } from '../progress/progress';
import { type ExecutionLine, type LastYearProfile, type ProjectionMethod, projectLine } from './projection';

/**
 * Execution against the time schedule (序时进度), by line and by class: the budget (adjusted, else initial),
 * the spending so far, the execution rate, how many points it trails the schedule, a light, and each method's
 * projection. Classes far behind the schedule are what a finance office chases first.
 */

export const EXECUTION_LIGHTS = ['done', 'green', 'yellow', 'red', 'no_budget'] as const;
export type ExecutionLight = (typeof EXECUTION_LIGHTS)[number];

export const EXECUTION_LIGHT_LABELS: Record<ExecutionLight, string> = {
  done: '已执行完毕',
  green: '正常',
  yellow: '滞后',
  red: '严重滞后',
  no_budget: '无预算数',
};

export interface StoredExecutionLine {
  id: number;
  code: string;
  name: string;
  initialBudgetFen: number | null;
  adjustedBudgetFen: number | null;
  monthFen: number | null;
  cumulativeFen: number;
  note: string;
}

export interface ScheduleFigures {
  /** how far a line trails the time schedule, in points (negative: ahead) */
  behindPoints: number | null;
  executionRate: number | null;
  light: ExecutionLight;
}

/** The budget a line's execution is measured against: the adjusted one when the table has it. */
export function budgetOf(line: Pick<StoredExecutionLine, 'initialBudgetFen' | 'adjustedBudgetFen'>): number | null {
  return line.adjustedBudgetFen ?? line.initialBudgetFen;
}

export function scheduleFigures(
  cumulativeFen: number,
  budgetFen: number | null,
  elapsed: number,
  thresholds: ProgressThresholds,
): ScheduleFigures {
  if (budgetFen === null || budgetFen <= 0) return { behindPoints: null, executionRate: null, light: 'no_budget' };
  const executionRate = cumulativeFen / budgetFen;
  if (executionRate >= 1) return { behindPoints: (elapsed - executionRate) * 100, executionRate, light: 'done' };
  const behindPoints = (elapsed - executionRate) * 100;
  const light = behindPoints >= thresholds.redPoints ? 'red' : behindPoints >= thresholds.yellowPoints ? 'yellow' : 'green';
  return { behindPoints, executionRate, light };
}

export type Projections = Record<ProjectionMethod, number | null>;

export interface AnalysedLine extends StoredExecutionLine, ScheduleFigures {
  /** 类 / 款 / 项 by the code's length */
  level: string;
  classCode: string;
  livelihood: boolean;
  budgetFen: number | null;
  projected: Projections;
}

export interface AnalysedClass extends ScheduleFigures {
  classCode: string;
  className: string;
  livelihood: boolean;
  lineCount: number;
  initialBudgetFen: number;
  budgetFen: number;
  monthFen: number;
  cumulativeFen: number;
  /** lines of the class without a budget figure */
  linesWithoutBudget: number;
  projected: Projections;
}

export function toExecutionLine(
  line: Pick<StoredExecutionLine, 'code' | 'initialBudgetFen' | 'adjustedBudgetFen' | 'cumulativeFen'>,
  livelihood: (classCode: string) => boolean,
): ExecutionLine & { classCode: string } {
  const classCode = line.code.slice(0, 3);
  return { classCode, livelihood: livelihood(classCode), budgetFen: budgetOf(line), cumulativeFen: line.cumulativeFen };
}

export function analyseLines(input: {
  lines: readonly StoredExecutionLine[];
  month: number;
  elapsed: number;
  thresholds: ProgressThresholds;
  livelihood: (classCode: string) => boolean;
  profile: LastYearProfile | null;
  /** the methods the projection found usable (see projectExecution) */
  usable: readonly ProjectionMethod[];
}): { lines: AnalysedLine[]; classes: AnalysedClass[] } {
  const { month, elapsed, thresholds, livelihood, profile, usable } = input;
  const classes = new Map<string, AnalysedClass>();
  const lines = input.lines.map((stored): AnalysedLine => {
    const line = toExecutionLine(stored, livelihood);
    const projected: Projections = { planned: null, last_year: null, straight_line: null };
    for (const method of usable) projected[method] = projectLine(method, line, month, profile);
    let group = classes.get(line.classCode);
    if (!group) {
      group = {
        classCode: line.classCode,
        className: classLabel(line.classCode),
        livelihood: line.livelihood,
        lineCount: 0,
        initialBudgetFen: 0,
        budgetFen: 0,
        monthFen: 0,
        cumulativeFen: 0,
        linesWithoutBudget: 0,
        projected: {
          planned: usable.includes('planned') ? 0 : null,
          last_year: usable.includes('last_year') ? 0 : null,
          straight_line: usable.includes('straight_line') ? 0 : null,
        },
        behindPoints: null,
        executionRate: null,
        light: 'no_budget',
      };
      classes.set(line.classCode, group);
    }
    group.lineCount++;
    group.initialBudgetFen += stored.initialBudgetFen ?? 0;
    group.budgetFen += line.budgetFen ?? 0;
    if (line.budgetFen === null) group.linesWithoutBudget++;
    group.monthFen += stored.monthFen ?? 0;
    group.cumulativeFen += stored.cumulativeFen;
    for (const method of usable) group.projected[method] = (group.projected[method] ?? 0) + (projected[method] ?? 0);
    const schedule = scheduleFigures(stored.cumulativeFen, line.budgetFen, elapsed, thresholds);
    // one literal with every field (no spreads): thousands of rows stay in one fast object shape
    return {
      id: stored.id,
      code: stored.code,
      name: stored.name,
      level: levelLabel(stored.code),
      initialBudgetFen: stored.initialBudgetFen,
      adjustedBudgetFen: stored.adjustedBudgetFen,
      monthFen: stored.monthFen,
      cumulativeFen: stored.cumulativeFen,
      note: stored.note,
      classCode: line.classCode,
      livelihood: line.livelihood,
      budgetFen: line.budgetFen,
      projected,
      behindPoints: schedule.behindPoints,
      executionRate: schedule.executionRate,
      light: schedule.light,
    };
  });
  const classRows = [...classes.values()]
    .sort((a, b) => a.classCode.localeCompare(b.classCode))
    .map((group) => ({
      ...group,
      ...scheduleFigures(group.cumulativeFen, group.lineCount === group.linesWithoutBudget ? null : group.budgetFen, elapsed, thresholds),
    }));
  return { lines, classes: classRows };
}

/** Last year's profile from its class sums at the report's month and at December; null when either is missing. */
export function lastYearProfile(
  toMonth: ReadonlyMap<string, number> | undefined,
  yearEnd: ReadonlyMap<string, number> | undefined,
): LastYearProfile | null {
  if (!toMonth || !yearEnd) return null;
  const byClass = new Map<string, { toMonthFen: number; yearFen: number }>();
  let toMonthFen = 0;
  let yearFen = 0;
  for (const classCode of new Set([...toMonth.keys(), ...yearEnd.keys()])) {
    const entry = { toMonthFen: toMonth.get(classCode) ?? 0, yearFen: yearEnd.get(classCode) ?? 0 };
    byClass.set(classCode, entry);
    toMonthFen += entry.toMonthFen;
    yearFen += entry.yearFen;
  }
  return { byClass, toMonthFen, yearFen };
}
