import type { BudgetLineField } from '../../shared/budget';
import { BUDGET_FIELDS } from '../../shared/fields/budget-fields';
import { accept, type EditPlan, insert, refuse, remove, type RowChange, update } from '../edits/row-changes';
import { isKnownClass } from './classification';
import { parseEdit } from './edit-input';
import { driverAmount, type OverrideField, type OverrideOp } from './model';

/**
 * What an edit of budget-line cells changes: one set of rules for the budget grid (a typed cell, a pasted block,
 * Delete, 按比例调整), adding and removing lines, and the spreadsheet import. Pure: the facts come in as lookups the
 * application answers from the workbook, row changes (or a refusal) come out, one plan per cell.
 */

/** A line of the baseline as an edit needs it. */
export interface LineFacts {
  code: string;
  name: string;
  /** amount = quantity × rate */
  hasDriver: boolean;
  amountFen: number;
  quantity: number;
  rateFen: number;
  /** the quantity is read from a plan target */
  targetId: number | null;
  targetLabel: string;
}

export interface LineEditFacts {
  /** the scenario (or baseline) the cells are edited in */
  scenario: { id: number; kind: 'baseline' | 'scenario' | 'snapshot' };
  line(lineId: number): LineFacts | undefined;
  /** whether the scenario holds an override of the line's field, before the batch */
  hasOverride(scenarioId: number, lineId: number, field: OverrideField): boolean;
  /** every scenario's overrides of a line (removing the line takes them with it) */
  overridesOfLine(lineId: number): readonly { scenarioId: number; field: OverrideField }[];
  /** the task the current plan numbers `number`, with its domain */
  taskByNumber(number: number): { id: number; domainId: number } | undefined;
  /** the id and place a line added first in this batch takes; later ones follow */
  nextLine(): { id: number; ord: number };
}

const LIVELIHOOD_WORDS: Record<string, number | null> = {
  是: 1,
  yes: 1,
  true: 1,
  '1': 1,
  民生: 1,
  '✓': 1,
  否: 0,
  no: 0,
  false: 0,
  '0': 0,
  非民生: 0,
  '': null,
  自动: null,
  auto: null,
  按分类: null,
};

const isNumericField = (field: BudgetLineField): field is OverrideField => field === 'amount' || field === 'quantity' || field === 'rate';

/** A line's code, checked: 3 to 12 digits whose first three are a class of the 2017 functional classification. */
function codeProblem(text: string, value: string): string | null {
  if (!/^\d{3,12}$/.test(text)) return `科目编码应为3到12位数字（如2050202），“${value}”不是`;
  if (!isKnownClass(text.slice(0, 3))) return `科目编码“${text}”的前三位不是2017年支出功能分类中的类级科目`;
  return null;
}

/**
 * Plans the cells of one action on one scenario or baseline. In a scenario a number sets, `+500`/`-3%` adjust
 * (relative to the baseline), and an empty cell takes the line back to the baseline; descriptive fields change
 * only in the baseline. In the baseline a driver line keeps amount = quantity × rate — with the figures this
 * batch has already planned for the line, so a pasted 数量 and 单价 of one line give their product. Overrides
 * and added lines planned earlier in the batch are seen by later cells, as if each had been written.
 */
export class LinePlanner {
  private readonly inScenario: boolean;
  private readonly drivers = new Map<number, { quantity: number; rateFen: number }>();
  private readonly overrides = new Map<string, boolean>();
  private next: { id: number; ord: number } | undefined;

  constructor(private readonly facts: LineEditFacts) {
    this.inScenario = facts.scenario.kind === 'scenario';
  }

  /** Where a cell is, as the user sees the row: "2050202 小学教育「金额」". */
  where(lineId: number, field: BudgetLineField): string {
    const line = this.facts.line(lineId);
    return `${line ? `${line.code} ${line.name}` : `预算行${lineId}`}「${BUDGET_FIELDS[field].label}」`;
  }

  /** A baseline line's descriptive field — code, name, note, livelihood flag or the task it funds. */
  private descriptive(lineId: number, field: BudgetLineField, value: string): EditPlan {
    const text = value.trim();
    const key = { id: lineId };
    switch (field) {
      case 'code': {
        const problem = codeProblem(text, value);
        return problem ? refuse(problem) : accept(update('budget_line', key, 'code', text));
      }
      case 'name':
        if (text === '') return refuse('科目名称不能为空');
        return accept(update('budget_line', key, 'name', text.slice(0, 200)));
      case 'note':
        return accept(update('budget_line', key, 'note', value.slice(0, 2000)));
      case 'livelihood': {
        const flag = LIVELIHOOD_WORDS[text.toLowerCase()];
        if (flag === undefined) return refuse(`民生标记请填“是”“否”或“自动”（按功能分类判断），“${value}”无法识别`);
        return accept(update('budget_line', key, 'livelihood_override', flag));
      }
      case 'taskNumber': {
        if (text === '') return accept(update('budget_line', key, 'task_id', null), update('budget_line', key, 'domain_id', null));
        const task = this.facts.taskByNumber(Number(text));
        if (!task) return refuse(`计划中没有编号为“${value}”的任务`);
        return accept(update('budget_line', key, 'task_id', task.id), update('budget_line', key, 'domain_id', task.domainId));
      }
      default:
        return refuse(`“${BUDGET_FIELDS[field].label}”不是描述字段`);
    }
  }

  private hasOverride(scenarioId: number, lineId: number, field: OverrideField): boolean {
    return this.overrides.get(`${scenarioId}:${lineId}:${field}`) ?? this.facts.hasOverride(scenarioId, lineId, field);
  }

  /** Sets (or replaces) one override; an override that restates the baseline is removed instead. */
  override(scenarioId: number, lineId: number, field: OverrideField, op: OverrideOp, value: number, baselineValue: number): RowChange[] {
    const key = { scenario_id: scenarioId, line_id: lineId, field };
    const existing = this.hasOverride(scenarioId, lineId, field);
    const isNoChange = (op === 'set' && value === baselineValue) || (op !== 'set' && value === 0);
    this.overrides.set(`${scenarioId}:${lineId}:${field}`, !isNoChange);
    if (isNoChange) return existing ? [remove('scenario_override', key)] : [];
    if (existing) return [update('scenario_override', key, 'op', op), update('scenario_override', key, 'value', value)];
    return [insert('scenario_override', { ...key, op, value })];
  }

  /** Takes one field of a line back to the baseline in a scenario (nothing to do when it is not overridden). */
  private revert(scenarioId: number, lineId: number, field: OverrideField): RowChange[] {
    const existing = this.hasOverride(scenarioId, lineId, field);
    this.overrides.set(`${scenarioId}:${lineId}:${field}`, false);
    return existing ? [remove('scenario_override', { scenario_id: scenarioId, line_id: lineId, field })] : [];
  }

  /** One cell of an existing line. */
  cell(lineId: number, field: BudgetLineField, text: string): EditPlan {
    const line = this.facts.line(lineId);
    if (!line) return refuse('预算行不存在，可能已被删除，请刷新');
    if (!isNumericField(field)) {
      if (this.inScenario) return refuse('情景中只能调整金额、数量和单价；科目编码、名称、民生标记等请在基线中修改');
      return this.descriptive(lineId, field, text);
    }
    if (field !== 'amount' && !line.hasDriver) return refuse('该行没有“数量×单价”的测算方式，请直接修改金额');
    const scenarioId = this.facts.scenario.id;
    if (this.inScenario && text.trim() === '') return accept(...this.revert(scenarioId, lineId, field));
    const parsed = parseEdit(text, field, this.inScenario);
    if (!parsed.ok) return refuse(parsed.reason);
    if (this.inScenario) {
      const baselineValue = field === 'amount' ? line.amountFen : field === 'quantity' ? line.quantity : line.rateFen;
      return accept(...this.override(scenarioId, lineId, field, parsed.op, parsed.value, baselineValue));
    }
    const key = { id: lineId };
    if (field === 'amount') {
      if (line.hasDriver) return refuse('该行金额由“数量×单价”计算，请修改数量或单价');
      return accept(update('budget_line', key, 'amount_fen', parsed.value));
    }
    if (field === 'quantity' && line.targetId !== null) {
      return refuse(`该行数量取自计划指标“${line.targetLabel}”，请在指标表中修改该指标`);
    }
    const before = this.drivers.get(lineId) ?? { quantity: line.quantity, rateFen: line.rateFen };
    const after = field === 'quantity' ? { ...before, quantity: parsed.value } : { ...before, rateFen: parsed.value };
    this.drivers.set(lineId, after);
    return accept(
      update('budget_line', key, field === 'quantity' ? 'driver_quantity' : 'driver_rate_fen', parsed.value),
      update('budget_line', key, 'amount_fen', driverAmount(after.quantity, after.rateFen)),
    );
  }

  /** A line added to the baseline: its code and name checked like the cells', the problems together. */
  add(code: string, name: string, amountFen: number): EditPlan {
    if (this.facts.scenario.kind !== 'baseline') return refuse('新增预算行请在基线中进行；情景只记录对基线的调整');
    const codeText = code.trim();
    const nameText = name.trim();
    const problems = [codeProblem(codeText, code), nameText === '' ? '科目名称不能为空' : null].filter((p): p is string => p !== null);
    if (problems.length > 0) return refuse(problems.join('；'));
    this.next ??= this.facts.nextLine();
    const { id, ord } = this.next;
    this.next = { id: id + 1, ord: ord + 1 };
    return accept(
      insert('budget_line', {
        id,
        baseline_id: this.facts.scenario.id,
        ord,
        code: codeText,
        name: nameText.slice(0, 200),
        amount_fen: amountFen,
        note: '',
      }),
    );
  }

  /**
   * A scenario's amounts for baseline lines (the round-trip import's 情景 sheets): set in an existing scenario (an
   * amount equal to the baseline's takes the line back to it), or the overrides of a scenario created with them.
   */
  scenarioAmounts(
    into: { scenarioId: number } | { created: NewScenario },
    amounts: readonly { lineId: number; amountFen: number }[],
  ): EditPlan {
    const changes: RowChange[] = [];
    for (const { lineId, amountFen } of amounts) {
      const line = this.facts.line(lineId);
      if (!line) return refuse(`预算行不存在（编号 ${lineId}），可能已被删除，请刷新`);
      if ('scenarioId' in into) changes.push(...this.override(into.scenarioId, lineId, 'amount', 'set', amountFen, line.amountFen));
    }
    if ('created' in into)
      return accept(
        ...scenarioRows(
          into.created,
          amounts.map((a) => ({ lineId: a.lineId, field: 'amount' as const, op: 'set' as const, value: a.amountFen })),
        ),
      );
    return accept(...changes);
  }

  /** Deletes a baseline line and every scenario's override of it (undo restores them all). */
  removal(lineId: number): EditPlan {
    if (!this.facts.line(lineId)) return refuse('预算行不存在，可能已被删除，请刷新');
    return accept(
      ...this.facts
        .overridesOfLine(lineId)
        .map((o) => remove('scenario_override', { scenario_id: o.scenarioId, line_id: lineId, field: o.field })),
      remove('budget_line', { id: lineId }),
    );
  }
}

/** A scenario created by an action (an import's 情景 sheet, goal seek, a split), with its overrides. */
export interface NewScenario {
  id: number;
  name: string;
  baselineId: number;
  note: string;
  createdAt: string;
}

export function scenarioRows(
  scenario: NewScenario,
  overrides: readonly { lineId: number; field: OverrideField; op: OverrideOp; value: number }[],
): RowChange[] {
  const { id, name, baselineId, note, createdAt } = scenario;
  return [
    insert('scenario', { id, name, kind: 'scenario', baseline_id: baselineId, locked: 0, is_example: 0, note, created_at: createdAt }),
    ...overrides.map((o) => insert('scenario_override', { scenario_id: id, line_id: o.lineId, field: o.field, op: o.op, value: o.value })),
  ];
}
