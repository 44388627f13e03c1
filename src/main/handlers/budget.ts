import { isKnownClass } from '../../core/budget/classification';
import { parseEdit } from '../../core/budget/edit-input';
import { isValidFloor } from '../../core/budget/floor';
import { parseMoney } from '../../core/budget/money';
import { driverAmount, type OverrideField } from '../../core/budget/model';
import type { BudgetLineField } from '../../shared/budget';
import { WorkbenchError } from '../../shared/result';
import {
  budgetSettings,
  currentScenarioId,
  lineRows,
  listScenarios,
  scenarioModel,
  SETTING_CLASSES,
  SETTING_CURRENT,
  SETTING_FLOOR,
  type ScenarioModel,
} from '../store/budget-repository';
import type { Recorder } from '../store/journal';
import { defaultPlanId } from '../store/plan-repository';
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

function lineIndex(model: ScenarioModel, lineId: number): number {
  const index = model.baseline.indexById.get(lineId);
  if (index === undefined) throw new WorkbenchError('not_found', `预算行不存在（编号 ${lineId}），可能已被删除，请刷新。`);
  return index;
}

function lineChange(db: Db, scenarioId: number, lineId: number) {
  const model = scenarioModel(db, scenarioId);
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

const LIVELIHOOD_WORDS: Record<string, number | null> = {
  是: 1, yes: 1, true: 1, '1': 1, 民生: 1, '✓': 1,
  否: 0, no: 0, false: 0, '0': 0, 非民生: 0,
  '': null, 自动: null, auto: null, 按分类: null,
};

/** A baseline line's descriptive field: code, name, note, livelihood flag or the task it funds. */
function writeDescriptiveField(db: Db, recorder: Recorder, lineId: number, field: BudgetLineField, value: string): void {
  const text = value.trim();
  switch (field) {
    case 'code':
      if (!/^\d{3,12}$/.test(text)) throw new WorkbenchError('bad_input', `科目编码应为3到12位数字（如2050202），“${value}”不是。`);
      if (!isKnownClass(text.slice(0, 3))) {
        throw new WorkbenchError('bad_input', `科目编码“${text}”的前三位不是2017年支出功能分类中的类级科目。`);
      }
      recorder.update('budget_line', { id: lineId }, 'code', text);
      return;
    case 'name':
      if (text === '') throw new WorkbenchError('bad_input', '科目名称不能为空。');
      recorder.update('budget_line', { id: lineId }, 'name', text.slice(0, 200));
      return;
    case 'note':
      recorder.update('budget_line', { id: lineId }, 'note', value.slice(0, 2000));
      return;
    case 'livelihood': {
      const flag = LIVELIHOOD_WORDS[text.toLowerCase()];
      if (flag === undefined) throw new WorkbenchError('bad_input', `民生标记请填“是”“否”或“自动”（按功能分类判断），“${value}”无法识别。`);
      recorder.update('budget_line', { id: lineId }, 'livelihood_override', flag);
      return;
    }
    case 'taskNumber': {
      if (text === '') {
        recorder.update('budget_line', { id: lineId }, 'task_id', null);
        recorder.update('budget_line', { id: lineId }, 'domain_id', null);
        return;
      }
      const planId = defaultPlanId(db);
      const task = db.prepare('SELECT id, domain_id AS domainId FROM task WHERE plan_id = ? AND number = ?').get(planId, Number(text)) as
        | { id: number; domainId: number }
        | undefined;
      if (!task) throw new WorkbenchError('bad_input', `计划中没有编号为“${value}”的任务。`);
      recorder.update('budget_line', { id: lineId }, 'task_id', task.id);
      recorder.update('budget_line', { id: lineId }, 'domain_id', task.domainId);
      return;
    }
    default:
      throw new Error(`not a descriptive field: ${field}`);
  }
}

/** amount / quantity / rate in the baseline itself: driver lines keep amount = quantity × rate. */
function writeBaselineNumber(model: ScenarioModel, recorder: Recorder, lineId: number, field: OverrideField, value: number): void {
  const index = lineIndex(model, lineId);
  const { arrays, meta } = model.baseline;
  const hasDriver = arrays.hasDriver[index] === 1;
  if (field === 'amount') {
    if (hasDriver) throw new WorkbenchError('bad_input', '该行金额由“数量×单价”计算，请修改数量或单价。');
    recorder.update('budget_line', { id: lineId }, 'amount_fen', value);
    return;
  }
  if (!hasDriver) throw new WorkbenchError('bad_input', '该行没有“数量×单价”的测算方式，请直接修改金额。');
  if (field === 'quantity' && meta[index]?.targetId !== null) {
    throw new WorkbenchError('bad_input', `该行数量取自计划指标“${meta[index]?.targetLabel ?? ''}”，请在指标表中修改该指标。`);
  }
  const quantity = field === 'quantity' ? value : (arrays.quantity[index] ?? 0);
  const rate = field === 'rate' ? value : (arrays.rateFen[index] ?? 0);
  if (field === 'quantity') recorder.update('budget_line', { id: lineId }, 'driver_quantity', value);
  else recorder.update('budget_line', { id: lineId }, 'driver_rate_fen', value);
  recorder.update('budget_line', { id: lineId }, 'amount_fen', driverAmount(quantity, rate));
}

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
    for (const lineId of lineIds) {
      const overrides = db.prepare('SELECT scenario_id, field FROM scenario_override WHERE line_id = ?').all(lineId) as {
        scenario_id: number;
        field: string;
      }[];
      for (const o of overrides) recorder.delete('scenario_override', { scenario_id: o.scenario_id, line_id: lineId, field: o.field });
      recorder.delete('budget_line', { id: lineId });
    }
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
  workbook.db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(SETTING_CURRENT, String(scenarioId));
  return model.scenario;
};
