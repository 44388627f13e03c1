import { describe, expect, it } from 'vitest';
import { planTaskEdits, TASK_MISSING, type TaskEditFacts, type TaskOwner } from '../../../../src/core/plan/task-edits';

/** Task 1 (number 6) led by org 10 (市教育局), helped by 11 (市财政局); org 12 (市民政局, alias 民政局) has no role. */
function facts(
  owners: Record<number, TaskOwner[]> = {
    1: [
      { orgId: 10, role: 'lead', ord: 0 },
      { orgId: 11, role: 'co', ord: 1 },
    ],
  },
): TaskEditFacts {
  const orgs: Record<string, number> = { 市教育局: 10, 市财政局: 11, 市民政局: 12, 民政局: 12 };
  const names: Record<number, string> = { 10: '市教育局', 11: '市财政局', 12: '市民政局' };
  return {
    number: (taskId) => (taskId === 1 ? 6 : undefined),
    orgName: (orgId) => names[orgId],
    findOrg: (name) => orgs[name] ?? null,
    owners: (taskId) => owners[taskId] ?? [],
  };
}

describe('planTaskEdits', () => {
  it('status takes the stored word or the Chinese label; anything else is refused with the choices', () => {
    const [label, stored, bad] = planTaskEdits(facts(), [
      { taskId: 1, field: 'status', value: '推进中' },
      { taskId: 1, field: 'status', value: 'done' },
      { taskId: 1, field: 'status', value: '快好了' },
    ]);
    expect(label).toEqual({
      ok: true,
      changes: [{ kind: 'update', table: 'task', key: { id: 1 }, column: 'status', value: 'in_progress' }],
    });
    expect(stored).toMatchObject({ ok: true, changes: [{ value: 'done' }] });
    expect(bad).toEqual({ ok: false, reason: '状态请选“未开始”“推进中”“已完成”“滞后”或“暂停”' });
  });

  it('lead orgs by name or alias: the old lead goes, a co org named as lead moves over, a new one goes last', () => {
    const [plan] = planTaskEdits(facts(), [{ taskId: 1, field: 'leadOrgs', value: '市财政局、民政局' }]);
    expect(plan).toEqual({
      ok: true,
      changes: [
        { kind: 'delete', table: 'task_owner', key: { task_id: 1, unit_id: 10 } },
        { kind: 'update', table: 'task_owner', key: { task_id: 1, unit_id: 11 }, column: 'role', value: 'lead' },
        { kind: 'insert', table: 'task_owner', row: { task_id: 1, unit_id: 12, role: 'lead', ord: 2 } },
      ],
    });
  });

  it('a batch builds on itself: a pasted 牵头单位 and 配合单位, then matrix cells, see the owners planned before them', () => {
    const [lead, co, none, role] = planTaskEdits(facts(), [
      { taskId: 1, field: 'leadOrgs', value: '市民政局' },
      { taskId: 1, field: 'coOrgs', value: '市教育局' },
      { taskId: 1, orgId: 11, role: null },
      { taskId: 1, orgId: 11, role: 'co' },
    ]);
    expect(lead).toMatchObject({
      ok: true,
      changes: [
        { kind: 'delete', key: { unit_id: 10 } },
        { kind: 'insert', row: { unit_id: 12, role: 'lead', ord: 2 } },
      ],
    });
    // 市财政局 was co and is not named: it goes; 市教育局 is no longer an owner, so it is inserted after 市民政局
    expect(co).toMatchObject({
      ok: true,
      changes: [
        { kind: 'delete', key: { unit_id: 11 } },
        { kind: 'insert', row: { unit_id: 10, role: 'co', ord: 3 } },
      ],
    });
    // already gone: nothing to delete; put back: inserted last
    expect(none).toEqual({ ok: true, changes: [] });
    expect(role).toEqual({
      ok: true,
      changes: [{ kind: 'insert', table: 'task_owner', row: { task_id: 1, unit_id: 11, role: 'co', ord: 4 } }],
    });
  });

  it('refusals: an unknown org, no lead at all, a task or org that is gone', () => {
    const plans = planTaskEdits(facts(), [
      { taskId: 1, field: 'coOrgs', value: '市教育局、市水务局' },
      { taskId: 1, field: 'leadOrgs', value: ' ' },
      { taskId: 2, field: 'title', value: 'x' },
      { taskId: 1, orgId: 99, role: 'lead' },
      { taskId: 1, field: 'title', value: '' },
    ]);
    expect(plans).toEqual([
      { ok: false, reason: '没有名为“市水务局”的责任单位（可先在“责任单位”表中新增）' },
      { ok: false, reason: '每项任务至少要有一个牵头单位' },
      { ok: false, reason: TASK_MISSING },
      { ok: false, reason: '任务或单位不存在，请刷新' },
      { ok: false, reason: '任务名称不能为空' },
    ]);
  });
});
