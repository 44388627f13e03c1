import { isKnownClass } from '../../core/budget/classification';
import { budgetOf } from '../../core/execution/analysis';
import { periodLabel } from '../../core/execution/period';
import { cautiousMethod, METHOD_LABELS } from '../../core/execution/projection';
import { WorkbenchError } from '../../shared/result';
import { analysePeriod, executionCompare as compareBudgets, executionView as viewOf } from '../execution/execution-model';
import { forgetCurrentScenarioIfGone, getScenario, showScenario } from '../store/budget-repository';
import { scenarioIdByName } from '../store/scenario-repository';
import { nextId } from '../store/ids';
import { checkScenarioName } from '../store/scenario-writer';
import { checkBudgetName, deleteBudget, exampleBudgetIds, getBudget, getReport, insertBudget } from '../store/execution-repository';
import type { Db } from '../store/connection';
import type { Handler } from './context';

/** Budgets of the workbook's government levels, their execution analysed, compared, and turned into a scenario. */

export const executionViewHandler: Handler<'execution-view'> = (input, { workbook }) => viewOf(workbook.db, input);

export const executionCompareHandler: Handler<'execution-compare'> = (input, { workbook }) => compareBudgets(workbook.db, input);

export const executionBudgetCreate: Handler<'execution-budget-create'> = ({ name }, { workbook }) => {
  const { db, journal } = workbook;
  const id = journal.record(`新增地区预算“${name.trim()}”`, '', (recorder) => insertBudget(db, recorder, name));
  return getBudget(db, id);
};

export const executionBudgetUpdate: Handler<'execution-budget-update'> = ({ budgetId, name, livelihoodClasses }, { workbook }) => {
  const { db, journal } = workbook;
  const budget = getBudget(db, budgetId);
  const unknown = (livelihoodClasses ?? []).filter((code) => !isKnownClass(code));
  if (unknown.length > 0) throw new WorkbenchError('bad_input', `不是2017年支出功能分类的类级科目：${unknown.join('、')}。`);
  journal.record(`修改地区预算“${budget.name}”`, '', (recorder) => {
    if (name !== undefined) recorder.update('budget', { id: budgetId }, 'name', checkBudgetName(db, name, budgetId));
    if (livelihoodClasses !== undefined) {
      recorder.update(
        'budget',
        { id: budgetId },
        'livelihood_classes',
        livelihoodClasses === null ? null : JSON.stringify([...new Set(livelihoodClasses)].sort()),
      );
    }
  });
  return getBudget(db, budgetId);
};

export const executionBudgetDelete: Handler<'execution-budget-delete'> = ({ budgetId }, { workbook }) => {
  const { db, journal } = workbook;
  const budget = getBudget(db, budgetId);
  journal.record(`删除地区预算“${budget.name}”及其执行数据`, '', (recorder) => deleteBudget(db, recorder, budgetId));
  forgetCurrentScenarioIfGone(db);
  return { deleted: budgetId };
};

export const executionExamplesDelete: Handler<'execution-examples-delete'> = (_input, { workbook }) => {
  const { db, journal } = workbook;
  const ids = exampleBudgetIds(db);
  if (ids.length === 0) return { deleted: 0 };
  journal.record(`删除示例执行数据（${ids.length}个地区）`, '', (recorder) => ids.forEach((id) => deleteBudget(db, recorder, id)));
  forgetCurrentScenarioIfGone(db);
  return { deleted: ids.length };
};

export const executionReportWithdraw: Handler<'execution-report-withdraw'> = ({ reportId }, { workbook }) => {
  const { db, journal } = workbook;
  const report = getReport(db, reportId);
  if (report.superseded) throw new WorkbenchError('conflict', '该执行报表已被替换或撤下。');
  const budget = getBudget(db, report.budgetId);
  journal.record(`撤下执行报表：${budget.name} ${report.label}`, '', (recorder) => {
    recorder.update('execution_report', { id: reportId }, 'superseded_at', new Date().toISOString());
  });
  return { withdrawn: reportId };
};

/** A name not yet taken: `base`, else `base（2）`, `base（3）`… within the 60 characters a scenario name may have. */
function freeScenarioName(db: Db, base: string): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : `（${n}）`;
    const name = `${base.slice(0, 60 - suffix.length)}${suffix}`;
    if (scenarioIdByName(db, name) === null) return checkScenarioName(db, name);
  }
}

/**
 * 按执行进度生成情景: a baseline holding the report's budget figures (adjusted, else initial; spending so far
 * where the table gave none), and over it a scenario whose amounts are the year-end projection — so goal seek,
 * breakback and sensitivity work on the projected year unchanged. One undoable action.
 */
export const executionScenarioCreate: Handler<'execution-scenario-create'> = ({ budgetId, year, month, method }, { workbook }) => {
  const { db, journal } = workbook;
  const budget = getBudget(db, budgetId);
  const period = { year, month };
  const analysed = analysePeriod(db, budget, period);
  const chosen = method ?? cautiousMethod(analysed.projection);
  const figures = analysed.projection.methods.find((m) => m.method === chosen);
  if (!figures?.available) throw new WorkbenchError('bad_input', `“${METHOD_LABELS[chosen]}”不可用：${figures?.reason ?? ''}`);
  const label = periodLabel(period);
  const { lines } = analysed;
  const baselineName = freeScenarioName(db, `${budget.name}·${year}年预算（据${label}执行表）`);
  const scenarioName = freeScenarioName(db, `${budget.name}·${label}执行推算（${METHOD_LABELS[chosen]}）`);
  const note = `由“${budget.name}”${label}执行表生成：${figures.description}`;
  const ids = journal.record(`按执行进度生成情景：${budget.name} ${label}（${METHOD_LABELS[chosen]}）`, '', (recorder) => {
    const baselineId = nextId(db, 'scenario');
    const created = new Date().toISOString();
    const isExample = budget.isExample ? 1 : 0;
    recorder.insert('scenario', {
      id: baselineId,
      name: baselineName,
      kind: 'baseline',
      baseline_id: null,
      locked: 0,
      is_example: isExample,
      note,
      created_at: created,
      budget_id: budget.id,
    });
    const range = recorder.insertMany('budget_line', ['baseline_id', 'ord', 'code', 'name', 'amount_fen', 'note'], (insert) => {
      lines.forEach((line, ord) => insert([baselineId, ord, line.code, line.name, budgetOf(line) ?? line.cumulativeFen, line.note]));
    });
    const scenarioId = nextId(db, 'scenario');
    recorder.insert('scenario', {
      id: scenarioId,
      name: scenarioName,
      kind: 'scenario',
      baseline_id: baselineId,
      locked: 0,
      is_example: isExample,
      note,
      created_at: created,
      budget_id: budget.id,
    });
    lines.forEach((line, index) => {
      const projected = line.projected[chosen];
      const base = budgetOf(line) ?? line.cumulativeFen;
      // the lines were inserted in this order with consecutive ids (see Recorder.insertMany)
      if (projected !== null && projected !== base) {
        recorder.insert('scenario_override', {
          scenario_id: scenarioId,
          line_id: (range?.from ?? 0) + index,
          field: 'amount',
          op: 'set',
          value: projected,
        });
      }
    });
    return { baselineId, scenarioId };
  });
  // which scenario the budget view shows is a view preference (see scenarioSelect): the new one
  showScenario(db, ids.scenarioId);
  return { baseline: getScenario(db, ids.baselineId), scenario: getScenario(db, ids.scenarioId), method: chosen };
};
