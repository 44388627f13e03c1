import type { BudgetLineField } from '../budget';
import type { Check, EditableKey, EditsMatch, FieldCatalogue } from './field-spec';

/**
 * A budget line's fields (预算 grid, its edits and 变更记录, the 预算 and 情景 sheets). Edits and the 变更记录 name
 * the figures bare (金额, 单价, 民生标记); the grid and the sheets head them with their unit (金额（万元）) or short
 * (民生). The 变更记录 has always called the 科目名称 名称; the grid's 基线（万元） is 基线金额（万元） in the 情景 sheet.
 */
export const BUDGET_FIELDS = {
  id: { label: '行ID', unit: 'integer', editable: 'never' },
  code: { label: '科目编码', column: 'code', unit: 'text', editable: 'baseline' },
  name: { label: '科目名称', historyLabel: '名称', column: 'name', unit: 'text', editable: 'baseline' },
  className: { label: '功能分类', unit: 'text', editable: 'never' },
  livelihood: { label: '民生标记', header: '民生', column: 'livelihood_override', unit: 'text', editable: 'baseline' },
  amount: { label: '金额', header: '金额（万元）', column: 'amount_fen', unit: 'wan', editable: 'undriven' },
  quantity: { label: '数量', column: 'driver_quantity', unit: 'count', editable: 'typed-quantity' },
  rate: { label: '单价', header: '单价（元）', column: 'driver_rate_fen', unit: 'yuan', editable: 'driven' },
  targetLabel: { label: '数量取自指标', column: 'driver_target_id', unit: 'text', editable: 'never' },
  taskNumber: { label: '关联任务', column: 'task_id', unit: 'integer', editable: 'baseline' },
  note: { label: '备注', column: 'note', unit: 'text', editable: 'baseline' },
  /** in a scenario: the baseline's amount beside the scenario's */
  baseAmount: { label: '基线（万元）', exportHeader: '基线金额（万元）', unit: 'wan', editable: 'never' },
  scenarioAmount: { label: '情景金额（万元）', unit: 'wan', editable: 'never' },
  change: { label: '增减（万元）', unit: 'wan', editable: 'never' },
  /** which of the line's figures the scenario adjusts, and how */
  adjustments: { label: '调整说明', unit: 'text', editable: 'never' },
} as const satisfies FieldCatalogue;

export type BudgetFieldKey = keyof typeof BUDGET_FIELDS;

/** the catalogue's editable fields are exactly the edit channel's */
export type EditableFieldsMatch = Check<EditsMatch<EditableKey<typeof BUDGET_FIELDS>, BudgetLineField>>;
