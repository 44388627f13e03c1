import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../src/app/store/journal';
import { openWorkbook, type Workbook } from '../../src/app/store/workbook';
import { lockPathOf } from '../../src/app/workbook-lock';
import { type BudgetView, type BudgetViewAnswer, budgetViewFromAnswer } from '../../src/shared/budget';
import { cli, contextFor, invoker, newWorkbook, repoRoot, resources, tempDir } from './helpers';

/**
 * Issue #14, case 5: one writer per workbook, a second opener told who has it, caches that see another
 * process's commits, and undo that only ever undoes this window's own actions.
 */

const open = (path: string, options: { actor?: string; force?: boolean } = {}): Workbook =>
  openWorkbook(path, { resources, actor: options.actor ?? 'tester', ...(options.force ? { force: true } : {}) });

const hhmm = (date: Date): string => `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;

function writeLock(path: string, holder: { user: string; machine: string; pid: number; since: Date }, refreshedAt = new Date()): void {
  writeFileSync(
    lockPathOf(path),
    JSON.stringify({
      app: 'minsheng-workbench',
      session: 'someone-else',
      user: holder.user,
      machine: holder.machine,
      pid: holder.pid,
      since: holder.since.toISOString(),
      origin: 'app',
    }),
  );
  utimesSync(lockPathOf(path), refreshedAt, refreshedAt);
}

async function ok<T>(promise: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as T;
}

describe('one writer per workbook', () => {
  it('the holder is named in a lock beside the file; a second opener gets a read-only view that says who and since when', async () => {
    const first = newWorkbook();
    const lock = JSON.parse(readFileSync(lockPathOf(first.path), 'utf8')) as Record<string, unknown>;
    expect(lock).toMatchObject({ user: 'tester', machine: hostname(), pid: process.pid, origin: 'app' });
    const since = new Date(String(lock.since));

    const second = open(first.path, { actor: '李四' });
    expect(second.access.mode).toBe('read');
    const notice = second.writeRefusal() ?? '';
    expect(notice).toContain(`tester（${hostname()}）于 ${hhmm(since)} 起使用，已以只读方式打开`);
    expect(notice).toContain('强制打开');
    const before = second.db.prepare('SELECT remark FROM task WHERE id = 1').get();
    const refused = await invoker(second)('task-update', { edits: [{ taskId: 1, field: 'remark', value: '只读窗口的修改' }] });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'conflict', message: notice } });
    expect(second.db.prepare('SELECT remark FROM task WHERE id = 1').get()).toEqual(before);
    // reading works as usual
    expect((await invoker(second)('task-list', {})).ok).toBe(true);
    const status = await ok<{ readOnly: boolean; notice: string }>(invoker(second)('workbook-status', {}));
    expect(status).toMatchObject({ readOnly: true, notice });
    second.close();
    // the first window is still the writer
    expect((await invoker(first)('task-update', { edits: [{ taskId: 1, field: 'remark', value: '写入者的修改' }] })).ok).toBe(true);
    first.close();
    expect(existsSync(lockPathOf(first.path))).toBe(false);
  });

  it('the command line reads a workbook someone has open, and refuses to write unless --force', async () => {
    const app = newWorkbook();
    const info = cli('info', '--db', app.path, '--json');
    expect(info.code).toBe(0);
    const plan = join(repoRoot, 'db', 'seed', 'dazhou-2017-equalization-plan.txt');
    const refused = cli('import-plan', plan, '--db', app.path, '--allow-duplicate');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`工作簿正在被 tester（${hostname()}）于`);
    expect(refused.stderr).toContain('--force');
    expect(app.db.prepare('SELECT COUNT(*) AS n FROM plan').get()).toEqual({ n: 1 });

    const forced = cli('import-plan', plan, '--db', app.path, '--allow-duplicate', '--force', '--json');
    expect(forced.code).toBe(0);
    // the app sees the import (another process's commit) and can no longer write: it is told who took the workbook
    expect(app.db.prepare('SELECT COUNT(*) AS n FROM plan').get()).toEqual({ n: 2 });
    const after = await invoker(app)('task-update', { edits: [{ taskId: 1, field: 'remark', value: '被强制打开之后' }] });
    expect(after).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    if (!after.ok) expect(after.error.message).toContain('强制打开了该工作簿');
  });

  it('stale locks are taken over (a dead process here, an old lock from another machine); a fresh one from another machine is respected', () => {
    const path = newWorkbook().path;
    // the helper's workbook is closed at the end of the test; close it now to play other holders' locks
    const dead = spawnSync(process.execPath, ['-e', '']).pid ?? 999_999;
    open(path).close();

    writeLock(path, { user: 'tester', machine: hostname(), pid: dead, since: new Date() });
    const afterCrash = open(path);
    expect(afterCrash.access.mode).toBe('write');
    afterCrash.close();

    const since = new Date();
    since.setHours(9, 12, 0, 0);
    writeLock(path, { user: '张三', machine: 'PC-07', pid: 4242, since });
    const colleague = open(path);
    expect(colleague.access).toEqual({
      mode: 'read',
      notice: expect.stringContaining('工作簿正在被 张三（PC-07）于 09:12 起使用，已以只读方式打开'),
    });
    colleague.close();
    // their lock is still theirs
    expect(JSON.parse(readFileSync(lockPathOf(path), 'utf8'))).toMatchObject({ user: '张三' });

    writeLock(path, { user: '张三', machine: 'PC-07', pid: 4242, since }, new Date(Date.now() - 2 * 3_600_000));
    const leftOver = open(path);
    expect(leftOver.access.mode).toBe('write');
    leftOver.close();
  });

  it('强制打开 takes the workbook; the first window is told who took it and can no longer write', async () => {
    const first = newWorkbook();
    const second = open(first.path, { actor: '李四', force: true });
    expect(second.access.mode).toBe('write');
    expect(JSON.parse(readFileSync(lockPathOf(first.path), 'utf8'))).toMatchObject({
      user: '李四',
      forcedFrom: expect.stringContaining('tester'),
    });
    const refused = await invoker(first)('org-add', { name: '被拒绝的单位' });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringContaining(`李四（${hostname()}）`) } });
    expect(second.db.prepare("SELECT COUNT(*) AS n FROM unit WHERE name = '被拒绝的单位'").get()).toEqual({ n: 0 });
    expect((await invoker(second)('org-add', { name: '强制打开后的单位' })).ok).toBe(true);
    second.close();
    // closing the first window does not remove the lock it no longer holds
    first.close();
  });

  it('a read-only window can be switched to writing with 强制打开 through the channel', async () => {
    const first = newWorkbook();
    const viewer = open(first.path, { actor: '李四' });
    const context = contextFor(viewer);
    const call = invoker(viewer, context);
    expect(await ok<{ readOnly: boolean }>(call('workbook-status', {}))).toMatchObject({ readOnly: true });
    expect((await call('workbook-force-open', {})).ok).toBe(true);
    expect(await ok<{ readOnly: boolean; notice: string }>(call('workbook-status', {}))).toEqual({
      path: first.path,
      readOnly: false,
      notice: '',
      externalChanges: 0,
      // a file has one writer: nobody else is listed
      others: [],
    });
    expect((await call('org-add', { name: '只读转写入' })).ok).toBe(true);
    expect((await invoker(first)('org-add', { name: '原窗口' })).ok).toBe(false);
  });
});

describe('caches see every process', () => {
  it('after another process changes the budget, the share and the next edit are computed from the file, not a stale model', async () => {
    const app = newWorkbook();
    const call = invoker(app);
    const before = budgetViewFromAnswer(await ok<BudgetViewAnswer>(call('budget-view', {})));
    expect(before.metrics.meetsFloor).toBe(true);
    const nonLivelihood = before.lines.find((line) => !line.livelihood);
    const livelihood = before.lines.find((line) => line.livelihood);
    if (!nonLivelihood || !livelihood) throw new Error('example baseline without both kinds of line');

    // another process (a tool that ignores the lock, or one that forced it) puts 100亿 into a non-livelihood line
    const other = new Database(app.path);
    other.prepare('UPDATE budget_line SET amount_fen = ? WHERE id = ?').run(1_000_000_000_000, nonLivelihood.id);
    other.close();

    const fresh = () => {
      const reader = open(app.path, { actor: 'reader' });
      return { reader, call: invoker(reader) };
    };
    const after = await ok<BudgetView>(call('budget-metrics', {}));
    const check = fresh();
    const truth = await ok<BudgetView>(check.call('budget-metrics', {}));
    expect(after.metrics).toEqual(truth.metrics);
    expect(after.metrics.meetsFloor).toBe(false);

    // the next edit (one line recomputed in place) starts from the file as it is now
    const edited = await ok<{ metrics: BudgetView['metrics'] }>(
      call('budget-line-update', { scenarioId: before.scenario.id, lineId: livelihood.id, field: 'amount', value: '+1' }),
    );
    const truthAfterEdit = await ok<BudgetView>(check.call('budget-metrics', {}));
    expect(edited.metrics).toEqual(truthAfterEdit.metrics);
    check.reader.close();

    const status = await ok<{ externalChanges: number }>(call('workbook-status', {}));
    expect(status.externalChanges).toBeGreaterThan(0);
  });
});

describe('undo belongs to the window that acted', () => {
  it("Ctrl+Z never undoes another process's action (a command-line packet import, a colleague's edit)", async () => {
    const dir = tempDir();
    const path = join(dir, 'shared.mswb');
    const mine = openWorkbook(path, { resources, actor: 'tester', create: true });
    expect((await invoker(mine)('task-update', { edits: [{ taskId: 1, field: 'remark', value: '我的修改' }] })).ok).toBe(true);
    mine.close();
    // the same user runs the command line: a plan import, its own action
    const plan = join(repoRoot, 'db', 'seed', 'dazhou-2017-equalization-plan.txt');
    expect(cli('import-plan', plan, '--db', path, '--allow-duplicate').code).toBe(0);

    const again = open(path);
    const call = invoker(again);
    expect(await ok<{ canUndo: boolean }>(call('history-state', {}))).toMatchObject({ canUndo: false });
    expect(await ok<{ canUndo: boolean }>(call('history-undo', {}))).toMatchObject({ canUndo: false });
    expect(again.db.prepare('SELECT COUNT(*) AS n FROM plan').get()).toEqual({ n: 2 });
    expect(again.db.prepare('SELECT remark FROM task WHERE id = 1').get()).toEqual({ remark: '我的修改' });
    // this window's own action is undoable, and only it
    expect((await call('org-add', { name: '本窗口的单位' })).ok).toBe(true);
    expect(await ok<{ canUndo: boolean; undoLabel: string }>(call('history-state', {}))).toMatchObject({
      canUndo: true,
      undoLabel: expect.stringContaining('本窗口的单位'),
    });
    await call('history-undo', {});
    expect(await ok<{ canUndo: boolean }>(call('history-state', {}))).toMatchObject({ canUndo: false });
    expect(again.db.prepare('SELECT COUNT(*) AS n FROM plan').get()).toEqual({ n: 2 });
    again.close();
  });

  it('a colleague who worked in between stops the next window from continuing the earlier history', async () => {
    const dir = tempDir();
    const path = join(dir, 'colleague.mswb');
    const mine = openWorkbook(path, { resources, actor: 'tester', create: true });
    await invoker(mine)('task-update', { edits: [{ taskId: 2, field: 'remark', value: '我的' }] });
    mine.close();
    const colleague = open(path, { actor: '张三' });
    await invoker(colleague)('task-update', { edits: [{ taskId: 3, field: 'remark', value: '张三的' }] });
    colleague.close();
    const back = open(path);
    expect(await ok<{ canUndo: boolean }>(invoker(back)('history-state', {}))).toMatchObject({ canUndo: false });
    back.close();
    // without anyone in between, the next window continues its own history (undo survives a restart)
    const alone = join(dir, 'alone.mswb');
    const one = openWorkbook(alone, { resources, actor: 'tester', create: true });
    await invoker(one)('task-update', { edits: [{ taskId: 2, field: 'remark', value: '昨天的' }] });
    one.close();
    const two = open(alone);
    expect(await ok<{ canUndo: boolean }>(invoker(two)('history-undo', {}))).toMatchObject({ canUndo: false });
    expect(two.db.prepare('SELECT remark FROM task WHERE id = 2').get()).toEqual({ remark: '' });
    two.close();
  });

  it('an undo that would overwrite a later change by someone else is refused, and nothing changes', () => {
    const workbook = newWorkbook();
    const mine = workbook.journal;
    const theirs = new Journal(workbook.db, '张三', { id: 'their-session', origin: 'app', machine: 'PC-07' });
    mine.record('我的备注', '', (recorder) => recorder.update('task', { id: 4 }, 'remark', '我的'));
    theirs.record('张三的备注', '', (recorder) => recorder.update('task', { id: 4 }, 'remark', '张三的'));
    // the refusal names who changed the cell since, and when
    expect(() => mine.undo()).toThrow(/无法撤销“我的备注”：其中的数据在此之后已被张三（.*）于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 修改/);
    expect(workbook.db.prepare('SELECT remark FROM task WHERE id = 4').get()).toEqual({ remark: '张三的' });
    expect(mine.state()).toMatchObject({ canUndo: true });
    expect(theirs.state()).toMatchObject({ canUndo: true, undoLabel: '张三的备注' });
    // an org someone else has since given a task to is not taken away with it by an undo of its creation
    mine.record('新单位', '', (recorder) => recorder.insert('unit', { id: 9001, name: '新单位' }));
    theirs.record('分工', '', (recorder) => recorder.insert('task_owner', { task_id: 5, unit_id: 9001, role: 'co', ord: 9 }));
    expect(() => mine.undo()).toThrow(/无法撤销“新单位”/);
    expect(workbook.db.prepare('SELECT COUNT(*) AS n FROM task_owner WHERE unit_id = 9001').get()).toEqual({ n: 1 });
  });
});
