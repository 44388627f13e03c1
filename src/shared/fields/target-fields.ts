import type { TargetEditableField } from '../grid';
import type { Check, EditableKey, EditsMatch, FieldCatalogue } from './field-spec';

/**
 * A target's fields (指标 grid, its edits and 变更记录, the 指标 sheet, the org packet, the 督办 report).
 * The printed report says 目标/实际/状态 and names the 责任单位 as the 牵头单位, the packet calls the note 进展说明:
 * those words are kept beside the label.
 */
export const TARGET_FIELDS = {
  id: { label: '指标ID', unit: 'integer', editable: 'never' },
  taskNumber: { label: '任务编号', unit: 'integer', editable: 'never' },
  /** the task a target belongs to (the grid shows its number with it) */
  taskTitle: { label: '任务', unit: 'text', editable: 'never' },
  domainName: { label: '领域', unit: 'text', editable: 'never' },
  label: { label: '指标', column: 'label', unit: 'text', editable: 'always' },
  comparator: { label: '比较', column: 'comparator', unit: 'text', editable: 'always' },
  /** as written: a range reads 1~2, a relative target 较2016年提高3% */
  value: { label: '目标值', reportHeader: '目标', column: 'value', unit: 'written', editable: 'always' },
  unit: { label: '单位', column: 'unit', unit: 'text', editable: 'never' },
  baseline: { label: '基期值', column: 'baseline', unit: 'written', editable: 'always' },
  actual: { label: '实际值', reportHeader: '实际', column: 'actual', unit: 'written', editable: 'unlinked' },
  completion: { label: '完成率', unit: 'ratio', editable: 'never' },
  progress: { label: '进度状态', reportHeader: '状态', unit: 'text', editable: 'never' },
  dueDate: { label: '截止日期', column: 'due_date', unit: 'text', editable: 'always' },
  leadOrgs: { label: '责任单位', reportHeader: '牵头单位', unit: 'list', editable: 'never' },
  note: { label: '备注', packetHeader: '进展说明', column: 'note', unit: 'text', editable: 'always' },
  sourceText: { label: '原文', unit: 'text', editable: 'never' },
} as const satisfies FieldCatalogue;

export type TargetFieldKey = keyof typeof TARGET_FIELDS;

/** the catalogue's editable fields are exactly the edit channel's */
export type EditableFieldsMatch = Check<EditsMatch<EditableKey<typeof TARGET_FIELDS>, TargetEditableField>>;
