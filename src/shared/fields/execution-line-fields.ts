import type { ExecutionEntryField } from '../execution';
import type { Check, EditableKey, EditsMatch, FieldCatalogue } from './field-spec';

/**
 * A hand-entered execution line's fields (the entry grid, its refusals and 变更记录). The grid heads the money
 * columns short (年初预算), a refused edit names them in full (年初预算数), and the 变更记录 has always named the stored
 * column, in 分 (年初预算（分）). The analysis grid's figures (预算数, 累计支出, 执行率…) are computed, not fields.
 */
export const EXECUTION_LINE_FIELDS = {
  code: { label: '科目编码', column: 'code', unit: 'text', editable: 'always' },
  name: { label: '科目名称', historyLabel: '名称', column: 'name', unit: 'text', editable: 'always' },
  initialBudget: {
    label: '年初预算数',
    header: '年初预算',
    historyLabel: '年初预算（分）',
    column: 'initial_budget_fen',
    unit: 'wan',
    editable: 'always',
  },
  adjustedBudget: {
    label: '调整预算数',
    header: '调整预算',
    historyLabel: '调整预算（分）',
    column: 'adjusted_budget_fen',
    unit: 'wan',
    editable: 'always',
  },
  month: { label: '本月数', header: '本月', historyLabel: '本月数（分）', column: 'month_fen', unit: 'wan', editable: 'always' },
  cumulative: { label: '累计数', header: '累计', historyLabel: '累计数（分）', column: 'cumulative_fen', unit: 'wan', editable: 'always' },
  note: { label: '备注', column: 'note', unit: 'text', editable: 'always' },
} as const satisfies FieldCatalogue;

export type ExecutionLineFieldKey = keyof typeof EXECUTION_LINE_FIELDS;

/** the catalogue's editable fields are exactly the edit channel's */
export type EditableFieldsMatch = Check<EditsMatch<EditableKey<typeof EXECUTION_LINE_FIELDS>, ExecutionEntryField>>;
