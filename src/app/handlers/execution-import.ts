import { basename } from 'node:path';
import { budgetOf } from '../../core/execution/analysis';
import { levelLabel } from '../../core/execution/hierarchy';
import { type Period, periodKey, periodLabel } from '../../core/execution/period';
import {
  type ExecutionMapping,
  type ExecutionSheetScan,
  guessExecutionMappings,
  scanExecutionSheet,
} from '../../core/exchange/execution-mapping';
import type { SpreadsheetData } from '../../core/exchange/sheet-data';
import type { BudgetSettings } from '../../shared/budget';
import type { ExecutionPreview } from '../../shared/execution';
import type { ErrorDetail } from '../../shared/result';
import { WorkbenchError } from '../../shared/result';
import { budgetSettings } from '../store/budget-repository';
import type { Db } from '../store/connection';
import {
  budgetIdByName,
  checkBudgetName,
  currentReportId,
  getBudget,
  getReport,
  insertBudget,
  insertReport,
  reportLines,
  settingsOfBudget,
} from '../store/execution-repository';
import type { Handler } from './context';
import { chosenPreview, readChosen } from './exchange';

/**
 * Importing execution tables: the file is parsed out of process and kept for the preview; the preview reads
 * every mapped sheet, names every bad cell and shows what a later report would replace; applying stores every
 * sheet as one undoable action — or nothing, when any sheet has a problem.
 */

export const executionImportInspect: Handler<'execution-import-inspect'> = async (_input, context) => {
  const chosen = await readChosen(context, 'execution');
  return chosen ? { ...chosenPreview(chosen), guesses: guessExecutionMappings(chosen.data) } : null;
};

interface Target {
  budgetId?: number | undefined;
  newBudgetName?: string | undefined;
}

/** The budget an import goes to, and the settings its 民生 share is judged by (a new budget follows the workbook). */
function targetOf(db: Db, target: Target): { budgetId: number | null; name: string; settings: BudgetSettings } {
  if (target.budgetId !== undefined) {
    const budget = getBudget(db, target.budgetId);
    return { budgetId: budget.id, name: budget.name, settings: settingsOfBudget(db, budget) };
  }
  const name = target.newBudgetName?.trim() ?? '';
  const existing = name ? budgetIdByName(db, name) : null;
  if (existing !== null) return targetOf(db, { budgetId: existing });
  return { budgetId: null, name: checkBudgetName(db, name), settings: budgetSettings(db) };
}

interface ScannedFile {
  scans: (ExecutionSheetScan & { period: Period | null })[];
  problems: ErrorDetail[];
}

function scanAll(data: SpreadsheetData, mappings: readonly ExecutionMapping[]): ScannedFile {
  const problems: ErrorDetail[] = [];
  const seen = new Map<string, string>();
  const scans = mappings.map((mapping) => {
    const scan = scanExecutionSheet(data, mapping);
    problems.push(...scan.problems);
    const period = scan.year !== null && scan.month !== null ? { year: scan.year, month: scan.month } : null;
    if (period) {
      const other = seen.get(periodKey(period));
      if (other !== undefined)
        problems.push({
          where: `工作表“${mapping.sheet}”`,
          message: `与工作表“${other}”是同一期间（${periodLabel(period)}），一次只能导入一张。`,
        });
      seen.set(periodKey(period), mapping.sheet);
    }
    return { ...scan, period };
  });
  return { scans, problems };
}

/** How many differing codes the preview lists; the rest are counted. */
const PREVIEW_DIFFERENCES = 200;
const PREVIEW_LINES = 200;

export const executionImportPreview: Handler<'execution-import-preview'> = (
  { token, mappings, budgetId, newBudgetName },
  { workbook, pending },
) => {
  const { db } = workbook;
  const data = pending.get(token);
  const target = targetOf(db, { budgetId, newBudgetName });
  const livelihood = new Set(target.settings.livelihoodClasses);
  const { scans, problems } = scanAll(data, mappings);
  const sheets: ExecutionPreview['sheets'] = scans.map((scan) => {
    let totalFen = 0;
    let livelihoodFen = 0;
    for (const line of scan.lines) {
      totalFen += line.cumulativeFen;
      if (livelihood.has(line.code.slice(0, 3))) livelihoodFen += line.cumulativeFen;
    }
    const replacedId = scan.period && target.budgetId !== null ? currentReportId(db, target.budgetId, scan.period) : null;
    return {
      sheet: scan.sheet,
      label: scan.period ? periodLabel(scan.period) : '（期间未定）',
      count: scan.lines.length,
      totalFen,
      livelihoodFen,
      skipped: scan.skipped,
      notes: [
        ...scan.notes,
        ...scan.levelNotes.map(
          (n) =>
            `${n.where}：${n.code} ${n.name}与所列明细相差 ${(n.differenceFen / 1_000_000).toFixed(2)} 万元，差额作为“未列明细部分”计入。`,
        ),
      ],
      lines: scan.lines.slice(0, PREVIEW_LINES).map((line) => ({
        code: line.code,
        name: line.name,
        level: levelLabel(line.code),
        budgetFen: budgetOf(line),
        cumulativeFen: line.cumulativeFen,
        note: line.note,
      })),
      replaces: replacedId === null ? null : differences(db, replacedId, scan),
    };
  });
  return { sheets, problems };
};

/** What a later report changes against the one in effect, code by code (累计数). */
function differences(db: Db, reportId: number, scan: ExecutionSheetScan): NonNullable<ExecutionPreview['sheets'][number]['replaces']> {
  const report = getReport(db, reportId);
  const before = reportLines(db, reportId);
  const key = (line: { code: string; note: string }): string => `${line.code}|${line.note}`;
  const old = new Map(before.map((line) => [key(line), line]));
  const fresh = new Map(scan.lines.map((line) => [key(line), line]));
  const changes: { code: string; name: string; before: number | null; after: number | null }[] = [];
  for (const [k, line] of fresh) {
    const was = old.get(k);
    if (!was || was.cumulativeFen !== line.cumulativeFen)
      changes.push({ code: line.code, name: line.name, before: was?.cumulativeFen ?? null, after: line.cumulativeFen });
  }
  for (const [k, line] of old)
    if (!fresh.has(k)) changes.push({ code: line.code, name: line.name, before: line.cumulativeFen, after: null });
  return {
    source: report.source,
    totalFen: before.reduce((sum, line) => sum + line.cumulativeFen, 0),
    lineCount: before.length,
    changedCount: changes.length,
    differences: changes.slice(0, PREVIEW_DIFFERENCES),
  };
}

export const executionImportApply: Handler<'execution-import-apply'> = async (
  { token, mappings, budgetId, newBudgetName },
  { workbook, pending },
) => {
  const { db, journal } = workbook;
  const data = pending.get(token);
  const target = targetOf(db, { budgetId, newBudgetName });
  const { scans, problems } = scanAll(data, mappings);
  if (problems.length > 0)
    throw new WorkbenchError('bad_input', `“${data.fileName}”中有${problems.length}处问题，整个文件未导入。`, problems);
  await workbook.backup('import');
  const periods = scans.map((scan) => periodLabel(scan.period as Period)).join('、');
  const result = journal.record(`导入执行表：${basename(data.fileName)}（${target.name}，${periods}）`, '', (recorder) => {
    const id = target.budgetId ?? insertBudget(db, recorder, target.name);
    let replaced = 0;
    const reportIds = scans.map((scan) => {
      const stored = insertReport(db, recorder, id, scan.period as Period, scan.lines, {
        source: `${basename(data.fileName)} · ${scan.sheet}`,
      });
      if (stored.replaced !== null) replaced++;
      return stored.reportId;
    });
    return { id, reportIds, replaced };
  });
  pending.drop(token);
  return {
    budget: getBudget(db, result.id),
    reports: result.reportIds.map((reportId) => getReport(db, reportId)),
    replaced: result.replaced,
  };
};
