import { isKnownClass } from '../../core/budget/classification';
import { parseEdit } from '../../core/budget/edit-input';
import { driverAmount, type OverrideField } from '../../core/budget/model';
import type { BudgetLineField } from '../../shared/budget';
import { BUDGET_FIELDS } from '../../shared/fields/budget-fields';
import { WorkbenchError } from '../../shared/result';
import type { ScenarioModel } from '../store/budget-repository';
import type { Db } from '../store/connection';
import type { Recorder } from '../store/journal';
import { defaultPlanId } from '../store/plan-repository';
import { taskByNumber } from '../store/task-repository';
import { overridesOfLine } from '../store/scenario-repository';
import { putOverride, removeOverride } from '../store/scenario-writer';
import { accept, type CellEdit, type CellPlan, refuse } from './cell-edits';

/**
 * Checking and writing budget-line cells: one set of rules for the budget grid (a typed cell, a pasted block,
 * Delete, ↺ 恢复基线, 按比例调整) and for the spreadsheet import. Every cell is planned before anything is written.
 */

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

/** A baseline line's descriptive field — code, name, note, livelihood flag or the task it funds — checked first. */
export function planDescriptiveField(db: Db, lineId: number, field: BudgetLineField, value: string): CellPlan {
  const text = value.trim();
  const key = { id: lineId };
  switch (field) {
    case 'code':
      if (!/^\d{3,12}$/.test(text)) return refuse(`科目编码应为3到12位数字（如2050202），“${value}”不是`);
      if (!isKnownClass(text.slice(0, 3))) return refuse(`科目编码“${text}”的前三位不是2017年支出功能分类中的类级科目`);
      return accept((r) => r.update('budget_line', key, 'code', text));
    case 'name':
      if (text === '') return refuse('科目名称不能为空');
      return accept((r) => r.update('budget_line', key, 'name', text.slice(0, 200)));
    case 'note':
      return accept((r) => r.update('budget_line', key, 'note', value.slice(0, 2000)));
    case 'livelihood': {
      const flag = LIVELIHOOD_WORDS[text.toLowerCase()];
      if (flag === undefined) return refuse(`民生标记请填“是”“否”或“自动”（按功能分类判断），“${value}”无法识别`);
      return accept((r) => r.update('budget_line', key, 'livelihood_override', flag));
    }
    case 'taskNumber': {
      if (text === '') {
        return accept((r) => {
          r.update('budget_line', key, 'task_id', null);
          r.update('budget_line', key, 'domain_id', null);
        });
      }
      const task = taskByNumber(db, defaultPlanId(db), Number(text));
      if (!task) return refuse(`计划中没有编号为“${value}”的任务`);
      return accept((r) => {
        r.update('budget_line', key, 'task_id', task.id);
        r.update('budget_line', key, 'domain_id', task.domainId);
      });
    }
    default:
      return refuse(`“${BUDGET_FIELDS[field].label}”不是描述字段`);
  }
}

/** Writes a descriptive field at once (a line being added); throws the refusal. */
export function writeDescriptiveField(db: Db, recorder: Recorder, lineId: number, field: BudgetLineField, value: string): void {
  const plan = planDescriptiveField(db, lineId, field, value);
  if (!plan.ok) throw new WorkbenchError('bad_input', `${plan.message}。`);
  plan.write(recorder);
}

const isNumericField = (field: BudgetLineField): field is OverrideField => field === 'amount' || field === 'quantity' || field === 'rate';

/**
 * Plans the cells of one action on one scenario or baseline. In a scenario a number sets, `+500`/`-3%` adjust
 * (relative to the baseline), and an empty cell takes the line back to the baseline; descriptive fields change
 * only in the baseline. In the baseline a driver line keeps amount = quantity × rate — with the figures this
 * batch has already planned for the line, so a pasted 数量 and 单价 of one line give their product.
 */
export class LineEditPlanner {
  private readonly inScenario: boolean;
  private readonly drivers = new Map<number, { quantity: number; rateFen: number }>();

  constructor(
    private readonly db: Db,
    private readonly model: ScenarioModel,
  ) {
    this.inScenario = model.scenario.kind === 'scenario';
  }

  /** Where a cell is, as the user sees the row: "2050202 小学教育「金额」". */
  where(lineId: number, field: BudgetLineField): string {
    const index = this.model.baseline.indexById.get(lineId);
    const meta = index === undefined ? undefined : this.model.baseline.meta[index];
    return `${meta ? `${meta.code} ${meta.name}` : `预算行${lineId}`}「${BUDGET_FIELDS[field].label}」`;
  }

  plan(lineId: number, field: BudgetLineField, text: string): CellPlan {
    const index = this.model.baseline.indexById.get(lineId);
    if (index === undefined) return refuse('预算行不存在，可能已被删除，请刷新');
    if (!isNumericField(field)) {
      if (this.inScenario) return refuse('情景中只能调整金额、数量和单价；科目编码、名称、民生标记等请在基线中修改');
      return planDescriptiveField(this.db, lineId, field, text);
    }
    const { arrays, meta } = this.model.baseline;
    const hasDriver = arrays.hasDriver[index] === 1;
    if (field !== 'amount' && !hasDriver) return refuse('该行没有“数量×单价”的测算方式，请直接修改金额');
    const scenarioId = this.model.scenario.id;
    if (this.inScenario && text.trim() === '') return accept((r) => removeOverride(this.db, r, scenarioId, lineId, field));
    const parsed = parseEdit(text, field, this.inScenario);
    if (!parsed.ok) return refuse(parsed.reason);
    if (this.inScenario) {
      const baselineValue = (field === 'amount' ? arrays.amountFen[index] : field === 'quantity' ? arrays.quantity[index] : arrays.rateFen[index]) ?? 0;
      return accept((r) => putOverride(this.db, r, scenarioId, lineId, field, parsed.op, parsed.value, baselineValue));
    }
    const key = { id: lineId };
    if (field === 'amount') {
      if (hasDriver) return refuse('该行金额由“数量×单价”计算，请修改数量或单价');
      return accept((r) => r.update('budget_line', key, 'amount_fen', parsed.value));
    }
    if (field === 'quantity' && meta[index]?.targetId !== null) {
      return refuse(`该行数量取自计划指标“${meta[index]?.targetLabel ?? ''}”，请在指标表中修改该指标`);
    }
    const before = this.drivers.get(lineId) ?? { quantity: arrays.quantity[index] ?? 0, rateFen: arrays.rateFen[index] ?? 0 };
    const after = field === 'quantity' ? { ...before, quantity: parsed.value } : { ...before, rateFen: parsed.value };
    this.drivers.set(lineId, after);
    return accept((r) => {
      r.update('budget_line', key, field === 'quantity' ? 'driver_quantity' : 'driver_rate_fen', parsed.value);
      r.update('budget_line', key, 'amount_fen', driverAmount(after.quantity, after.rateFen));
    });
  }

  /** The cells of a batch, each named as the user sees its row. */
  cells(edits: readonly { lineId: number; field: BudgetLineField; value: string }[]): CellEdit[] {
    return edits.map((edit) => ({ where: this.where(edit.lineId, edit.field), text: edit.value, plan: this.plan(edit.lineId, edit.field, edit.value) }));
  }
}

/** Deletes a baseline line and every scenario's override of it, each recorded so undo restores them. */
export function removeLine(db: Db, recorder: Recorder, lineId: number): void {
  for (const o of overridesOfLine(db, lineId)) recorder.delete('scenario_override', { scenario_id: o.scenarioId, line_id: lineId, field: o.field });
  recorder.delete('budget_line', { id: lineId });
}
