import { WorkbenchError } from '../../shared/result';
import { planOrgMerge } from '../../core/plan/org-edits';
import { writeChanges } from '../store/journal';
import { nextId } from '../store/ids';
import { OWNED_COLUMN, rolesOfOrg } from '../store/owner-repository';
import { findOrgId, getOrg, listOrgs, orgAliases, orgNames } from '../store/org-repository';
import { applyEdits, batchLabel } from '../edits/apply-edits';
import { ORG_FIELDS } from '../../shared/fields/org-fields';
import type { Handler } from './context';

export const orgList: Handler<'org-list'> = (_input, { workbook }) => {
  // what the 责任单位 grid shows from now: an edit of a cell someone changes after this is refused as stale
  workbook.journal.markRead('unit');
  workbook.journal.markRead('unit_alias');
  return listOrgs(workbook.db);
};

export const orgUpdate: Handler<'org-update'> = ({ edits, reason, label }, { workbook }) => {
  const first = edits[0];
  const single = () => `修改单位“${orgNames(workbook.db).get(first?.orgId ?? 0) ?? ''}”的${first ? ORG_FIELDS[first.field].label : ''}`;
  applyEdits(workbook, { entity: 'org', edits }, reason ?? '', batchLabel(label, single, edits.length), { againstRead: true });
  return listOrgs(workbook.db, [...new Set(edits.map((e) => e.orgId))]);
};

export const orgAdd: Handler<'org-add'> = ({ name }, { workbook }) => {
  const { db, journal } = workbook;
  const value = name.trim();
  if (value === '') throw new WorkbenchError('bad_input', '单位名称不能为空。');
  if (findOrgId(db, value) !== null) throw new WorkbenchError('conflict', `已有名为“${value}”的单位（或别名）。`);
  const id = nextId(db, 'unit');
  journal.record(`新增单位“${value}”`, '', (recorder) => recorder.insert('unit', { id, name: value, contact: '', phone: '' }));
  const [row] = listOrgs(db, [id]);
  if (!row) throw new WorkbenchError('internal', '新增后无法读回单位。');
  return row;
};

export const orgMerge: Handler<'org-merge'> = ({ fromOrgId, intoOrgId, reason }, { workbook }) => {
  const { db, journal } = workbook;
  if (fromOrgId === intoOrgId) throw new WorkbenchError('bad_input', '不能把单位合并到它自己。');
  const from = getOrg(db, fromOrgId);
  const into = getOrg(db, intoOrgId);
  if (!from || !into) throw new WorkbenchError('not_found', '要合并的单位不存在，请刷新。');
  // where both hold a role on the same item, lead wins (core/plan/org-edits.ts)
  const roles = (['task_owner', 'domain_owner', 'safeguard_owner'] as const).map((table) => ({
    table,
    itemColumn: OWNED_COLUMN[table],
    from: rolesOfOrg(db, table, from.id),
    into: new Map(rolesOfOrg(db, table, into.id).map((row) => [row.itemId, row.role])),
  }));
  const changes = planOrgMerge(from, into, roles, orgAliases(db, from.id));
  journal.record(`合并单位：“${from.name}”并入“${into.name}”`, reason ?? '', (recorder) => writeChanges(recorder, changes));
  return listOrgs(db);
};
