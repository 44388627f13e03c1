import { WorkbenchError } from '../../shared/result';
import { planUnitMerge } from '../../core/plan/unit-edits';
import { writeChanges } from '../store/journal';
import { nextId } from '../store/ids';
import { OWNED_COLUMN, rolesOfUnit } from '../store/owner-repository';
import { findUnitId, getUnit, listUnits, unitAliases, unitNames } from '../store/unit-repository';
import { applyEdits, batchLabel } from '../edits/apply-edits';
import { UNIT_FIELDS } from '../../shared/fields/unit-fields';
import type { Handler } from './context';

export const unitList: Handler<'unit-list'> = (_input, { workbook }) => listUnits(workbook.db);

export const unitUpdate: Handler<'unit-update'> = ({ edits, reason, label }, { workbook }) => {
  const first = edits[0];
  const single = () => `修改单位“${unitNames(workbook.db).get(first?.unitId ?? 0) ?? ''}”的${first ? UNIT_FIELDS[first.field].label : ''}`;
  applyEdits(workbook, { entity: 'unit', edits }, reason ?? '', batchLabel(label, single, edits.length));
  return listUnits(workbook.db, [...new Set(edits.map((e) => e.unitId))]);
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

export const unitMerge: Handler<'unit-merge'> = ({ fromUnitId, intoUnitId, reason }, { workbook }) => {
  const { db, journal } = workbook;
  if (fromUnitId === intoUnitId) throw new WorkbenchError('bad_input', '不能把单位合并到它自己。');
  const from = getUnit(db, fromUnitId);
  const into = getUnit(db, intoUnitId);
  if (!from || !into) throw new WorkbenchError('not_found', '要合并的单位不存在，请刷新。');
  // where both hold a role on the same item, lead wins (core/plan/unit-edits.ts)
  const roles = (['task_owner', 'domain_owner', 'safeguard_owner'] as const).map((table) => ({
    table,
    itemColumn: OWNED_COLUMN[table],
    from: rolesOfUnit(db, table, from.id),
    into: new Map(rolesOfUnit(db, table, into.id).map((row) => [row.itemId, row.role])),
  }));
  const changes = planUnitMerge(from, into, roles, unitAliases(db, from.id));
  journal.record(`合并单位：“${from.name}”并入“${into.name}”`, reason ?? '', (recorder) => writeChanges(recorder, changes));
  return listUnits(db);
};
