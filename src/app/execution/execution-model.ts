import { analyseLines, lastYearProfile, toExecutionLine } from '../../core/execution/analysis';
import { monthlyShares } from '../../core/execution/monthly-path';
import { comparePeriods, type Period, periodLabel } from '../../core/execution/period';
import {
  type ExecutionProjection,
  type LastYearProfile,
  methodFigures,
  PROJECTION_METHODS,
  type ProjectionMethod,
  projectExecution,
} from '../../core/execution/projection';
import { elapsedShare } from '../../core/progress/progress';
import { floorMetrics } from '../../core/budget/floor';
import { budgetSettings } from '../store/budget-repository';
import type { BudgetSettings } from '../../shared/budget';
import type { CompareRow, ExecutionBudget, ExecutionCompare, ExecutionLineRow, ExecutionView } from '../../shared/execution';
import { WorkbenchError } from '../../shared/result';
import type { Db } from '../store/connection';
import {
  currentReportId,
  getBudget,
  listBudgets,
  listReports,
  monthlyClassSums,
  reportedPeriods,
  reportFigures,
  reportLines,
  reportsForPeriod,
  settingsOfBudget,
} from '../store/execution-repository';
import { progressSettings } from '../store/progress-repository';

/**
 * What the execution views show, assembled from the store and the core maths: one budget's period (by class, by
 * line, the projections, the monthly shares) and every budget side by side for one period.
 */

/** The share of the year elapsed at the end of `month` (序时进度), as the targets view computes it for a date. */
export function scheduleAt(period: Period): { elapsed: number; asOf: string } {
  const lastDay = new Date(period.year, period.month, 0).getDate();
  return {
    elapsed: elapsedShare(period.year, new Date(period.year, period.month, 1)),
    asOf: `${period.year}年${period.month}月${lastDay}日`,
  };
}

const isLivelihood = (settings: BudgetSettings) => {
  const classes = new Set(settings.livelihoodClasses);
  return (classCode: string): boolean => classes.has(classCode);
};

const EMPTY_MONTHS = (): null[] => Array.from({ length: 12 }, () => null);

/** One budget's report for one period, projected: what the comparison needs of each budget. */
export interface ProjectedPeriod {
  budget: ExecutionBudget;
  settings: BudgetSettings;
  period: Period;
  reportId: number;
  profile: LastYearProfile | null;
  projection: ExecutionProjection;
  budgetTotalFen: number;
  executionRate: number | null;
}

export function projectPeriod(db: Db, budget: ExecutionBudget, period: Period): ProjectedPeriod {
  const reportId = currentReportId(db, budget.id, period);
  if (reportId === null) throw new WorkbenchError('not_found', `“${budget.name}”没有${periodLabel(period)}的执行报表。`);
  const settings = settingsOfBudget(db, budget);
  const livelihood = isLivelihood(settings);
  const stored = reportFigures(db, reportId);
  // last year to the same month and the whole of last year: the profile method's figures
  const lastYear = monthlyClassSums(db, budget.id, period.year - 1, [period.month, 12]);
  const profile = lastYearProfile(lastYear.get(period.month), lastYear.get(12));
  let budgetTotalFen = 0;
  const lines = stored.map((line) => {
    const execution = toExecutionLine(line, livelihood);
    budgetTotalFen += execution.budgetFen ?? 0;
    return execution;
  });
  const projection = projectExecution({ lines, month: period.month, floor: settings.floor, profile });
  return {
    budget,
    settings,
    period,
    reportId,
    profile,
    projection,
    budgetTotalFen,
    executionRate: budgetTotalFen > 0 ? projection.ytd.totalFen / budgetTotalFen : null,
  };
}

export interface AnalysedPeriod extends ProjectedPeriod {
  lines: ExecutionLineRow[];
  view: Pick<ExecutionView, 'classes' | 'chart' | 'lastYear' | 'budgetTotalFen' | 'executionRate' | 'schedule'>;
}

/** One budget's report for one period, analysed for its view: by line and class, the months for the chart. */
export function analysePeriod(db: Db, budget: ExecutionBudget, period: Period): AnalysedPeriod {
  const projected = projectPeriod(db, budget, period);
  const { settings, profile, projection } = projected;
  const stored = reportLines(db, projected.reportId);
  const livelihood = isLivelihood(settings);
  const thisYear = monthlyClassSums(db, budget.id, period.year);
  const lastYear = monthlyClassSums(db, budget.id, period.year - 1);
  const progress = progressSettings(db, null);
  const thresholds = { yellowPoints: progress.yellowPoints, redPoints: progress.redPoints };
  const schedule = scheduleAt(period);
  const usable = projection.methods.filter((m) => m.available).map((m) => m.method);
  const analysed = analyseLines({ lines: stored, month: period.month, elapsed: schedule.elapsed, thresholds, livelihood, profile, usable });
  return {
    ...projected,
    lines: analysed.lines,
    view: {
      schedule: { ...schedule, ...thresholds },
      budgetTotalFen: projected.budgetTotalFen,
      executionRate: projected.executionRate,
      classes: analysed.classes.map((c) => ({ ...c, id: Number(c.classCode) || 1 })),
      chart: monthlyShares({ thisYear, lastYear, month: period.month, livelihood, projection }),
      lastYear: lastYear.size === 0 ? null : { year: period.year - 1, months: [...lastYear.keys()].sort((a, b) => a - b) },
    },
  };
}

/** The budget and period asked for, else the first budget with reports and its latest period. */
export function executionView(db: Db, input: { budgetId?: number; year?: number; month?: number }): ExecutionView {
  const budgets = listBudgets(db);
  // by default the first budget with data, a real one before the examples
  const withData = budgets.filter((b) => b.latest !== null);
  const budget =
    input.budgetId !== undefined
      ? getBudget(db, input.budgetId)
      : (withData.find((b) => !b.isExample) ?? withData[0] ?? budgets[0] ?? null);
  const reports = budget ? listReports(db, budget.id) : [];
  const asked =
    input.year !== undefined && input.month !== undefined
      ? reports.find((r) => r.year === input.year && r.month === input.month)
      : undefined;
  const report = asked ?? reports[0] ?? null;
  const settings = budget ? settingsOfBudget(db, budget) : budgetSettings(db);
  const progress = progressSettings(db, null);
  const empty: ExecutionView = {
    budgets,
    budget,
    reports,
    report,
    settings,
    schedule: { elapsed: 0, asOf: '', yellowPoints: progress.yellowPoints, redPoints: progress.redPoints },
    budgetTotalFen: 0,
    executionRate: null,
    projection: null,
    classes: [],
    lines: [],
    chart: { actual: EMPTY_MONTHS(), lastYear: EMPTY_MONTHS(), bandLow: EMPTY_MONTHS(), bandHigh: EMPTY_MONTHS() },
    lastYear: null,
  };
  if (!budget || !report) return empty;
  const analysed = analysePeriod(db, budget, report);
  return { ...empty, ...analysed.view, settings: analysed.settings, projection: analysed.projection, lines: analysed.lines };
}

/** The rows of one report after an edit: the whole report is analysed again (projections depend on every line). */
export function rowsAfterEdit(db: Db, budgetId: number, period: Period, lineIds: ReadonlySet<number>): ExecutionLineRow[] {
  return analysePeriod(db, getBudget(db, budgetId), period).lines.filter((line) => lineIds.has(line.id));
}

function compareRow(budget: ExecutionBudget, analysed: ProjectedPeriod | null, source: string): CompareRow {
  const p = analysed?.projection;
  const worst = p?.methods.filter((m) => m.available && m.perMonthNeededFen !== null).map((m) => m.perMonthNeededFen as number);
  const floor = analysed?.settings.floor ?? 0.7;
  const ytd = p?.ytd ?? { totalFen: 0, livelihoodFen: 0, share: null, meetsFloor: false };
  return {
    budgetId: budget.id,
    name: budget.name,
    isExample: budget.isExample,
    reported: analysed !== null,
    source,
    totalFen: ytd.totalFen,
    livelihoodFen: ytd.livelihoodFen,
    budgetTotalFen: analysed?.budgetTotalFen ?? 0,
    executionRate: analysed?.executionRate ?? null,
    share: ytd.share,
    meetsFloor: ytd.meetsFloor,
    // L − fT on the year so far, exact and rounded down as in the floor panel
    headroomFen: p ? floorMetrics(ytd.totalFen, ytd.livelihoodFen, floor).headroomFen : 0,
    projectedLow: p?.range.low ?? null,
    projectedHigh: p?.range.high ?? null,
    meetsInAll: p?.range.meetsInAll ?? false,
    meetsInNone: p?.range.meetsInNone ?? true,
    methods: (p?.methods ?? []).map((m) => ({
      method: m.method,
      available: m.available,
      share: m.share,
      meetsFloor: m.meetsFloor,
      furtherLivelihoodNeededFen: m.furtherLivelihoodNeededFen,
      perMonthNeededFen: m.perMonthNeededFen,
    })),
    worstPerMonthNeededFen: worst && worst.length > 0 ? Math.max(...worst) : null,
    rank: null,
  };
}

/**
 * Every budget's share and projected share for one period, ranked by share, with the city-wide total: the sums
 * over the budgets that reported (a method counts for the total only when every one of them can use it).
 */
export function executionCompare(db: Db, input: { year?: number; month?: number }): ExecutionCompare {
  // once real execution data is in, the examples stay out of the ranking and the city-wide total
  const all = listBudgets(db);
  const hasReal = all.some((b) => !b.isExample && b.latest !== null);
  const periods = reportedPeriods(db, !hasReal);
  const asked =
    input.year !== undefined && input.month !== undefined
      ? periods.find((p) => p.year === input.year && p.month === input.month)
      : undefined;
  const period = asked ?? periods[0] ?? null;
  const floor = budgetSettings(db).floor;
  if (!period) return { periods, period: null, floor, rows: [], total: null, notes: [] };
  const reports = reportsForPeriod(db, period);
  const examplesLeftOut = hasReal ? all.filter((b) => b.isExample).length : 0;
  const analysed = all
    .filter((b) => !hasReal || !b.isExample)
    .map((budget) => {
      const report = reports.get(budget.id);
      return { budget, result: report ? projectPeriod(db, budget, period) : null, source: report?.source ?? '' };
    });
  const rows = analysed.map(({ budget, result, source }) => compareRow(budget, result, source));
  const ranked = rows.filter((r) => r.reported).sort((a, b) => (b.share ?? -1) - (a.share ?? -1));
  ranked.forEach((row, index) => {
    row.rank = index + 1;
  });
  const reported = analysed.filter((a) => a.result !== null).map((a) => a.result as ProjectedPeriod);
  const missing = rows.filter((r) => !r.reported).map((r) => r.name);
  const notes = [
    '全市合计为各预算（地区）执行数之和，未剔除上下级之间的转移支付。',
    ...(missing.length > 0 ? [`未报送${periodLabel(period)}执行表、未计入合计：${missing.join('、')}。`] : []),
    ...(examplesLeftOut > 0 ? [`示例数据（${examplesLeftOut}个地区）未列入对比，可在“预算执行”中删除。`] : []),
  ];
  return {
    periods: [...periods].sort((a, b) => -comparePeriods(a, b)),
    period,
    floor,
    rows: [...ranked, ...rows.filter((r) => !r.reported)],
    total: reported.length > 0 ? cityTotal(reported, period, floor) : null,
    notes,
  };
}

function cityTotal(reported: readonly ProjectedPeriod[], period: Period, floor: number): CompareRow {
  const ytd = { totalFen: 0, livelihoodFen: 0 };
  let budgetTotalFen = 0;
  for (const r of reported) {
    ytd.totalFen += r.projection.ytd.totalFen;
    ytd.livelihoodFen += r.projection.ytd.livelihoodFen;
    budgetTotalFen += r.budgetTotalFen;
  }
  const methods = PROJECTION_METHODS.map((method: ProjectionMethod) => {
    const each = reported.map((r) => r.projection.methods.find((m) => m.method === method));
    if (!each.every((m) => m?.available))
      return { method, available: false, share: null, meetsFloor: false, furtherLivelihoodNeededFen: 0, perMonthNeededFen: null };
    const year = { totalFen: 0, livelihoodFen: 0 };
    for (const m of each) {
      year.totalFen += m?.totalFen ?? 0;
      year.livelihoodFen += m?.livelihoodFen ?? 0;
    }
    const figures = methodFigures(method, year, ytd, period.month, floor);
    return {
      method,
      available: figures.available,
      share: figures.share,
      meetsFloor: figures.meetsFloor,
      furtherLivelihoodNeededFen: figures.furtherLivelihoodNeededFen,
      perMonthNeededFen: figures.perMonthNeededFen,
    };
  });
  const shares = methods.filter((m) => m.available && m.share !== null).map((m) => m.share as number);
  const available = methods.filter((m) => m.available);
  const perMonth = available.filter((m) => m.perMonthNeededFen !== null).map((m) => m.perMonthNeededFen as number);
  const metrics = floorMetrics(ytd.totalFen, ytd.livelihoodFen, floor);
  return {
    budgetId: 0,
    name: '全市合计',
    isExample: reported.some((r) => r.budget.isExample),
    reported: true,
    source: '',
    ...ytd,
    budgetTotalFen,
    executionRate: budgetTotalFen > 0 ? ytd.totalFen / budgetTotalFen : null,
    share: metrics.share,
    meetsFloor: metrics.meetsFloor,
    headroomFen: metrics.headroomFen,
    projectedLow: shares.length ? Math.min(...shares) : null,
    projectedHigh: shares.length ? Math.max(...shares) : null,
    meetsInAll: available.length > 0 && available.every((m) => m.meetsFloor),
    meetsInNone: available.every((m) => !m.meetsFloor),
    methods,
    worstPerMonthNeededFen: perMonth.length > 0 ? Math.max(...perMonth) : null,
    rank: null,
  };
}
