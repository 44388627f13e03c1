import { isKnownClass } from '../../core/budget/classification';
import { isValidFloor } from '../../core/budget/floor';
import { parseMoney } from '../../core/budget/money';
import type { BudgetLineField, LinesChange } from '../../shared/budget';
import { BUDGET_FIELDS } from '../../shared/fields/budget-fields';
import { WorkbenchError } from '../../shared/result';
import { applyEdits, planEdits, writeEdits } from '../edits/apply-edits';
import {
  budgetSettings,
  currentScenarioId,
  lineRows,
  lineTable,
  listScenarios,
  type ScenarioModel,
  scenarioModel,
  scenarioModelAfterLineEdit,
  SETTING_CLASSES,
  showScenario,
  SETTING_FLOOR,
} from '../store/budget-repository';
import { assertEditable } from '../store/scenario-writer';
import type { Handler } from './context';
import type { Db } from '../store/connection';
import type { Workbook } from '../store/workbook';

function resolveScenarioId(db: Db, scenarioId: number | undefined): number {
  const id = scenarioId ?? currentScenarioId(db);
  if (id === null) throw new WorkbenchError('not_found', '工作簿中还没有预算基线。');
  return id;
}

/**
 * Up to this many changed lines, each is updated in the cached model (an edit at 100,000 lines stays quick);
 * beyond it one full read is cheaper.
 */
const INCREMENTAL_LINES = 50;

/** The rows an action changed and the figures after it. */
function linesChange(db: Db, scenarioId: number, lineIds: readonly number[]): LinesChange {
  const unique = [...new Set(lineIds)];
  let model: ScenarioModel | undefined;
  if (unique.length <= INCREMENTAL_LINES) for (const lineId of unique) model = scenarioModelAfterLineEdit(db, scenarioId, lineId);
  model ??= scenarioModel(db, scenarioId);
  return { lines: lineRows(model, unique), metrics: model.metrics, overrideCount: model.scenario.overrideCount };
}

function lineChange(db: Db, scenarioId: number, lineId: number) {
  const { lines, metrics } = linesChange(db, scenarioId, [lineId]);
  const [line] = lines;
  if (!line) throw new WorkbenchError('internal', '保存后无法读回预算行。');
  return { line, metrics };
}

function lineIndex(model: ScenarioModel, lineId: number): number {
  const index = model.baseline.indexById.get(lineId);
  if (index === undefined) throw new WorkbenchError('not_found', `预算行不存在（编号 ${lineId}），可能已被删除，请刷新。`);
  return index;
}

const where = (model: ScenarioModel): string => (model.scenario.kind === 'scenario' ? `情景“${model.scenario.name}”` : '基线');

export const budgetView: Handler<'budget-view'> = ({ scenarioId }, { workbook }) => {
  // what the budget grid shows from now: a cell someone changes after this (a line's figures, a scenario's
  // adjustment) is refused as stale when this window edits it
  workbook.journal.markRead('budget_line');
  workbook.journal.markRead('scenario_override');
  const model = scenarioModel(workbook.db, resolveScenarioId(workbook.db, scenarioId));
  return {
    scenario: model.scenario,
    scenarios: listScenarios(workbook.db),
    settings: model.settings,
    lines: lineTable(model),
    metrics: model.metrics,
  };
};

export const scenarioList: Handler<'scenario-list'> = (_input, { workbook }) => listScenarios(workbook.db);

export const budgetMetrics: Handler<'budget-metrics'> = ({ scenarioId }, { workbook }) => {
  const model = scenarioModel(workbook.db, resolveScenarioId(workbook.db, scenarioId));
  return { scenario: model.scenario, metrics: model.metrics, settings: model.settings };
};

interface LineEdit {
  lineId: number;
  field: BudgetLineField;
  value: string;
}

/** One action on budget cells: every cell planned by the same rules, all written or none. */
function applyLineEdits(
  workbook: Workbook,
  scenarioId: number,
  edits: readonly LineEdit[],
  label: string | undefined,
  reason: string | undefined,
): LinesChange {
  const { db } = workbook;
  const model = scenarioModel(db, scenarioId);
  assertEditable(model);
  const first = edits[0];
  const single = (): string => {
    if (!first) return '';
    const name = model.baseline.meta[model.baseline.indexById.get(first.lineId) ?? -1]?.name ?? '';
    const reverts = model.scenario.kind === 'scenario' && first.value.trim() === '' && ['amount', 'quantity', 'rate'].includes(first.field);
    return reverts ? `“${name}”的${BUDGET_FIELDS[first.field].label}恢复基线` : `修改“${name}”的${BUDGET_FIELDS[first.field].label}`;
  };
  const what = label ?? (edits.length === 1 ? single() : `修改${edits.length}个单元格`);
  applyEdits(workbook, { entity: 'line', scenarioId: model.scenario.id, edits }, reason ?? '', `${where(model)}：${what}`, {
    againstRead: true,
  });
  return linesChange(
    db,
    model.scenario.id,
    edits.map((edit) => edit.lineId),
  );
}

export const budgetLineEdits: Handler<'budget-line-edits'> = ({ scenarioId, edits, label, reason }, { workbook }) =>
  applyLineEdits(workbook, scenarioId, edits, label, reason);

export const budgetLineUpdate: Handler<'budget-line-update'> = ({ scenarioId, lineId, field, value, reason }, { workbook }) => {
  const { lines, metrics } = applyLineEdits(workbook, scenarioId, [{ lineId, field, value }], undefined, reason);
  const [line] = lines;
  if (!line) throw new WorkbenchError('internal', '保存后无法读回预算行。');
  return { line, metrics };
};

export const budgetLineRevert: Handler<'budget-line-revert'> = ({ scenarioId, lineId, field }, { workbook }) => {
  const { db, journal } = workbook;
  const model = scenarioModel(db, scenarioId);
  assertEditable(model);
  const index = lineIndex(model, lineId);
  if (model.scenario.kind !== 'scenario') throw new WorkbenchError('bad_input', '基线本身没有可恢复的调整。');
  const fields = model.overrides.filter((o) => o.lineId === lineId && (field === undefined || o.field === field));
  journal.record(`情景“${model.scenario.name}”：“${model.baseline.meta[index]?.name ?? ''}”恢复基线`, '', (recorder) => {
    for (const override of fields) {
      recorder.delete('scenario_override', { scenario_id: model.scenario.id, line_id: lineId, field: override.field });
    }
  });
  return lineChange(db, model.scenario.id, lineId);
};

/** "-5", "+3.5%", "５％" → "-5%", as a scenario cell takes it; null when it is not a percentage. */
function percentText(input: string): string | null {
  const text = input
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[%％]$/, '');
  if (!/^[+-]?\d+(\.\d+)?$/.test(text)) return null;
  return `${text}%`;
}

export const budgetScale: Handler<'budget-scale'> = ({ scenarioId, percent, lineIds, classCode, reason }, { workbook }) => {
  const { db } = workbook;
  const model = scenarioModel(db, scenarioId);
  if (model.scenario.kind !== 'scenario')
    throw new WorkbenchError('bad_input', '按比例调整请在情景中进行：基线记录的是预算本身，情景记录对它的调整。');
  if ((lineIds === undefined) === (classCode === undefined)) throw new WorkbenchError('bad_input', '请选择要调整的行，或一个功能分类。');
  const value = percentText(percent);
  if (value === null) throw new WorkbenchError('bad_input', `“${percent}”不是百分比，请填写如 -5 或 3.5（表示 -5% 或 +3.5%）。`);
  const { meta } = model.baseline;
  const ids = lineIds ?? meta.filter((line) => line.classCode === classCode).map((line) => line.id);
  if (ids.length === 0) throw new WorkbenchError('bad_input', `功能分类 ${classCode ?? ''} 下没有预算行。`);
  const scope = classCode === undefined ? `选中的${ids.length}行` : `功能分类${classCode}（${ids.length}行）`;
  const edits = ids.map((lineId) => ({ lineId, field: 'amount' as const, value }));
  return applyLineEdits(
    workbook,
    scenarioId,
    edits,
    `${scope}金额按比例调整${value.startsWith('-') ? '' : '+'}${value.replace(/^\+/, '')}`,
    reason,
  );
};

export const budgetLineAdd: Handler<'budget-line-add'> = ({ scenarioId, code, name, amount }, { workbook }) => {
  const { db, journal } = workbook;
  const model = scenarioModel(db, scenarioId);
  assertEditable(model);
  if (model.scenario.kind !== 'baseline') throw new WorkbenchError('bad_input', '新增预算行请在基线中进行；情景只记录对基线的调整。');
  const money = parseMoney(amount, 'wan');
  if (!money.ok) throw new WorkbenchError('bad_input', `金额：${money.reason}。`);
  const planned = planEdits(db, { entity: 'line', scenarioId: model.scenario.id, edits: [{ add: { code, name, amountFen: money.fen } }] });
  const [cell] = planned.cells;
  // one line added from a dialog: its refusal is the sentence itself
  if (cell && !cell.plan.ok) throw new WorkbenchError('bad_input', `${cell.plan.reason}。`);
  writeEdits(journal, `基线：新增预算行“${name.trim()}”`, '', [planned]);
  const added = cell?.plan.ok ? cell.plan.changes[0] : undefined;
  if (added?.kind !== 'insert') throw new WorkbenchError('internal', '新增后无法读回预算行。');
  return lineChange(db, model.scenario.id, Number(added.row.id));
};

export const budgetLineDelete: Handler<'budget-line-delete'> = ({ scenarioId, lineIds }, { workbook }) => {
  const { db } = workbook;
  const model = scenarioModel(db, scenarioId);
  assertEditable(model);
  if (model.scenario.kind !== 'baseline') throw new WorkbenchError('bad_input', '删除预算行请在基线中进行。');
  lineIds.forEach((lineId) => lineIndex(model, lineId));
  applyEdits(
    workbook,
    { entity: 'line', scenarioId: model.scenario.id, edits: lineIds.map((lineId) => ({ remove: lineId })) },
    '',
    `基线：删除${lineIds.length}个预算行`,
  );
  return scenarioModel(db, model.scenario.id).metrics;
};

export const budgetSettingsUpdate: Handler<'budget-settings-update'> = ({ floor, livelihoodClasses }, { workbook }) => {
  const { db, journal } = workbook;
  if (floor !== undefined && !isValidFloor(floor)) throw new WorkbenchError('bad_input', '底线比例必须大于0且小于100%。');
  const unknown = (livelihoodClasses ?? []).filter((code) => !isKnownClass(code));
  if (unknown.length > 0) throw new WorkbenchError('bad_input', `不是2017年支出功能分类的类级科目：${unknown.join('、')}。`);
  journal.record('修改民生支出口径与底线', '', (recorder) => {
    if (floor !== undefined) recorder.update('setting', { key: SETTING_FLOOR }, 'value', String(floor));
    if (livelihoodClasses !== undefined) {
      recorder.update('setting', { key: SETTING_CLASSES }, 'value', JSON.stringify([...new Set(livelihoodClasses)].sort()));
    }
  });
  return budgetSettings(db);
};

/** Which scenario the views show is a view preference, not an edit: not journaled, not undoable. */
export const scenarioSelect: Handler<'scenario-select'> = ({ scenarioId }, { workbook }) => {
  const model = scenarioModel(workbook.db, scenarioId);
  // a read-only window looks at any scenario but does not change which one the workbook opens on
  if (workbook.writeRefusal() === null) {
    showScenario(workbook.db, scenarioId);
  }
  return model.scenario;
};
