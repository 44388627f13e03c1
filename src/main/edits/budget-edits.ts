import { isKnownClass } from '../../core/budget/classification';
import { driverAmount, type OverrideField } from '../../core/budget/model';
import type { BudgetLineField } from '../../shared/budget';
import { WorkbenchError } from '../../shared/result';
import type { ScenarioModel } from '../store/budget-repository';
import type { Db } from '../store/connection';
import type { Recorder } from '../store/journal';
import { defaultPlanId } from '../store/plan-repository';

/** Writing one budget-line field in a baseline: shared by the budget grid and spreadsheet import. */

export function lineIndex(model: ScenarioModel, lineId: number): number {
  const index = model.baseline.indexById.get(lineId);
  if (index === undefined) throw new WorkbenchError('not_found', `预算行不存在（编号 ${lineId}），可能已被删除，请刷新。`);
  return index;
}

const LIVELIHOOD_WORDS: Record<string, number | null> = {
  是: 1, yes: 1, true: 1, '1': 1, 民生: 1, '✓': 1,
  否: 0, no: 0, false: 0, '0': 0, 非民生: 0,
  '': null, 自动: null, auto: null, 按分类: null,
};

/** A baseline line's descriptive field: code, name, note, livelihood flag or the task it funds. */
export function writeDescriptiveField(db: Db, recorder: Recorder, lineId: number, field: BudgetLineField, value: string): void {
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
export function writeBaselineNumber(model: ScenarioModel, recorder: Recorder, lineId: number, field: OverrideField, value: number): void {
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


/** Deletes a baseline line and every scenario's override of it, each recorded so undo restores them. */
export function removeLine(db: Db, recorder: Recorder, lineId: number): void {
  const overrides = db.prepare('SELECT scenario_id, field FROM scenario_override WHERE line_id = ?').all(lineId) as { scenario_id: number; field: string }[];
  for (const o of overrides) recorder.delete('scenario_override', { scenario_id: o.scenario_id, line_id: lineId, field: o.field });
  recorder.delete('budget_line', { id: lineId });
}
