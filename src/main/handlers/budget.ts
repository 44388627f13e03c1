import { isKnownClass } from '../../core/budget/classification';
import { parseEdit } from '../../core/budget/edit-input';
import { lineIndex, removeLine, writeBaselineNumber, writeDescriptiveField } from '../edits/budget-edits';
import { isValidFloor } from '../../core/budget/floor';
import { parseMoney } from '../../core/budget/money';
import type { OverrideField } from '../../core/budget/model';
import type { BudgetLineField } from '../../shared/budget';
import { WorkbenchError } from '../../shared/result';
import {
  budgetSettings,
  currentScenarioId,
  lineRows,
  listScenarios,
  scenarioModel,
  scenarioModelAfterLineEdit,
  SETTING_CLASSES,
  SETTING_CURRENT,
  SETTING_FLOOR,

} from '../store/budget-repository';
import { assertEditable, nextId, putOverride } from '../store/scenario-writer';
import type { Handler } from './context';
import type { Db } from '../store/connection';

export const FIELD_LABELS: Record<BudgetLineField, string> = {
  amount: '金额',
  quantity: '数量',
  rate: '单价',
  code: '科目编码',
  name: '科目名称',
  livelihood: '民生标记',
  taskNumber: '关联任务',
  note: '备注',
};

function resolveScenarioId(db: Db, scenarioId: number | undefined): number {
  const id = scenarioId ?? currentScenarioId(db);
  if (id === null) throw new WorkbenchError('not_found', '工作簿中还没有预算基线。');
  return id;
}

function lineChange(db: Db, scenarioId: number, lineId: number) {
  const model = scenarioModelAfterLineEdit(db, scenarioId, lineId);
  const [line] = lineRows(model, lineId);
  if (!line) throw new WorkbenchError('internal', '保存后无法读回预算行。');
  return { line, metrics: model.metrics };
}

export const budgetView: Handler<'budget-view'> = ({ scenarioId }, { workbook }) => {
  const model = scenarioModel(workbook.db, resolveScenarioId(workbook.db, scenarioId));
  return {
    scenario: model.scenario,
    scenarios: listScenarios(workbook.db),
    settings: model.settings,
    lines: lineRows(model),
    metrics: model.metrics,
  };
};

export const budgetMetrics: Handler<'budget-metrics'> = ({ scenarioId }, { workbook }) => {
  const model = scenarioModel(workbook.db, resolveScenarioId(workbook.db, scenarioId));
  return { scenario: model.scenario, metrics: model.metrics, settings: model.settings };
};

const NUMERIC_FIELDS: readonly string[] = ['amount', 'quantity', 'rate'];

export const budgetLineUpdate: Handler<'budget-line-update'> = ({ scenarioId, lineId, field, value, reason }, { workbook }) => {
  const { db, journal } = workbook;
  const model = scenarioModel(db, scenarioId);
  assertEditable(model);
  const index = lineIndex(model, lineId);
  const inScenario = model.scenario.kind === 'scenario';
  const label = `${inScenario ? `情景“${model.scenario.name}”` : '基线'}：修改“${model.baseline.meta[index]?.name ?? ''}”的${FIELD_LABELS[field]}`;

  if (NUMERIC_FIELDS.includes(field)) {
    const numericField = field as OverrideField;
    const parsed = parseEdit(value, numericField, inScenario);
    if (!parsed.ok) throw new WorkbenchError('bad_input', `${FIELD_LABELS[field]}：${parsed.reason}。`);
    if (numericField !== 'amount' && model.baseline.arrays.hasDriver[index] !== 1) {
      throw new WorkbenchError('bad_input', '该行没有“数量×单价”的测算方式，请直接修改金额。');
    }
    journal.record(label, reason ?? '', (recorder) => {
      if (inScenario) {
        const { arrays } = model.baseline;
        const baselineValue =
          numericField === 'amount' ? arrays.amountFen[index] : numericField === 'quantity' ? arrays.quantity[index] : arrays.rateFen[index];
        putOverride(db, recorder, model.scenario.id, lineId, numericField, parsed.op, parsed.value, baselineValue ?? 0);
      } else {
        writeBaselineNumber(model, recorder, lineId, numericField, parsed.value);
      }
    });
  } else {
    if (inScenario) throw new WorkbenchError('bad_input', '情景中只能调整金额、数量和单价；科目编码、名称、民生标记等请在基线中修改。');
    journal.record(label, reason ?? '', (recorder) => writeDescriptiveField(db, recorder, lineId, field, value));
  }
  return lineChange(db, model.scenario.id, lineId);
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

export const budgetLineAdd: Handler<'budget-line-add'> = ({ scenarioId, code, name, amount }, { workbook }) => {
  const { db, journal } = workbook;
  const model = scenarioModel(db, scenarioId);
  assertEditable(model);
  if (model.scenario.kind !== 'baseline') throw new WorkbenchError('bad_input', '新增预算行请在基线中进行；情景只记录对基线的调整。');
  const money = parseMoney(amount, 'wan');
  if (!money.ok) throw new WorkbenchError('bad_input', `金额：${money.reason}。`);
  const id = nextId(db, 'budget_line');
  const ord = model.baseline.meta.reduce((max, meta) => Math.max(max, meta.ord), -1) + 1;
  journal.record(`基线：新增预算行“${name.trim()}”`, '', (recorder) => {
    recorder.insert('budget_line', { id, baseline_id: model.scenario.id, ord, code: '201', name: '（新行）', amount_fen: money.fen, note: '' });
    writeDescriptiveField(db, recorder, id, 'code', code);
    writeDescriptiveField(db, recorder, id, 'name', name);
  });
  return lineChange(db, model.scenario.id, id);
};

export const budgetLineDelete: Handler<'budget-line-delete'> = ({ scenarioId, lineIds }, { workbook }) => {
  const { db, journal } = workbook;
  const model = scenarioModel(db, scenarioId);
  assertEditable(model);
  if (model.scenario.kind !== 'baseline') throw new WorkbenchError('bad_input', '删除预算行请在基线中进行。');
  lineIds.forEach((lineId) => lineIndex(model, lineId));
  journal.record(`基线：删除${lineIds.length}个预算行`, '', (recorder) => {
    for (const lineId of lineIds) removeLine(db, recorder, lineId);
  });
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
    workbook.db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(SETTING_CURRENT, String(scenarioId));
  }
  return model.scenario;
};
