import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BudgetView, type BudgetViewAnswer, budgetViewFromAnswer } from '../../src/shared/budget';
import type {
  ExecutionBudget,
  ExecutionCompare,
  ExecutionInspect,
  ExecutionLineRow,
  ExecutionPreview,
  ExecutionReport,
  ExecutionView,
} from '../../src/shared/execution';
import type { ScenarioSummary } from '../../src/shared/budget';
import { EXAMPLE_BASELINE_NAME } from '../../src/core/budget/example-baseline';
import {
  classOnlyTable,
  detailedTable,
  malformedTable,
  monthlySheets,
  twoRowHeadingTable,
  writeGbCsvFile,
  writeXlsFile,
  writeXlsxFile,
} from '../fixtures/execution-tables';
import { invoker, newWorkbook, tempDir } from './helpers';

type Invoke = ReturnType<typeof invoker>;

async function ok<T>(invoke: Invoke, channel: string, input: unknown = {}): Promise<T> {
  const result = await invoke(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message} ${JSON.stringify(result.error.details)}`);
  return result.value as T;
}

const WAN = 1_000_000;

/** Imports `path` into `budget` (created when new) with the guessed mappings; returns the preview and the result. */
async function importFile(invoke: Invoke, path: string, budget: { budgetId: number } | { newBudgetName: string }) {
  invoke.dialogs.open = path;
  const inspect = await ok<ExecutionInspect>(invoke, 'execution-import-inspect');
  const mappings = inspect.guesses.filter((g) => g !== null);
  const preview = await ok<ExecutionPreview>(invoke, 'execution-import-preview', { token: inspect.token, mappings, ...budget });
  return {
    inspect,
    mappings,
    preview,
    apply: () =>
      ok<{ budget: ExecutionBudget; reports: ExecutionReport[]; replaced: number }>(invoke, 'execution-import-apply', {
        token: inspect.token,
        mappings,
        ...budget,
      }),
  };
}

describe('execution data in a new workbook', () => {
  it('ships example execution for the city and seven counties, labelled, and removes it in one undoable action', async () => {
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    const view = await ok<ExecutionView>(invoke, 'execution-view');
    expect(view.budgets.map((b) => b.name)).toEqual([
      '达州市本级（示例）',
      '通川区（示例）',
      '达川区（示例）',
      '宣汉县（示例）',
      '开江县（示例）',
      '大竹县（示例）',
      '渠县（示例）',
      '万源市（示例）',
    ]);
    expect(view.budgets.every((b) => b.isExample && b.note.startsWith('示例数据'))).toBe(true);
    expect(view.report).toMatchObject({ year: 2017, month: 6, isExample: true, label: '2017年1-6月' });
    expect(view.projection?.methods.every((m) => m.available)).toBe(true);
    expect(view.lastYear).toEqual({ year: 2016, months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] });
    // December is about a fifth of last year's spending, as in real reports
    const lines = workbook.db
      .prepare(
        'SELECT r.month, SUM(l.cumulative_fen) AS fen FROM execution_line l JOIN execution_report r ON r.id = l.report_id WHERE r.budget_id = 1 AND r.year = 2016 AND r.month IN (11, 12) GROUP BY r.month ORDER BY r.month',
      )
      .all() as { fen: number }[];
    const december = 1 - (lines[0]?.fen ?? 0) / (lines[1]?.fen ?? 1);
    expect(december).toBeGreaterThan(0.15);
    expect(december).toBeLessThan(0.3);

    const compare = await ok<ExecutionCompare>(invoke, 'execution-compare');
    expect(compare.rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const shares = compare.rows.map((r) => r.share ?? 0);
    expect([...shares].sort((a, b) => b - a)).toEqual(shares);
    expect(compare.total?.totalFen).toBe(compare.rows.reduce((sum, r) => sum + r.totalFen, 0));

    expect(await ok(invoke, 'execution-examples-delete')).toEqual({ deleted: 8 });
    expect(workbook.db.prepare('SELECT COUNT(*) AS n FROM execution_line').get()).toEqual({ n: 0 });
    await ok(invoke, 'history-undo');
    expect((await ok<ExecutionView>(invoke, 'execution-view')).budgets).toHaveLength(8);
    expect(workbook.db.prepare('SELECT COUNT(*) AS n FROM execution_line').get()).toEqual({ n: 8 * 18 * 32 });
  });
});

describe('importing execution tables', () => {
  it('class rows in .xlsx with 单位：万元: counted once each, 民生 by the workbook setting', async () => {
    const dir = tempDir();
    const invoke = invoker(newWorkbook());
    const path = join(dir, '通川区2017年6月.xlsx');
    writeXlsxFile(path, [{ name: 'Sheet1', rows: classOnlyTable() }]);
    const { preview, apply } = await importFile(invoke, path, { newBudgetName: '通川区' });
    expect(preview.problems).toEqual([]);
    expect(preview.sheets[0]).toMatchObject({
      label: '2017年1-6月',
      count: 6,
      totalFen: 82_500 * WAN,
      livelihoodFen: 66_500 * WAN,
      skipped: 1,
      replaces: null,
    });
    const result = await apply();
    expect(result).toMatchObject({ budget: { name: '通川区', isExample: false, reportCount: 1 }, replaced: 0 });
    const view = await ok<ExecutionView>(invoke, 'execution-view', { budgetId: result.budget.id });
    expect(view.projection?.ytd).toMatchObject({ totalFen: 82_500 * WAN, livelihoodFen: 66_500 * WAN });
    expect(view.classes.find((c) => c.classCode === '205')).toMatchObject({ budgetFen: 62_000 * WAN, cumulativeFen: 27_000 * WAN });
    expect(view.budgetTotalFen).toBe(185_500 * WAN);
  });

  it('类/款/项 with subtotals in a legacy .xls: each class once, never its 款 and 项 again', async () => {
    const dir = tempDir();
    const invoke = invoker(newWorkbook());
    const path = join(dir, '宣汉县.xls');
    writeXlsFile(path, [{ name: '支出', rows: detailedTable() }]);
    const { preview, apply } = await importFile(invoke, path, { newBudgetName: '宣汉县' });
    expect(preview.problems).toEqual([]);
    expect(preview.sheets[0]).toMatchObject({ count: 6, totalFen: 96_000_050 });
    expect(preview.sheets[0]?.notes.join()).toContain('201 一般公共服务支出与所列明细相差 5.00 万元');
    const { budget } = await apply();
    const view = await ok<ExecutionView>(invoke, 'execution-view', { budgetId: budget.id });
    expect(view.lines.map((l) => [l.code, l.level])).toEqual([
      ['2050202', '项'],
      ['2050203', '项'],
      ['20503', '款'],
      ['20805', '款'],
      ['20103', '款'],
      ['201', '类'],
    ]);
    expect(view.classes.map((c) => [c.classCode, c.cumulativeFen])).toEqual([
      ['201', 23_000_000],
      ['205', 45_000_050],
      ['208', 28_000_000],
    ]);
  });

  it('a GB18030 CSV with headings in two rows and codes in the name column', async () => {
    const dir = tempDir();
    const invoke = invoker(newWorkbook());
    const path = join(dir, '一季度.csv');
    writeGbCsvFile(path, twoRowHeadingTable());
    const { inspect, preview } = await importFile(invoke, path, { newBudgetName: '开江县' });
    expect(inspect.encoding).toBe('gb18030');
    expect(preview.problems).toEqual([]);
    expect(preview.sheets[0]).toMatchObject({ label: '2017年1-3月', count: 3, totalFen: 1_450_550_000 });
  });

  it('a sheet per month becomes a report per month, in one undoable action', async () => {
    const dir = tempDir();
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    const path = join(dir, '2017年各月.xlsx');
    writeXlsxFile(path, monthlySheets());
    const { preview, apply } = await importFile(invoke, path, { newBudgetName: '渠县' });
    expect(preview.sheets.map((s) => s.label)).toEqual(['2017年1月', '2017年1-2月', '2017年1-3月']);
    const { budget, reports } = await apply();
    expect(reports).toHaveLength(3);
    const view = await ok<ExecutionView>(invoke, 'execution-view', { budgetId: budget.id });
    expect(view.reports.map((r) => r.label)).toEqual(['2017年1-3月', '2017年1-2月', '2017年1月']);
    // 民生 (205, 208) is 430 of 530 in every month
    expect(view.chart.actual.slice(0, 4)).toEqual([430 / 530, 430 / 530, 430 / 530, null]);
    await ok(invoke, 'history-undo');
    expect(workbook.db.prepare("SELECT COUNT(*) AS n FROM budget WHERE name = '渠县'").get()).toEqual({ n: 0 });
  });

  it('refuses a malformed table whole, naming every bad cell, and writes nothing', async () => {
    const dir = tempDir();
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    const before = workbook.db
      .prepare('SELECT (SELECT COUNT(*) FROM execution_line) + (SELECT COUNT(*) FROM budget) + (SELECT COUNT(*) FROM action) AS n')
      .get();
    const path = join(dir, '坏表.xlsx');
    writeXlsxFile(path, [
      { name: '6月', rows: malformedTable() },
      { name: '说明', rows: [['本表说明']] },
    ]);
    invoke.dialogs.open = path;
    const inspect = await ok<ExecutionInspect>(invoke, 'execution-import-inspect');
    expect(inspect.guesses[1]).toBeNull();
    const mappings = [inspect.guesses[0]];
    const preview = await ok<ExecutionPreview>(invoke, 'execution-import-preview', {
      token: inspect.token,
      mappings,
      newBudgetName: '坏县',
    });
    expect(preview.problems.map((p) => p.where)).toEqual([
      '工作表“6月” 第5行 A列',
      '工作表“6月” 第6行 A列',
      '工作表“6月” 第7行 C列',
      '工作表“6月” 第8行 D列',
      '工作表“6月” 第9行 A列',
    ]);
    const applied = await invoke('execution-import-apply', { token: inspect.token, mappings, newBudgetName: '坏县' });
    expect(applied.ok).toBe(false);
    if (!applied.ok) {
      expect(applied.error.message).toContain('5处问题，整个文件未导入');
      expect(applied.error.details).toHaveLength(5);
    }
    expect(
      workbook.db
        .prepare('SELECT (SELECT COUNT(*) FROM execution_line) + (SELECT COUNT(*) FROM budget) + (SELECT COUNT(*) FROM action) AS n')
        .get(),
    ).toEqual(before);
  });

  it('a later report for the same period shows its differences first, replaces the earlier one, and undo brings it back', async () => {
    const dir = tempDir();
    const invoke = invoker(newWorkbook());
    const first = join(dir, '第一次.xlsx');
    writeXlsxFile(first, [{ name: 'Sheet1', rows: classOnlyTable() }]);
    const { budget } = await (await importFile(invoke, first, { newBudgetName: '通川区' })).apply();
    const revised = classOnlyTable();
    (revised[4] as unknown[])[5] = 28_000; // 205 教育支出 27,000 → 28,000
    revised.splice(8, 1); // 229 其他支出 left out
    const second = join(dir, '更正.xlsx');
    writeXlsxFile(second, [{ name: 'Sheet1', rows: revised }]);
    const { preview, apply } = await importFile(invoke, second, { budgetId: budget.id });
    expect(preview.sheets[0]?.replaces).toMatchObject({
      source: '第一次.xlsx · Sheet1',
      totalFen: 82_500 * WAN,
      lineCount: 6,
      changedCount: 2,
    });
    expect(preview.sheets[0]?.replaces?.differences).toEqual([
      { code: '205', name: '教育支出', before: 27_000 * WAN, after: 28_000 * WAN },
      { code: '229', name: '其他支出', before: 1_500 * WAN, after: null },
    ]);
    expect((await apply()).replaced).toBe(1);
    const ytd = async () => (await ok<ExecutionView>(invoke, 'execution-view', { budgetId: budget.id })).projection?.ytd.totalFen;
    expect(await ytd()).toBe(82_000 * WAN);
    expect((await ok<ExecutionView>(invoke, 'execution-view', { budgetId: budget.id })).reports).toHaveLength(1);
    await ok(invoke, 'history-undo');
    expect(await ytd()).toBe(82_500 * WAN);
    await ok(invoke, 'history-redo');
    expect(await ytd()).toBe(82_000 * WAN);
  });
});

describe('entering execution by hand', () => {
  it('a new month starts from the last one; edits are one action each, refused whole on a bad cell; overlapping codes are refused', async () => {
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    const budget = await ok<ExecutionBudget>(invoke, 'execution-budget-create', { name: '手工县' });
    // the first month starts from the workbook's current budget lines, nothing spent yet
    const january = await ok<ExecutionReport>(invoke, 'execution-month-create', { budgetId: budget.id, year: 2017, month: 1 });
    let view = await ok<ExecutionView>(invoke, 'execution-view', { budgetId: budget.id, year: 2017, month: 1 });
    expect(january.source).toBe('手工录入');
    expect(view.lines.length).toBe(32);
    expect(view.lines.every((l) => l.cumulativeFen === 0 && l.initialBudgetFen !== null)).toBe(true);
    const [a, b] = view.lines as [ExecutionLineRow, ExecutionLineRow];
    const stored = await ok<ExecutionLineRow[]>(invoke, 'execution-lines-update', {
      reportId: january.id,
      edits: [
        { lineId: a.id, field: 'cumulative', value: '1,200' },
        { lineId: b.id, field: 'cumulative', value: '3.4亿' },
      ],
    });
    expect(stored.map((l) => l.cumulativeFen)).toEqual([1_200 * WAN, 340_000_000 * 100]);
    expect(stored[0]?.executionRate).toBeCloseTo(1_200 / 138_000);

    const refused = await invoke('execution-lines-update', {
      reportId: january.id,
      edits: [
        { lineId: a.id, field: 'cumulative', value: '1300' },
        { lineId: b.id, field: 'cumulative', value: '很多' },
      ],
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.details[0]?.where).toBe(`${b.code} ${b.name}「累计数」`);
    expect((workbook.db.prepare('SELECT cumulative_fen AS c FROM execution_line WHERE id = ?').get(a.id) as { c: number }).c).toBe(
      1_200 * WAN,
    );

    const overlap = await invoke('execution-line-add', { reportId: january.id, code: '205', name: '教育支出' });
    expect(overlap.ok).toBe(false);
    if (!overlap.ok) expect(overlap.error.message).toContain('上下级重叠');

    // February starts from January's lines and spending
    const february = await ok<ExecutionReport>(invoke, 'execution-month-create', { budgetId: budget.id, year: 2017, month: 2 });
    view = await ok<ExecutionView>(invoke, 'execution-view', { budgetId: budget.id });
    expect(view.report?.id).toBe(february.id);
    expect(view.projection?.ytd.totalFen).toBe(1_200 * WAN + 340_000_000 * 100);
    await ok(invoke, 'history-undo');
    expect((await ok<ExecutionView>(invoke, 'execution-view', { budgetId: budget.id })).report?.id).toBe(january.id);
  });
});

describe('the projection as a scenario', () => {
  it('按执行进度生成情景: a baseline of the budgets and a scenario at the projected amounts, with the same share; goal seek works on it', async () => {
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    const view = await ok<ExecutionView>(invoke, 'execution-view');
    const budget = view.budget as ExecutionBudget;
    const cautious = [...(view.projection?.methods ?? [])].filter((m) => m.available).sort((x, y) => (x.share ?? 0) - (y.share ?? 0))[0];
    const created = await ok<{ baseline: ScenarioSummary; scenario: ScenarioSummary; method: string }>(
      invoke,
      'execution-scenario-create',
      { budgetId: budget.id, year: 2017, month: 6 },
    );
    expect(created.method).toBe(cautious?.method);
    expect(created.scenario).toMatchObject({ kind: 'scenario', isExample: true, baselineId: created.baseline.id });
    expect(created.scenario.name).toContain('执行推算');
    const scenario = budgetViewFromAnswer(await ok<BudgetViewAnswer>(invoke, 'budget-view', { scenarioId: created.scenario.id }));
    expect(scenario.metrics.totalFen).toBe(cautious?.totalFen);
    expect(scenario.metrics.livelihoodFen).toBe(cautious?.livelihoodFen);
    // the example baseline is still the workbook's current one: new scenarios do not land on the projection
    const current = await ok<ScenarioSummary>(invoke, 'scenario-create', { name: '新情景' });
    expect(current.baselineId).not.toBe(created.baseline.id);
    const line = scenario.lines.find((l) => l.code === '2050202');
    const sought = await ok<{ metrics: BudgetView['metrics'] }>(invoke, 'goal-seek', {
      scenarioId: created.scenario.id,
      lineId: line?.id,
      variable: 'amount',
      share: 0.75,
      saveAs: '执行推算达75%',
    });
    expect(sought.metrics.share).toBeGreaterThanOrEqual(0.75);
    await ok(invoke, 'history-undo');
    await ok(invoke, 'history-undo');
    await ok(invoke, 'history-undo');
    expect(workbook.db.prepare('SELECT COUNT(*) AS n FROM scenario WHERE budget_id IS NOT NULL').get()).toEqual({ n: 0 });
  });

  it('a budget with its own classification is judged by it, in the view and in its scenario', async () => {
    const invoke = invoker(newWorkbook());
    const view = await ok<ExecutionView>(invoke, 'execution-view');
    const budget = view.budget as ExecutionBudget;
    await ok(invoke, 'execution-budget-update', { budgetId: budget.id, livelihoodClasses: ['205', '207', '208', '210', '221'] });
    const narrow = await ok<ExecutionView>(invoke, 'execution-view', { budgetId: budget.id });
    expect(narrow.settings.preset).toBe('narrow');
    expect(narrow.projection?.ytd.share ?? 1).toBeLessThan(view.projection?.ytd.share ?? 0);
    const created = await ok<{ scenario: ScenarioSummary; method: string }>(invoke, 'execution-scenario-create', {
      budgetId: budget.id,
      year: 2017,
      month: 6,
      method: 'planned',
    });
    const scenario = await ok<BudgetViewAnswer>(invoke, 'budget-view', { scenarioId: created.scenario.id });
    expect(scenario.settings.preset).toBe('narrow');
    expect(scenario.metrics.livelihoodFen).toBe(narrow.projection?.methods.find((m) => m.method === 'planned')?.livelihoodFen);
    // the workbook's own baseline keeps the workbook's setting
    const own = scenario.scenarios.find((s) => s.name === EXAMPLE_BASELINE_NAME);
    expect((await ok<BudgetViewAnswer>(invoke, 'budget-view', { scenarioId: own?.id })).settings.preset).toBe('broad');
  });
});
