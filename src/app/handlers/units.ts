import { WorkbenchError } from '../../shared/result';
import type { Db } from '../store/connection';
import type { Recorder } from '../store/journal';
import { findUnitId, listUnits } from '../store/unit-repository';
import { applyCellEdits, batchLabel, refuse } from '../edits/cell-edits';
import { planUnitEdit, UNIT_FIELD_LABELS } from '../edits/unit-edits';
import type { Handler } from './context';

export const unitList: Handler<'unit-list'> = (_input, { workbook }) => listUnits(workbook.db);

export const unitUpdate: Handler<'unit-update'> = ({ edits, reason, label }, { workbook }) => {
  const { db, journal } = workbook;
  const names = new Map((db.prepare('SELECT id, name FROM unit').all() as { id: number; name: string }[]).map((u) => [u.id, u.name]));
  const cells = edits.map((edit) => ({
    where: `单位“${names.get(edit.unitId) ?? edit.unitId}”「${UNIT_FIELD_LABELS[edit.field]}」`,
    text: edit.value,
    plan: names.has(edit.unitId) ? planUnitEdit(db, edit.unitId, edit.field, edit.value) : refuse('单位不存在，可能已被合并或删除，请刷新'),
  }));
  const first = edits[0];
  applyCellEdits(journal, batchLabel(label, () => `修改单位“${names.get(first?.unitId ?? 0) ?? ''}”的${first ? UNIT_FIELD_LABELS[first.field] : ''}`, edits.length), reason ?? '', cells);
  return listUnits(db, [...new Set(edits.map((e) => e.unitId))]);
};

export const unitAdd: Handler<'unit-add'> = ({ name }, { workbook }) => {
  const { db, journal } = workbook;
  const value = name.trim();
  if (value === '') throw new WorkbenchError('bad_input', '单位名称不能为空。');
  if (findUnitId(db, value) !== null) throw new WorkbenchError('conflict', `已有名为“${value}”的单位（或别名）。`);
  const id = ((db.prepare('SELECT MAX(id) AS id FROM unit').get() as { id: number | null }).id ?? 0) + 1;
  journal.record(`新增单位“${value}”`, '', (recorder) => recorder.insert('unit', { id, name: value, contact: '', phone: '' }));
  const [row] = listUnits(db, [id]);
  if (!row) throw new WorkbenchError('internal', '新增后无法读回单位。');
  return row;
};

type OwnerTable = 'task_owner' | 'domain_owner' | 'safeguard_owner';
const OWNER_PARENT: Record<OwnerTable, string> = { task_owner: 'task_id', domain_owner: 'domain_id', safeguard_owner: 'safeguard_id' };

/** Moves one unit's roles onto another; where both hold a role on the same item, lead wins. */
function moveOwnerships(db: Db, recorder: Recorder, table: OwnerTable, fromId: number, intoId: number): void {
  const parent = OWNER_PARENT[table];
  const rows = db.prepare(`SELECT ${parent} AS parentId, role, ord FROM ${table} WHERE unit_id = ?`).all(fromId) as { parentId: number; role: 'lead' | 'co'; ord: number }[];
  for (const row of rows) {
    const existing = db.prepare(`SELECT role FROM ${table} WHERE ${parent} = ? AND unit_id = ?`).get(row.parentId, intoId) as { role: string } | undefined;
    recorder.delete(table, { [parent]: row.parentId, unit_id: fromId });
    if (!existing) recorder.insert(table, { [parent]: row.parentId, unit_id: intoId, role: row.role, ord: row.ord });
    else if (row.role === 'lead') recorder.update(table, { [parent]: row.parentId, unit_id: intoId }, 'role', 'lead');
  }
}

export const unitMerge: Handler<'unit-merge'> = ({ fromUnitId, intoUnitId, reason }, { workbook }) => {
  const { db, journal } = workbook;
  if (fromUnitId === intoUnitId) throw new WorkbenchError('bad_input', '不能把单位合并到它自己。');
  const from = db.prepare('SELECT id, name, contact, phone FROM unit WHERE id = ?').get(fromUnitId) as { id: number; name: string; contact: string; phone: string } | undefined;
  const into = db.prepare('SELECT id, name, contact, phone FROM unit WHERE id = ?').get(intoUnitId) as typeof from;
  if (!from || !into) throw new WorkbenchError('not_found', '要合并的单位不存在，请刷新。');
  journal.record(`合并单位：“${from.name}”并入“${into.name}”`, reason ?? '', (recorder) => {
    for (const table of ['task_owner', 'domain_owner', 'safeguard_owner'] as const) moveOwnerships(db, recorder, table, from.id, into.id);
    const aliases = db.prepare('SELECT alias FROM unit_alias WHERE unit_id = ?').all(from.id) as { alias: string }[];
    for (const { alias } of aliases) {
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
