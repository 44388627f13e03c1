import { WorkbenchError } from '../../shared/result';
import type { Db } from '../store/connection';
import type { Recorder } from '../store/journal';
import { nextId } from '../store/ids';
import { OWNED_COLUMN, type OwnerTable, ownerRole, rolesOfUnit } from '../store/owner-repository';
import { findUnitId, getUnit, listUnits, unitAliases, unitNames } from '../store/unit-repository';
import { applyCellEdits, batchLabel, refuse } from '../edits/cell-edits';
import { planUnitEdit } from '../edits/unit-edits';
import { UNIT_FIELDS } from '../../shared/fields/unit-fields';
import type { Handler } from './context';

export const unitList: Handler<'unit-list'> = (_input, { workbook }) => listUnits(workbook.db);

export const unitUpdate: Handler<'unit-update'> = ({ edits, reason, label }, { workbook }) => {
  const { db, journal } = workbook;
  const names = unitNames(db);
  const cells = edits.map((edit) => ({
    where: `单位“${names.get(edit.unitId) ?? edit.unitId}”「${UNIT_FIELDS[edit.field].label}」`,
    text: edit.value,
    plan: names.has(edit.unitId) ? planUnitEdit(db, edit.unitId, edit.field, edit.value) : refuse('单位不存在，可能已被合并或删除，请刷新'),
  }));
  const first = edits[0];
  applyCellEdits(journal, batchLabel(label, () => `修改单位“${names.get(first?.unitId ?? 0) ?? ''}”的${first ? UNIT_FIELDS[first.field].label : ''}`, edits.length), reason ?? '', cells);
  return listUnits(db, [...new Set(edits.map((e) => e.unitId))]);
};

export const unitAdd: Handler<'unit-add'> = ({ name }, { workbook }) => {
  const { db, journal } = workbook;
  const value = name.trim();
  if (value === '') throw new WorkbenchError('bad_input', '单位名称不能为空。');
  if (findUnitId(db, value) !== null) throw new WorkbenchError('conflict', `已有名为“${value}”的单位（或别名）。`);
  const id = nextId(db, 'unit');
  journal.record(`新增单位“${value}”`, '', (recorder) => recorder.insert('unit', { id, name: value, contact: '', phone: '' }));
  const [row] = listUnits(db, [id]);
  if (!row) throw new WorkbenchError('internal', '新增后无法读回单位。');
  return row;
};

/** Moves one unit's roles onto another; where both hold a role on the same item, lead wins. */
function moveOwnerships(db: Db, recorder: Recorder, table: OwnerTable, fromId: number, intoId: number): void {
  const parent = OWNED_COLUMN[table];
  for (const row of rolesOfUnit(db, table, fromId)) {
    const existing = ownerRole(db, table, row.itemId, intoId);
    recorder.delete(table, { [parent]: row.itemId, unit_id: fromId });
    if (!existing) recorder.insert(table, { [parent]: row.itemId, unit_id: intoId, role: row.role, ord: row.ord });
    else if (row.role === 'lead') recorder.update(table, { [parent]: row.itemId, unit_id: intoId }, 'role', 'lead');
  }
}

export const unitMerge: Handler<'unit-merge'> = ({ fromUnitId, intoUnitId, reason }, { workbook }) => {
  const { db, journal } = workbook;
  if (fromUnitId === intoUnitId) throw new WorkbenchError('bad_input', '不能把单位合并到它自己。');
  const from = getUnit(db, fromUnitId);
  const into = getUnit(db, intoUnitId);
  if (!from || !into) throw new WorkbenchError('not_found', '要合并的单位不存在，请刷新。');
  journal.record(`合并单位：“${from.name}”并入“${into.name}”`, reason ?? '', (recorder) => {
    for (const table of ['task_owner', 'domain_owner', 'safeguard_owner'] as const) moveOwnerships(db, recorder, table, from.id, into.id);
    for (const alias of unitAliases(db, from.id)) {
      recorder.delete('unit_alias', { alias });
      recorder.insert('unit_alias', { alias, unit_id: into.id });
    }
    if (!into.contact && from.contact) recorder.update('unit', { id: into.id }, 'contact', from.contact);
    if (!into.phone && from.phone) recorder.update('unit', { id: into.id }, 'phone', from.phone);
    recorder.delete('unit', { id: from.id });
    // the old name keeps working: pasted text and later imports find the merged unit
    recorder.insert('unit_alias', { alias: from.name, unit_id: into.id });
  });
  return listUnits(db);
};
