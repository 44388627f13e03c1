import { describe, expect, it } from 'vitest';
import { planOrgEdits, planOrgMerge, splitOrgNames, ORG_MISSING, type OrgEditFacts } from '../../../../src/core/plan/org-edits';

const facts: OrgEditFacts = {
  exists: (orgId) => orgId === 1 || orgId === 2,
  findOrg: (name) => ({ 市教育局: 1, 教育局: 1, 市财政局: 2 })[name] ?? null,
  aliases: (orgId) => (orgId === 1 ? ['教育局'] : []),
};

describe('planOrgEdits', () => {
  it('a name or alias another org holds is refused; the org’s own is not', () => {
    const plans = planOrgEdits(facts, [
      { orgId: 1, field: 'name', value: '市财政局' },
      { orgId: 1, field: 'name', value: ' 教育局 ' },
      { orgId: 2, field: 'aliases', value: '财政局、教育局' },
      { orgId: 3, field: 'phone', value: '1' },
      { orgId: 2, field: 'phone', value: '电话' },
    ]);
    expect(plans).toEqual([
      { ok: false, reason: '已有同名（或以此为别名）的单位；如是同一单位，请用“合并”' },
      { ok: true, changes: [{ kind: 'update', table: 'unit', key: { id: 1 }, column: 'name', value: '教育局' }] },
      { ok: false, reason: '“教育局”已是其他单位的名称或别名' },
      { ok: false, reason: ORG_MISSING },
      { ok: false, reason: '电话只能包含数字、空格、“-”“转”和括号' },
    ]);
  });

  it('aliases change by difference, and a second edit in the batch starts from the first', () => {
    const [first, second] = planOrgEdits(facts, [
      { orgId: 1, field: 'aliases', value: '教育局、市教委' },
      { orgId: 1, field: 'aliases', value: '市教委' },
    ]);
    expect(first).toEqual({ ok: true, changes: [{ kind: 'insert', table: 'unit_alias', row: { alias: '市教委', unit_id: 1 } }] });
    expect(second).toEqual({ ok: true, changes: [{ kind: 'delete', table: 'unit_alias', key: { alias: '教育局' } }] });
    expect(splitOrgNames('甲，乙;丙/丁\n')).toEqual(['甲', '乙', '丙', '丁']);
  });
});

describe('planOrgMerge', () => {
  it('roles move over and lead wins where both hold one; aliases, the old name and missing contacts follow', () => {
    const from = { id: 2, name: '市教委', contact: '张三', phone: '1234' };
    const into = { id: 1, name: '市教育局', contact: '', phone: '5678' };
    const roles = [
      {
        table: 'task_owner',
        itemColumn: 'task_id',
        from: [
          { itemId: 5, role: 'lead' as const, ord: 0 },
          { itemId: 6, role: 'co' as const, ord: 1 },
          { itemId: 7, role: 'co' as const, ord: 2 },
        ],
        into: new Map([
          [5, 'co' as const],
          [6, 'lead' as const],
        ]),
      },
    ];
    expect(planOrgMerge(from, into, roles, ['教委'])).toEqual([
      { kind: 'delete', table: 'task_owner', key: { task_id: 5, unit_id: 2 } },
      { kind: 'update', table: 'task_owner', key: { task_id: 5, unit_id: 1 }, column: 'role', value: 'lead' },
      { kind: 'delete', table: 'task_owner', key: { task_id: 6, unit_id: 2 } },
      { kind: 'delete', table: 'task_owner', key: { task_id: 7, unit_id: 2 } },
      { kind: 'insert', table: 'task_owner', row: { task_id: 7, unit_id: 1, role: 'co', ord: 2 } },
      { kind: 'delete', table: 'unit_alias', key: { alias: '教委' } },
      { kind: 'insert', table: 'unit_alias', row: { alias: '教委', unit_id: 1 } },
      { kind: 'update', table: 'unit', key: { id: 1 }, column: 'contact', value: '张三' },
      { kind: 'delete', table: 'unit', key: { id: 2 } },
      { kind: 'insert', table: 'unit_alias', row: { alias: '市教委', unit_id: 1 } },
    ]);
  });
});
