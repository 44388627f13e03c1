import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangeLogEntry, PlanSummary } from '../../src/shared/contract';
import { invoker, newWorkbook, repoRoot } from './helpers';

/** Issue #14, case 8: a plan import is one journaled action, a plan can be deleted, the same text twice asks first. */

const SECOND_PLAN = [
  '二、主要任务',
  '（一）教育',
  '１．学前教育。新建幼儿园6所。',
  '（牵头单位：市教育局，配合单位：新设的测试单位）',
  '（二）卫生',
  '２．基层医疗。建成村卫生室120个。',
  '（责任单位：市卫生计生委）',
].join('\n');

/**
 * What the plan tables and budget links hold (the journal aside, which grows with every action and its undo), as
 * sets of rows: a row put back by undo may get a new rowid, which is not a difference a user could see.
 */
function planTables(db: import('../../src/app/store/connection').Db): string {
  return [
    'plan',
    'plan_section',
    'domain',
    'domain_owner',
    'task',
    'task_owner',
    'target',
    'unit',
    'unit_alias',
    'plan_conflict',
    'safeguard',
    'safeguard_owner',
    'budget_line',
  ]
    .map(
      (table) =>
        `${table}: ${(db.prepare(`SELECT * FROM ${table}`).all() as unknown[])
          .map((row) => JSON.stringify(row))
          .sort()
          .join('\n')}`,
    )
    .join('\n');
}

async function ok<T>(promise: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as T;
}

describe('plan import is one action', () => {
  it('is listed in 变更记录, undone as a whole (with the orgs it introduced) and redone with the same rows', async () => {
    const workbook = newWorkbook();
    const call = invoker(workbook);
    const before = planTables(workbook.db);
    const imported = await ok<{ planId: number; tasks: number }>(call('plan-import', { text: SECOND_PLAN, sourceName: '2018计划.txt' }));
    expect(imported.tasks).toBe(2);
    const afterImport = planTables(workbook.db);
    expect(workbook.db.prepare("SELECT COUNT(*) AS n FROM unit WHERE name = '新设的测试单位'").get()).toEqual({ n: 1 });

    const log = await ok<ChangeLogEntry[]>(call('change-log-list', {}));
    expect(log.some((entry) => entry.label.startsWith('导入计划') && entry.tableLabel === '任务')).toBe(true);
    expect(await ok<{ undoLabel: string }>(call('history-state', {}))).toMatchObject({
      canUndo: true,
      undoLabel: expect.stringContaining('导入计划'),
    });

    await ok(call('history-undo', {}));
    expect(await ok<PlanSummary[]>(call('plan-list', {}))).toHaveLength(1);
    expect(workbook.db.prepare("SELECT COUNT(*) AS n FROM unit WHERE name = '新设的测试单位'").get()).toEqual({ n: 0 });
    // every row is gone: the tables hold what they held before the import
    expect(planTables(workbook.db)).toBe(before);
    await ok(call('history-redo', {}));
    expect(await ok<PlanSummary[]>(call('plan-list', {}))).toHaveLength(2);
    expect(planTables(workbook.db)).toBe(afterImport);
  });
});

describe('deleting a plan', () => {
  it('removes it with its tasks, targets and owners in one undoable action; budget links come back with undo', async () => {
    const workbook = newWorkbook();
    const call = invoker(workbook);
    const { planId } = await ok<{ planId: number }>(call('plan-import', { text: SECOND_PLAN, sourceName: '2018计划.txt' }));
    const { db } = workbook;
    const task = db.prepare('SELECT id FROM task WHERE plan_id = ? ORDER BY id LIMIT 1').get(planId) as { id: number };
    const line = db.prepare('SELECT id FROM budget_line ORDER BY id LIMIT 1').get() as { id: number };
    db.prepare('UPDATE budget_line SET task_id = ? WHERE id = ?').run(task.id, line.id);
    const before = planTables(db);

    const plans = await ok<PlanSummary[]>(call('plan-delete', { planId }));
    expect(plans.map((plan) => plan.id)).not.toContain(planId);
    for (const table of ['task', 'target', 'domain', 'plan_section']) {
      expect(db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE plan_id = ?`).get(planId), table).toEqual({ n: 0 });
    }
    expect(db.prepare('SELECT task_id FROM budget_line WHERE id = ?').get(line.id)).toEqual({ task_id: null });
    const log = await ok<ChangeLogEntry[]>(call('change-log-list', {}));
    expect(log[0]?.label).toMatch(/^删除计划：/);

    await ok(call('history-undo', {}));
    // every row back as it was, the budget line's link included
    expect(planTables(db)).toBe(before);
    await ok(call('history-redo', {}));
    expect(db.prepare('SELECT COUNT(*) AS n FROM task WHERE plan_id = ?').get(planId)).toEqual({ n: 0 });
  });

  it('refuses to delete the only plan, saying what to do', async () => {
    const workbook = newWorkbook();
    const only = (workbook.db.prepare('SELECT id FROM plan').get() as { id: number }).id;
    const result = await invoker(workbook)('plan-delete', { planId: only });
    expect(result).toMatchObject({ ok: false, error: { kind: 'bad_input', message: expect.stringContaining('唯一的计划') } });
    expect(workbook.db.prepare('SELECT COUNT(*) AS n FROM task').get()).toEqual({ n: 31 });
  });
});

describe('importing the same text twice asks first', () => {
  it('the preview is told, the import is refused without confirmation, and goes through with it', async () => {
    const workbook = newWorkbook();
    const call = invoker(workbook);
    // the reference plan is in every new workbook; its text, re-saved with CRLF and a BOM, is the same content
    const seed = readFileSync(join(repoRoot, 'db', 'seed', 'dazhou-2017-equalization-plan.txt'), 'utf8');
    const resaved = `\uFEFF${seed.replaceAll('\n', '\r\n')}  \r\n`;
    const same = await ok<{ title: string; message: string } | null>(call('plan-find-same', { text: resaved }));
    expect(same?.message).toContain('已有内容相同的计划');
    expect(same?.title).toBe((workbook.db.prepare('SELECT title FROM plan').get() as { title: string }).title);
    expect(await ok(call('plan-find-same', { text: SECOND_PLAN }))).toBeNull();

    const refused = await call('plan-import', { text: resaved, sourceName: '再次.txt' });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringContaining('仍然导入') } });
    expect(workbook.db.prepare('SELECT COUNT(*) AS n FROM plan').get()).toEqual({ n: 1 });

    expect((await call('plan-import', { text: resaved, sourceName: '再次.txt', allowDuplicate: true })).ok).toBe(true);
    expect(workbook.db.prepare('SELECT COUNT(*) AS n FROM plan').get()).toEqual({ n: 2 });
    const log = await ok<ChangeLogEntry[]>(call('change-log-list', {}));
    expect(log[0]?.reason).toContain('内容相同');
  });
});
