import { describe, expect, it } from 'vitest';
import type { TaskRow } from '../../src/shared/contract';
import type { TargetRow, OrgRow } from '../../src/shared/grid';
import { invoker, newWorkbook } from './helpers';

type Invoke = ReturnType<typeof invoker>;

async function ok<T>(invoke: Invoke, channel: string, input: unknown): Promise<T> {
  const result = await invoke(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message} ${JSON.stringify(result.error.details)}`);
  return result.value as T;
}

async function targets(invoke: Invoke): Promise<TargetRow[]> {
  return (await ok<{ targets: TargetRow[] }>(invoke, 'target-list', {})).targets;
}

const byLabel = (rows: TargetRow[], label: string, taskNumber?: number): TargetRow => {
  const row = rows.find((r) => r.label === label && (taskNumber === undefined || r.taskNumber === taskNumber));
  if (!row) throw new Error(`no target ${label}`);
  return row;
};

describe('targets and progress', () => {
  it('actuals typed in the target unit, with a magnitude, or as a percentage are stored in base units', async () => {
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    const rows = await targets(invoke);
    const jobs = byLabel(rows, '城镇新增就业', 6); // 3.35万人
    const insured = byLabel(rows, '城乡居民参保率'); // 98%
    const stored = await ok<TargetRow[]>(invoke, 'target-update', {
      edits: [
        { targetId: jobs.id, field: 'actual', value: '3.4万' },
        { targetId: insured.id, field: 'actual', value: '97.5%' },
      ],
    });
    expect(stored.find((r) => r.id === jobs.id)).toMatchObject({ actual: 3.4, progress: 'met', completion: 34000 / 33500 });
    expect(workbook.db.prepare('SELECT actual FROM target WHERE id = ?').get(jobs.id)).toEqual({ actual: 34000 });
    expect(workbook.db.prepare('SELECT actual FROM target WHERE id = ?').get(insured.id)).toEqual({ actual: 0.975 });
    // a bare number is read in the unit the target is written in
    await ok(invoke, 'target-update', { edits: [{ targetId: insured.id, field: 'actual', value: '98' }] });
    expect(workbook.db.prepare('SELECT actual FROM target WHERE id = ?').get(insured.id)).toEqual({ actual: 0.98 });
  });

  it('a ≤ target is met when the actual is at or below it', async () => {
    const invoke = invoker(newWorkbook());
    const unemployment = byLabel(await targets(invoke), '城镇登记失业率'); // ≤ 4.2%
    const [below] = await ok<TargetRow[]>(invoke, 'target-update', {
      edits: [{ targetId: unemployment.id, field: 'actual', value: '3.9%' }],
    });
    expect(below).toMatchObject({ progress: 'met' });
    const [above] = await ok<TargetRow[]>(invoke, 'target-update', {
      edits: [{ targetId: unemployment.id, field: 'actual', value: '4.5%' }],
    });
    expect(above).toMatchObject({ progress: 'red' });
  });

  it('lights follow 序时进度 and the configured thresholds', async () => {
    const invoke = invoker(newWorkbook());
    const beds = byLabel(await targets(invoke), '新增民办公办养老机构床位'); // ≥ 2760 张
    await ok(invoke, 'progress-settings-update', { asOf: '2017-07-02', yellowPoints: 10, redPoints: 30 }); // half the year
    const at = async (value: string) =>
      (await ok<TargetRow[]>(invoke, 'target-update', { edits: [{ targetId: beds.id, field: 'actual', value }] }))[0];
    expect(await at('1380张')).toMatchObject({ progress: 'green' }); // 50% done, 50% elapsed
    expect(await at('1000张')).toMatchObject({ progress: 'yellow' }); // 36%: 14 points behind
    expect(await at('500张')).toMatchObject({ progress: 'red' }); // 18%: 32 points behind
    expect((await at(''))?.progress).toBe('no_data');
    const tasks = await ok<TaskRow[]>(invoke, 'task-list', {});
    expect(tasks.find((t) => t.number === 14)?.progress).toBe('no_data');
    expect((await invoke('progress-settings-update', { yellowPoints: 40, redPoints: 30 })).ok).toBe(false);
  });

  it('a paste with one bad cell changes nothing and names the cell', async () => {
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    const rows = await targets(invoke);
    const jobs = byLabel(rows, '城镇新增就业', 6);
    const rate = byLabel(rows, '城乡居民参保率');
    const before = workbook.db.prepare('SELECT * FROM target ORDER BY id').all();
    const result = await invoke('target-update', {
      label: '粘贴2行×1列',
      edits: [
        { targetId: jobs.id, field: 'actual', value: '3.4万' },
        { targetId: rate.id, field: 'actual', value: '3.4万人' },
      ],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toContain('整批未做任何修改');
      expect(result.error.details).toEqual([
        { where: '任务10 · 指标“城乡居民参保率”「实际值」', message: expect.stringContaining('单位不一致') },
      ]);
    }
    expect(workbook.db.prepare('SELECT * FROM target ORDER BY id').all()).toEqual(before);
  });

  it('due dates accept the ways clerks write them', async () => {
    const invoke = invoker(newWorkbook());
    const target = (await targets(invoke))[4] as TargetRow;
    const [a] = await ok<TargetRow[]>(invoke, 'target-update', {
      edits: [{ targetId: target.id, field: 'dueDate', value: '2017年6月底' }],
    });
    expect(a?.dueDate).toBe('2017-06-30');
    const bad = await invoke('target-update', { edits: [{ targetId: target.id, field: 'dueDate', value: '2017-02-30' }] });
    expect(bad.ok).toBe(false);
  });
});

describe('owners, the matrix and merging', () => {
  it('owners typed as text resolve names and aliases; unknown orgs are refused', async () => {
    const invoke = invoker(newWorkbook());
    const [task] = await ok<TaskRow[]>(invoke, 'task-update', {
      edits: [{ taskId: 1, field: 'coOrgs', value: '市财政局、市卫生计生委' }],
    });
    expect(task?.coOrgs).toEqual(['市财政局', '市卫生计生委']);
    const bad = await invoke('task-update', { edits: [{ taskId: 1, field: 'coOrgs', value: '市不存在局' }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.details[0]?.message).toContain('没有名为“市不存在局”');
  });

  it('the matrix sets a role in one action and never leaves a task without a lead', async () => {
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    const orgs = await ok<OrgRow[]>(invoke, 'org-list', {});
    const finance = orgs.find((u) => u.name === '市财政局') as OrgRow;
    const education = orgs.find((u) => u.name === '市教育局') as OrgRow;
    const [task] = await ok<TaskRow[]>(invoke, 'task-owner-set', { changes: [{ taskId: 1, orgId: finance.id, role: 'lead' }] });
    expect(task?.leadOrgs).toEqual(['市教育局', '市财政局']);
    const leadless = await invoke('task-owner-set', {
      changes: [
        { taskId: 1, orgId: finance.id, role: null },
        { taskId: 1, orgId: education.id, role: 'co' },
      ],
    });
    expect(leadless.ok).toBe(false);
    if (!leadless.ok) expect(leadless.error.message).toContain('没有牵头单位');
    expect((await ok<TaskRow[]>(invoke, 'task-list', {}))[0]?.leadOrgs).toEqual(['市教育局', '市财政局']);
  });

  it('merging two orgs moves their tasks, keeps the old name as an alias, and undoes as one', async () => {
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    const added = await ok<OrgRow>(invoke, 'org-add', { name: '达州市教育局' });
    await ok(invoke, 'task-owner-set', { changes: [{ taskId: 3, orgId: added.id, role: 'co' }] });
    const education = (await ok<OrgRow[]>(invoke, 'org-list', {})).find((u) => u.name === '市教育局') as OrgRow;
    const orgs = await ok<OrgRow[]>(invoke, 'org-merge', { fromOrgId: added.id, intoOrgId: education.id });
    expect(orgs.find((u) => u.id === added.id)).toBeUndefined();
    expect(orgs.find((u) => u.id === education.id)?.aliases).toContain('达州市教育局');
    // task 3 already had 市教育局 as lead: the stronger role stays
    const task3 = (await ok<TaskRow[]>(invoke, 'task-list', {})).find((t) => t.number === 3);
    expect(task3?.leadOrgs).toContain('市教育局');
    expect(task3?.coOrgs).not.toContain('达州市教育局');
    await ok(invoke, 'history-undo', {});
    const restored = await ok<OrgRow[]>(invoke, 'org-list', {});
    expect(restored.find((u) => u.id === added.id)).toMatchObject({ name: '达州市教育局', coCount: 1 });
    expect(workbook.db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  });

  it('org names stay unique across names and aliases', async () => {
    const invoke = invoker(newWorkbook());
    const orgs = await ok<OrgRow[]>(invoke, 'org-list', {});
    const [first, second] = orgs as [OrgRow, OrgRow];
    const result = await invoke('org-update', { edits: [{ orgId: first.id, field: 'name', value: second.name }] });
    expect(result.ok).toBe(false);
    const phone = await ok<OrgRow[]>(invoke, 'org-update', { edits: [{ orgId: first.id, field: 'phone', value: '0818-2123456' }] });
    expect(phone[0]?.phone).toBe('0818-2123456');
  });
});

describe('the change log', () => {
  it('filters by task, by org and by date, and says what changed in words', async () => {
    const invoke = invoker(newWorkbook());
    await ok(invoke, 'task-update', { edits: [{ taskId: 2, field: 'remark', value: 'a' }] });
    await ok(invoke, 'task-update', { edits: [{ taskId: 7, field: 'remark', value: 'b' }] });
    const education = (await ok<OrgRow[]>(invoke, 'org-list', {})).find((u) => u.name === '市教育局') as OrgRow;
    const byTask = await ok<{ what: string }[]>(invoke, 'change-log-list', { taskId: 2 });
    expect(byTask.map((e) => e.what)).toEqual(['任务2 九年义务教育']);
    const byOrg = await ok<{ what: string }[]>(invoke, 'change-log-list', { orgId: education.id });
    expect(byOrg.map((e) => e.what)).toEqual(['任务2 九年义务教育']); // task 7 is not 教育局's
    const today = new Date();
    const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    expect((await ok<unknown[]>(invoke, 'change-log-list', { from: iso, to: iso })).length).toBe(2);
    expect((await ok<unknown[]>(invoke, 'change-log-list', { to: '2000-01-01' })).length).toBe(0);
  });
});
