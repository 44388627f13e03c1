import type { TaskEditableField } from '../contract';
import type { Check, EditableKey, EditsMatch, FieldCatalogue } from './field-spec';

/**
 * A task's fields (任务 grid, its edits and 变更记录, the 任务 sheet, the 分工 report). The grid shows the body as
 * 内容摘要, the sheet has always called it 内容; the printed 分工表 numbers tasks under 序号.
 */
export const TASK_FIELDS = {
  number: { label: '编号', reportHeader: '序号', unit: 'integer', editable: 'never' },
  domainName: { label: '领域', unit: 'text', editable: 'never' },
  title: { label: '任务', column: 'title', unit: 'text', editable: 'always' },
  body: { label: '内容摘要', exportHeader: '内容', unit: 'text', editable: 'never' },
  leadOrgs: { label: '牵头单位', unit: 'list', editable: 'always' },
  coOrgs: { label: '配合单位', unit: 'list', editable: 'always' },
  targetCount: { label: '指标数', unit: 'integer', editable: 'never' },
  targetsMet: { label: '已达成', unit: 'integer', editable: 'never' },
  /** the worst light of the task's targets */
  progress: { label: '进度', unit: 'text', editable: 'never' },
  progressNote: { label: '完成情况', column: 'progress_note', unit: 'text', editable: 'always' },
  status: { label: '状态', column: 'status', unit: 'text', editable: 'always' },
  remark: { label: '备注', column: 'remark', unit: 'text', editable: 'always' },
} as const satisfies FieldCatalogue;

export type TaskFieldKey = keyof typeof TASK_FIELDS;

/** the catalogue's editable fields are exactly the edit channel's */
export type EditableFieldsMatch = Check<EditsMatch<EditableKey<typeof TASK_FIELDS>, TaskEditableField>>;
