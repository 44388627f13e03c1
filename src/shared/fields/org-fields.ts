import type { OrgEditableField } from '../grid';
import type { Check, EditableKey, EditsMatch, FieldCatalogue } from './field-spec';

/**
 * A 责任单位's fields (the grid, its edits and 变更记录, the 责任单位 sheet). The 变更记录 has always called a
 * renamed org's field 名称.
 */
export const ORG_FIELDS = {
  id: { label: '单位ID', unit: 'integer', editable: 'never' },
  name: { label: '单位', historyLabel: '名称', column: 'name', unit: 'text', editable: 'always' },
  aliases: { label: '别名', unit: 'list', editable: 'always' },
  contact: { label: '联系人', column: 'contact', unit: 'text', editable: 'always' },
  phone: { label: '电话', column: 'phone', unit: 'text', editable: 'always' },
  leadCount: { label: '牵头任务数', unit: 'integer', editable: 'never' },
  coCount: { label: '配合任务数', unit: 'integer', editable: 'never' },
  /** targets of the tasks it leads: met / all */
  targets: { label: '牵头指标（达成/总数）', unit: 'text', editable: 'never' },
  /** of those, behind schedule: yellow / red */
  late: { label: '滞后（黄/红）', unit: 'text', editable: 'never' },
} as const satisfies FieldCatalogue;

export type OrgFieldKey = keyof typeof ORG_FIELDS;

/** the catalogue's editable fields are exactly the edit channel's */
export type EditableFieldsMatch = Check<EditsMatch<EditableKey<typeof ORG_FIELDS>, OrgEditableField>>;
