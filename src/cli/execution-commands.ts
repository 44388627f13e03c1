import { resolve } from 'node:path';
import { type Period, parsePeriodArgument, periodLabel } from '../core/execution/period';
import type { ExecutionMapping } from '../core/exchange/execution-mapping';
import type { HandlerContext } from '../app/handlers/context';
import type { PresetDialogs } from '../app/handlers/preset-dialogs';
import { budgetIdByName } from '../app/store/execution-repository';
import type {
  CompareRow,
  ExecutionBudget,
  ExecutionCompare,
  ExecutionInspect,
  ExecutionPreview,
  ExecutionReport,
  ExecutionView,
} from '../shared/execution';
import { WorkbenchError } from '../shared/result';

/**
 * `import-execution` and `execution`: the execution tables and their year-end figures without the window.
 * Amounts leave the CLI in 元 with two decimals (never 分), as the floor command's do.
 */

type Invoke = (channel: string, input: unknown) => Promise<unknown>;
type CliContext = HandlerContext & { dialogs: PresetDialogs };

const yuan = (fen: number | null): number | null => (fen === null ? null : fen / 100);

export function periodArgument(text: string | undefined): Period | null {
  if (text === undefined) return null;
  const period = parsePeriodArgument(text);
  if (!period) throw new WorkbenchError('bad_input', `--period 应为“年-月”，如 2017-06（“${text}”不是）。`);
  return period;
}

/**
 * The sheets to import: those that look like execution tables. With --period, a file of one such sheet takes
 * that period (its title may not state one); a file with a sheet per month keeps the sheets of that period.
 */
export function chooseMappings(inspect: ExecutionInspect, period: Period | null): ExecutionMapping[] {
  const recognised = inspect.guesses.filter((g): g is ExecutionMapping => g !== null);
  if (recognised.length === 0)
    throw new WorkbenchError('bad_input', `“${inspect.fileName}”中没有找到执行表（需要“科目编码/科目名称”和“累计数/本月数”等表头）。`);
  if (!period) return recognised;
  if (recognised.length === 1) return recognised.map((m) => ({ ...m, year: period.year, month: period.month }));
  const matching = recognised
    .filter((m) => m.month === period.month && (m.year === null || m.year === period.year))
    .map((m) => ({ ...m, year: period.year }));
  if (matching.length === 0) throw new WorkbenchError('bad_input', `“${inspect.fileName}”中没有${periodLabel(period)}的工作表。`);
  return matching;
}

export async function importExecution(
  context: CliContext,
  invoke: Invoke,
  options: { file: string; budget: string; period: Period | null; dryRun: boolean },
): Promise<Record<string, unknown>> {
  context.dialogs.open = resolve(options.file);
  const inspect = (await invoke('execution-import-inspect', {})) as ExecutionInspect;
  const mappings = chooseMappings(inspect, options.period);
  const existing = budgetIdByName(context.workbook.db, options.budget);
  const target = existing !== null ? { budgetId: existing } : { newBudgetName: options.budget };
  const preview = (await invoke('execution-import-preview', { token: inspect.token, mappings, ...target })) as ExecutionPreview;
  if (preview.problems.length > 0)
    throw new WorkbenchError('bad_input', `“${inspect.fileName}”中有${preview.problems.length}处问题，整个文件未导入。`, preview.problems);
  const sheets = preview.sheets.map((s) => ({
    sheet: s.sheet,
    period: s.label,
    lines: s.count,
    total: yuan(s.totalFen),
    livelihood: yuan(s.livelihoodFen),
    skippedRows: s.skipped,
    notes: s.notes,
    replaces: s.replaces
      ? {
          source: s.replaces.source,
          total: yuan(s.replaces.totalFen),
          lines: s.replaces.lineCount,
          changed: s.replaces.changedCount,
          differences: s.replaces.differences.map((d) => ({ code: d.code, name: d.name, before: yuan(d.before), after: yuan(d.after) })),
        }
      : null,
  }));
  const applied = options.dryRun
    ? null
    : ((await invoke('execution-import-apply', { token: inspect.token, mappings, ...target })) as {
        budget: ExecutionBudget;
        reports: ExecutionReport[];
        replaced: number;
      });
  return {
    file: inspect.fileName,
    encoding: inspect.encoding,
    budget: options.budget,
    createdBudget: existing === null && !options.dryRun,
    dryRun: options.dryRun,
    sheets,
    imported: applied?.reports.length ?? 0,
    replaced: applied?.replaced ?? 0,
  };
}

export function formatImport(result: Record<string, unknown>): string {
  const sheets = result.sheets as { sheet: string; period: string; lines: number; total: number; replaces: { changed: number } | null }[];
  return [
    `${result.dryRun ? '（试运行，未写入）' : ''}${String(result.file)} → ${String(result.budget)}${result.createdBudget ? '（新建）' : ''}`,
    ...sheets.map(
      (s) =>
        `  ${s.sheet}：${s.period}，${s.lines}个科目，累计支出 ${money(s.total)}${s.replaces ? `，替换已有报表（${s.replaces.changed}个科目不同）` : ''}`,
    ),
  ].join('\n');
}

function methodReport(view: ExecutionView) {
  return (view.projection?.methods ?? []).map((m) => ({
    method: m.method,
    label: m.label,
    available: m.available,
    reason: m.reason,
    total: yuan(m.totalFen),
    livelihood: yuan(m.livelihoodFen),
    nonLivelihood: yuan(m.nonLivelihoodFen),
    share: m.share,
    meetsFloor: m.meetsFloor,
    furtherLivelihoodNeeded: yuan(m.furtherLivelihoodNeededFen),
    perMonthNeeded: yuan(m.perMonthNeededFen),
    expectedFurtherLivelihood: yuan(m.expectedFurtherLivelihoodFen),
    shortfall: yuan(m.shortfallFen),
  }));
}

/** One budget's year to date, each projection and the floor figures. */
export function budgetReport(view: ExecutionView): Record<string, unknown> {
  if (!view.budget || !view.report || !view.projection)
    throw new WorkbenchError('not_found', `“${view.budget?.name ?? ''}”还没有执行数据。`);
  const p = view.projection;
  return {
    budget: view.budget.name,
    isExample: view.budget.isExample,
    period: `${view.report.year}-${String(view.report.month).padStart(2, '0')}`,
    periodLabel: view.report.label,
    floor: p.floor,
    classes: view.settings.livelihoodClasses,
    schedule: view.schedule.elapsed,
    budgetTotal: yuan(view.budgetTotalFen),
    executionRate: view.executionRate,
    ytd: { total: yuan(p.ytd.totalFen), livelihood: yuan(p.ytd.livelihoodFen), share: p.ytd.share, meetsFloor: p.ytd.meetsFloor },
    remainingMonths: p.remainingMonths,
    methods: methodReport(view),
    range: p.range,
  };
}

function compareReport(row: CompareRow) {
  return {
    budget: row.name,
    rank: row.rank,
    reported: row.reported,
    total: yuan(row.totalFen),
    livelihood: yuan(row.livelihoodFen),
    share: row.share,
    meetsFloor: row.meetsFloor,
    projectedLow: row.projectedLow,
    projectedHigh: row.projectedHigh,
    meetsInAll: row.meetsInAll,
    worstPerMonthNeeded: yuan(row.worstPerMonthNeededFen),
  };
}

export function allBudgetsReport(compare: ExecutionCompare): Record<string, unknown> {
  return {
    period: compare.period ? `${compare.period.year}-${String(compare.period.month).padStart(2, '0')}` : null,
    floor: compare.floor,
    budgets: compare.rows.map(compareReport),
    total: compare.total ? compareReport(compare.total) : null,
    notes: compare.notes,
  };
}

const money = (value: number | null): string =>
  value === null ? '—' : `${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
const pct = (ratio: number | null | undefined): string => (ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(2)}%`);

export function formatBudgetReport(report: Record<string, unknown>): string {
  const ytd = report.ytd as { total: number; livelihood: number; share: number | null; meetsFloor: boolean };
  const methods = report.methods as ReturnType<typeof methodReport>;
  return [
    `${String(report.budget)} ${String(report.periodLabel)}：支出 ${money(ytd.total)}，民生 ${money(ytd.livelihood)}，占比 ${pct(ytd.share)}${ytd.meetsFloor ? '（达到底线）' : '（低于底线）'}`,
    ...methods.map((m) =>
      m.available
        ? `  ${m.label}：预计全年占比 ${pct(m.share)}${m.meetsFloor ? ' ✔' : ' ✘'}；年底前至少还需民生支出 ${money(m.furtherLivelihoodNeeded)}（每月 ${money(m.perMonthNeeded)}）`
        : `  ${m.label}：${m.reason}`,
    ),
  ].join('\n');
}

export function formatAllBudgets(report: Record<string, unknown>): string {
  const rows = report.budgets as ReturnType<typeof compareReport>[];
  const total = report.total as ReturnType<typeof compareReport> | null;
  return [
    `期间：${String(report.period ?? '（无执行数据）')}`,
    ...[...rows, ...(total ? [total] : [])].map((r) =>
      r.reported
        ? `  ${r.rank ?? ' '} ${r.budget}：占比 ${pct(r.share)}，预计 ${pct(r.projectedLow)}～${pct(r.projectedHigh)}`
        : `  ${r.budget}：未报送`,
    ),
  ].join('\n');
}

export function budgetIdOf(context: CliContext, name: string): number {
  const id = budgetIdByName(context.workbook.db, name);
  if (id === null) throw new WorkbenchError('not_found', `工作簿中没有名为“${name}”的地区（预算）。`);
  return id;
}
