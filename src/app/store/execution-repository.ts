import type { CountedLine } from '../../core/execution/hierarchy';
import { EXECUTION_EXAMPLE_LABEL, exampleExecution } from '../../core/execution/example-execution';
import type { StoredExecutionLine } from '../../core/execution/analysis';
import { type Period, periodLabel } from '../../core/execution/period';
import type { BudgetSettings } from '../../shared/budget';
import type { ExecutionBudget, ExecutionReport } from '../../shared/execution';
import { WorkbenchError } from '../../shared/result';
import { budgetSettings, overrideRecords, parseClassList } from './budget-repository';
import { type Db, prepared } from './connection';
import type { Recorder } from './journal';
import { baselineLineIds } from './scenario-repository';
import { settingValue } from './setting-repository';
import { nextId } from './ids';

/**
 * Budgets of the workbook's government levels (达州市本级, 通川区, …) and their monthly execution reports: reading
 * them for the views, and writing them through the journal's recorder so every change is one undoable action.
 */

interface BudgetRecord {
  id: number;
  name: string;
  ord: number;
  classes: string | null;
  isExample: number;
  note: string;
  reportCount: number;
  latestYear: number | null;
  latestMonth: number | null;
}

const BUDGET_SELECT = `
  SELECT b.id, b.name, b.ord, b.livelihood_classes AS classes, b.is_example AS isExample, b.note,
         (SELECT COUNT(*) FROM execution_report r WHERE r.budget_id = b.id AND r.superseded_at IS NULL) AS reportCount,
         l.year AS latestYear, l.month AS latestMonth
  FROM budget b
  LEFT JOIN (SELECT budget_id, year, month, ROW_NUMBER() OVER (PARTITION BY budget_id ORDER BY year DESC, month DESC) AS n
             FROM execution_report WHERE superseded_at IS NULL) l ON l.budget_id = b.id AND l.n = 1`;

function toBudget(record: BudgetRecord): ExecutionBudget {
  return {
    id: record.id,
    name: record.name,
    ownClasses: record.classes === null ? null : parseClassList(record.classes),
    isExample: record.isExample === 1,
    note: record.note,
    reportCount: record.reportCount,
    latest: record.latestYear === null || record.latestMonth === null ? null : { year: record.latestYear, month: record.latestMonth },
  };
}

export function listBudgets(db: Db): ExecutionBudget[] {
  return (db.prepare(`${BUDGET_SELECT} ORDER BY b.ord, b.id`).all() as BudgetRecord[]).map(toBudget);
}

export function getBudget(db: Db, budgetId: number): ExecutionBudget {
  const record = db.prepare(`${BUDGET_SELECT} WHERE b.id = ?`).get(budgetId) as BudgetRecord | undefined;
  if (!record) throw new WorkbenchError('not_found', `预算（地区）不存在（编号 ${budgetId}），可能已被删除，请刷新。`);
  return toBudget(record);
}

export function budgetIdByName(db: Db, name: string): number | null {
  return (db.prepare('SELECT id FROM budget WHERE name = ?').get(name.trim()) as { id: number } | undefined)?.id ?? null;
}

/** The floor and the 民生 classes a budget is judged by: its own classification, else the workbook's. */
export function settingsOfBudget(db: Db, budget: ExecutionBudget): BudgetSettings {
  return budgetSettings(db, budget.ownClasses);
}

export const MAX_BUDGET_NAME = 60;

export function checkBudgetName(db: Db, name: string, exceptId?: number): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new WorkbenchError('bad_input', '地区（预算）名称不能为空。');
  if (trimmed.length > MAX_BUDGET_NAME) throw new WorkbenchError('bad_input', `地区（预算）名称不能超过${MAX_BUDGET_NAME}个字。`);
  const existing = budgetIdByName(db, trimmed);
  if (existing !== null && existing !== exceptId)
    throw new WorkbenchError('conflict', `已有名为“${trimmed}”的地区（预算），请换一个名称。`);
  return trimmed;
}

export function insertBudget(db: Db, recorder: Recorder, name: string, options: { isExample?: boolean; note?: string } = {}): number {
  const id = nextId(db, 'budget');
  const ord = ((db.prepare('SELECT MAX(ord) AS ord FROM budget').get() as { ord: number | null }).ord ?? -1) + 1;
  recorder.insert('budget', {
    id,
    name: checkBudgetName(db, name),
    ord,
    livelihood_classes: null,
    is_example: options.isExample ? 1 : 0,
    note: options.note ?? '',
    created_at: new Date().toISOString(),
  });
  return id;
}

interface ReportRecord {
  id: number;
  budgetId: number;
  year: number;
  month: number;
  source: string;
  isExample: number;
  lineCount: number;
  createdAt: string;
}

const REPORT_SELECT = `
  SELECT r.id, r.budget_id AS budgetId, r.year, r.month, r.source, r.is_example AS isExample, r.created_at AS createdAt,
         (SELECT COUNT(*) FROM execution_line l WHERE l.report_id = r.id) AS lineCount
  FROM execution_report r`;

function toReport(record: ReportRecord): ExecutionReport {
  return { ...record, label: periodLabel(record), isExample: record.isExample === 1 };
}

/** A budget's reports in effect, newest period first. */
export function listReports(db: Db, budgetId: number): ExecutionReport[] {
  return (
    db
      .prepare(`${REPORT_SELECT} WHERE r.budget_id = ? AND r.superseded_at IS NULL ORDER BY r.year DESC, r.month DESC`)
      .all(budgetId) as ReportRecord[]
  ).map(toReport);
}

export function getReport(db: Db, reportId: number): ExecutionReport & { superseded: boolean } {
  const record = db
    .prepare(
      `${REPORT_SELECT.replace('FROM execution_report r', ', r.superseded_at AS supersededAt FROM execution_report r')} WHERE r.id = ?`,
    )
    .get(reportId) as (ReportRecord & { supersededAt: string | null }) | undefined;
  if (!record) throw new WorkbenchError('not_found', `执行报表不存在（编号 ${reportId}），可能已被撤下，请刷新。`);
  const { supersededAt, ...rest } = record;
  return { ...toReport(rest), superseded: supersededAt !== null };
}

/** The report in effect for a budget and period, if any. */
export function currentReportId(db: Db, budgetId: number, period: Period): number | null {
  return (
    (
      prepared(db, 'SELECT id FROM execution_report WHERE budget_id = ? AND year = ? AND month = ? AND superseded_at IS NULL').get(
        budgetId,
        period.year,
        period.month,
      ) as { id: number } | undefined
    )?.id ?? null
  );
}

const LINE_SELECT = `SELECT id, code, name, initial_budget_fen AS initialBudgetFen, adjusted_budget_fen AS adjustedBudgetFen,
  month_fen AS monthFen, cumulative_fen AS cumulativeFen, note FROM execution_line`;

export function reportLines(db: Db, reportId: number): StoredExecutionLine[] {
  return prepared(db, `${LINE_SELECT} WHERE report_id = ? ORDER BY ord, id`).all(reportId) as StoredExecutionLine[];
}

/**
 * Only what a projection needs of each line of a report, read as plain arrays: the comparison reads every
 * budget's report, and building a keyed object per row cost more than the projections themselves.
 */
export function reportFigures(
  db: Db,
  reportId: number,
): Pick<StoredExecutionLine, 'code' | 'initialBudgetFen' | 'adjustedBudgetFen' | 'cumulativeFen'>[] {
  const rows = prepared(
    db,
    'SELECT code, initial_budget_fen, adjusted_budget_fen, cumulative_fen FROM execution_line WHERE report_id = ? ORDER BY ord, id',
  )
    .raw(true)
    .all(reportId) as [string, number | null, number | null, number][];
  return rows.map(([code, initialBudgetFen, adjustedBudgetFen, cumulativeFen]) => ({
    code,
    initialBudgetFen,
    adjustedBudgetFen,
    cumulativeFen,
  }));
}

/**
 * Each month's spending to date by class, for one budget and year (or only the months asked for): the chart's
 * months and last year's profile.
 */
export function monthlyClassSums(db: Db, budgetId: number, year: number, onlyMonths?: readonly number[]): Map<number, Map<string, number>> {
  const only = onlyMonths ? `AND r.month IN (${onlyMonths.map(() => '?').join(', ')})` : '';
  const rows = prepared(
    db,
    `SELECT r.month, substr(l.code, 1, 3) AS classCode, SUM(l.cumulative_fen) AS fen
     FROM execution_report r JOIN execution_line l ON l.report_id = r.id
     WHERE r.budget_id = ? AND r.year = ? AND r.superseded_at IS NULL ${only}
     GROUP BY r.month, classCode`,
  ).all(budgetId, year, ...(onlyMonths ?? [])) as { month: number; classCode: string; fen: number }[];
  const months = new Map<number, Map<string, number>>();
  for (const row of rows) {
    let sums = months.get(row.month);
    if (!sums) {
      sums = new Map();
      months.set(row.month, sums);
    }
    sums.set(row.classCode, row.fen);
  }
  return months;
}

/** Every period with a report in effect, newest first (the comparison's choices); the examples' only if asked. */
export function reportedPeriods(db: Db, withExamples: boolean): Period[] {
  return db
    .prepare(
      `SELECT DISTINCT r.year, r.month FROM execution_report r JOIN budget b ON b.id = r.budget_id
       WHERE r.superseded_at IS NULL AND (? OR b.is_example = 0) ORDER BY r.year DESC, r.month DESC`,
    )
    .all(withExamples ? 1 : 0) as Period[];
}

/** The report in effect of every budget for one period: budget id → report id. */
export function reportsForPeriod(db: Db, period: Period): Map<number, { id: number; source: string }> {
  const rows = db
    .prepare('SELECT budget_id AS budgetId, id, source FROM execution_report WHERE year = ? AND month = ? AND superseded_at IS NULL')
    .all(period.year, period.month) as {
    budgetId: number;
    id: number;
    source: string;
  }[];
  return new Map(rows.map((row) => [row.budgetId, { id: row.id, source: row.source }]));
}

const LINE_COLUMNS = [
  'report_id',
  'ord',
  'code',
  'name',
  'initial_budget_fen',
  'adjusted_budget_fen',
  'month_fen',
  'cumulative_fen',
  'note',
] as const;

/**
 * Stores a report for a budget and period, superseding the one in effect (kept, so undo brings it back), with
 * its lines as one compact journal change. The caller owns the action (journal.record).
 */
export function insertReport(
  db: Db,
  recorder: Recorder,
  budgetId: number,
  period: Period,
  lines: readonly Omit<CountedLine, 'where'>[],
  options: { source: string; isExample?: boolean; at?: string },
): { reportId: number; replaced: number | null } {
  const replaced = currentReportId(db, budgetId, period);
  const at = options.at ?? new Date().toISOString();
  // superseded first: only one report per budget and period may be in effect at a time
  if (replaced !== null) recorder.update('execution_report', { id: replaced }, 'superseded_at', at);
  const reportId = nextId(db, 'execution_report');
  recorder.insert('execution_report', {
    id: reportId,
    budget_id: budgetId,
    year: period.year,
    month: period.month,
    source: options.source.slice(0, 300),
    is_example: options.isExample ? 1 : 0,
    created_at: at,
    superseded_at: null,
  });
  recorder.insertMany('execution_line', LINE_COLUMNS, (insert) => {
    const row: (string | number | null)[] = [reportId, 0, '', '', null, null, null, 0, ''];
    lines.forEach((line, ord) => {
      row[1] = ord;
      row[2] = line.code;
      row[3] = line.name.slice(0, 200);
      row[4] = line.initialBudgetFen;
      row[5] = line.adjustedBudgetFen;
      row[6] = line.monthFen;
      row[7] = line.cumulativeFen;
      row[8] = line.note;
      insert(row);
    });
  });
  return { reportId, replaced };
}

/**
 * Deletes a budget with everything made for it — its reports and lines, the baselines and scenarios generated
 * from its execution — row by row through the recorder, deepest first, so undo puts every row back.
 */
export function deleteBudget(db: Db, recorder: Recorder, budgetId: number): void {
  const scenarios = db
    .prepare(
      "SELECT id, kind FROM scenario WHERE budget_id = ? OR baseline_id IN (SELECT id FROM scenario WHERE budget_id = ?) ORDER BY kind = 'baseline', id",
    )
    .all(budgetId, budgetId) as { id: number; kind: string }[];
  for (const scenario of scenarios) {
    for (const o of overrideRecords(db, scenario.id))
      recorder.delete('scenario_override', { scenario_id: scenario.id, line_id: o.lineId, field: o.field });
  }
  for (const scenario of scenarios) {
    if (scenario.kind !== 'scenario') {
      for (const lineId of baselineLineIds(db, scenario.id)) recorder.delete('budget_line', { id: lineId });
    }
    recorder.delete('scenario', { id: scenario.id });
  }
  const lines = db
    .prepare('SELECT l.id FROM execution_line l JOIN execution_report r ON r.id = l.report_id WHERE r.budget_id = ? ORDER BY l.id')
    .all(budgetId) as { id: number }[];
  for (const line of lines) recorder.delete('execution_line', { id: line.id });
  const reports = db.prepare('SELECT id FROM execution_report WHERE budget_id = ? ORDER BY id').all(budgetId) as { id: number }[];
  for (const report of reports) recorder.delete('execution_report', { id: report.id });
  recorder.delete('budget', { id: budgetId });
}

export function exampleBudgetIds(db: Db): number[] {
  return (db.prepare('SELECT id FROM budget WHERE is_example = 1 ORDER BY id').all() as { id: number }[]).map((r) => r.id);
}

/** The next position of a line in a report (hand entry appends). */
export function nextLineOrd(db: Db, reportId: number): number {
  return (
    ((db.prepare('SELECT MAX(ord) AS ord FROM execution_line WHERE report_id = ?').get(reportId) as { ord: number | null }).ord ?? -1) + 1
  );
}

/** The latest report in effect of a budget before `month` of the same year, to start a new month from. */
export function previousReportId(db: Db, budgetId: number, period: Period): number | null {
  return (
    (
      db
        .prepare(
          'SELECT id FROM execution_report WHERE budget_id = ? AND year = ? AND month < ? AND superseded_at IS NULL ORDER BY month DESC LIMIT 1',
        )
        .get(budgetId, period.year, period.month) as { id: number } | undefined
    )?.id ?? null
  );
}

const SETTING_EXAMPLE_SEEDED = 'execution.example_seeded';

/**
 * A workbook that has the example budget gets the example execution once (the city level and seven counties,
 * labelled 示例数据), so the execution views are alive on first start. Not journaled, like the example
 * baseline: it is part of what a new workbook is. Deleting it (删除示例数据) is an ordinary undoable action.
 */
export function ensureExecutionExample(db: Db): void {
  if (settingValue(db, SETTING_EXAMPLE_SEEDED) !== undefined) return;
  db.transaction(() => {
    db.prepare('INSERT INTO setting (key, value) VALUES (?, ?)').run(SETTING_EXAMPLE_SEEDED, '1');
    if (!db.prepare("SELECT 1 FROM scenario WHERE kind = 'baseline' AND is_example = 1").get()) return;
    const at = new Date().toISOString();
    const insertBudget = db.prepare(
      'INSERT INTO budget (name, ord, livelihood_classes, is_example, note, created_at) VALUES (?, ?, NULL, 1, ?, ?)',
    );
    const insertReport = db.prepare(
      "INSERT INTO execution_report (budget_id, year, month, source, is_example, created_at) VALUES (?, ?, ?, '示例数据', 1, ?)",
    );
    const insertLine =
      db.prepare(`INSERT INTO execution_line (report_id, ord, code, name, initial_budget_fen, adjusted_budget_fen, month_fen, cumulative_fen, note)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const firstOrd = ((db.prepare('SELECT MAX(ord) AS ord FROM budget').get() as { ord: number | null }).ord ?? -1) + 1;
    exampleExecution().forEach((example, index) => {
      if (budgetIdByName(db, example.name) !== null) return;
      const budgetId = Number(
        insertBudget.run(
          example.name,
          firstOrd + index,
          `${EXECUTION_EXAMPLE_LABEL}：用于熟悉预算执行与年底预计，请导入本地真实执行表。`,
          at,
        ).lastInsertRowid,
      );
      for (const report of example.reports) {
        const reportId = Number(insertReport.run(budgetId, report.year, report.month, at).lastInsertRowid);
        report.lines.forEach((line, ord) =>
          insertLine.run(
            reportId,
            ord,
            line.code,
            line.name,
            line.initialBudgetFen,
            line.adjustedBudgetFen,
            line.monthFen,
            line.cumulativeFen,
            line.note,
          ),
        );
      }
    });
  })();
}
