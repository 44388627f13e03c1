import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/app/store/connection';
import { loadMigrations, migrate } from '../../src/app/store/migrations';
import { openWorkbook } from '../../src/app/store/workbook';
import type { TaskRow } from '../../src/shared/contract';
import { invoker, latestSchemaVersion, newWorkbook, resources, tempDir } from './helpers';

describe('a new workbook', () => {
  it('opens with WAL, synchronous FULL and foreign keys as read back, and the default plan', async () => {
    const workbook = newWorkbook();
    const info = await invoker(workbook)('workbook-info', {});
    expect(info).toMatchObject({
      ok: true,
      value: { journalMode: 'wal', synchronous: 'FULL', foreignKeys: true, integrity: 'ok', schemaVersion: latestSchemaVersion },
    });
    if (!info.ok) return;
    const counts = (info.value as { counts: Record<string, number> }).counts;
    expect(counts).toMatchObject({ plan: 1, domain: 8, task: 31 });
    expect(counts.target).toBe(68); // 64 in tasks, 4 in the key work
  });

  it('stores the target values as numbers, with the text they came from', () => {
    const workbook = newWorkbook();
    const row = workbook.db
      .prepare("SELECT value, unit, base_value, base_unit, comparator, source_text FROM target WHERE label = '城镇登记失业率'")
      .get() as Record<string, unknown>;
    expect(row).toMatchObject({ value: 4.2, unit: '%', base_value: 0.042, base_unit: 'ratio', comparator: '<=' });
    expect(String(row.source_text)).toContain('城镇登记失业率控制在4.2%以内');
    const conflict = workbook.db.prepare('SELECT label FROM plan_conflict').all();
    expect(conflict).toEqual([{ label: '城镇新增就业' }]);
  });

  it('refuses a workbook made by a newer version and leaves it untouched', () => {
    const file = join(tempDir(), 'newer.mswb');
    const db = openDatabase(file);
    migrate(db, loadMigrations(resources.migrationsDir));
    db.prepare("INSERT INTO schema_migration (version, name, applied_at) VALUES (99, 'future', 'x')").run();
    db.close();
    expect(() => openWorkbook(file, { resources })).toThrow(/更新版本/);
    const check = openDatabase(file, { readonly: true });
    expect(check.prepare('SELECT MAX(version) AS v FROM schema_migration').get()).toEqual({ v: 99 });
    expect(check.prepare('SELECT COUNT(*) AS n FROM plan').get()).toEqual({ n: 0 });
    check.close();
  });
});

describe('migration 0005 (compact bulk changes)', () => {
  it('keeps the change log of a workbook made before it, and its undo still works', async () => {
    const file = join(tempDir(), 'v4.mswb');
    const before = openWorkbook(file, { resources, create: true });
    const taskId = (before.db.prepare('SELECT id FROM task ORDER BY id LIMIT 1').get() as { id: number }).id;
    const ok = await invoker(before)('task-update', { edits: [{ taskId, field: 'remark', value: '迁移前的修改' }] });
    expect(ok.ok).toBe(true);
    const log = before.db.prepare('SELECT * FROM change_log ORDER BY id').all();
    before.close();
    // turn the file back into a version-4 workbook: the old table (without insert_range) and no record of 0005
    const db = openDatabase(file);
    db.exec(`CREATE TABLE old_log AS SELECT * FROM change_log; DROP TABLE change_log;
      CREATE TABLE change_log (id INTEGER PRIMARY KEY, action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL, op TEXT NOT NULL CHECK (op IN ('update', 'insert', 'delete')), table_name TEXT NOT NULL,
        row_key TEXT NOT NULL, field TEXT NOT NULL DEFAULT '', old_value ANY, new_value ANY, row_json TEXT) STRICT;
      INSERT INTO change_log SELECT * FROM old_log; DROP TABLE old_log; DELETE FROM schema_migration WHERE version = 5;`);
    db.close();
    const after = openWorkbook(file, { resources });
    expect(after.db.prepare('SELECT * FROM change_log ORDER BY id').all()).toEqual(log);
    expect(String((after.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'change_log'").get() as { sql: string }).sql)).toContain(
      'insert_range',
    );
    await invoker(after)('history-undo', {});
    expect(after.db.prepare('SELECT remark FROM task WHERE id = ?').get(taskId)).toEqual({ remark: '' });
    after.close();
  });
});

describe('editing a task', () => {
  it('persists the edit, logs it, and undoes and redoes it across a reopen', async () => {
    const dir = tempDir();
    const file = join(dir, 'edit.mswb');
    let workbook = newWorkbook(file);
    let call = invoker(workbook);
    const edited = await call('task-update', { edits: [{ taskId: 6, field: 'remark', value: '按月调度' }], reason: '局务会要求' });
    expect(edited).toMatchObject({ ok: true, value: [{ id: 6, remark: '按月调度' }] });
    const log = await call('change-log-list', {});
    expect(log.ok && log.value).toMatchObject([
      {
        label: '修改任务6的备注',
        field: 'remark',
        fieldLabel: '备注',
        tableLabel: '任务',
        what: '任务6 就业服务和管理',
        oldValue: '',
        newValue: '按月调度',
        reason: '局务会要求',
        actor: 'tester',
        state: 'done',
      },
    ]);
    workbook.close();

    workbook = newWorkbook(file);
    call = invoker(workbook);
    const task = () => workbook.db.prepare('SELECT remark FROM task WHERE id = 6').get();
    expect(task()).toEqual({ remark: '按月调度' });
    expect(await call('history-undo', {})).toMatchObject({ ok: true, value: { canUndo: false, canRedo: true } });
    expect(task()).toEqual({ remark: '' });
    workbook.close();

    workbook = newWorkbook(file);
    call = invoker(workbook);
    expect(await call('history-redo', {})).toMatchObject({ ok: true, value: { canUndo: true, canRedo: false } });
    expect(workbook.db.prepare('SELECT remark FROM task WHERE id = 6').get()).toEqual({ remark: '按月调度' });
  });

  it('answers a write with the tables it changed and the undo state after it; a refused or empty write says nothing', async () => {
    const workbook = newWorkbook();
    const call = invoker(workbook);
    const edited = await call('task-update', { edits: [{ taskId: 6, field: 'remark', value: '按月调度' }] });
    expect(edited).toMatchObject({
      ok: true,
      changes: { tables: ['task'], history: { canUndo: true, canRedo: false, undoLabel: '修改任务6的备注' } },
    });
    const owners = await call('task-owner-set', { changes: [{ taskId: 6, orgId: 1, role: 'co' }] });
    expect(owners.ok && owners.changes?.tables).toEqual(['task_owner']);
    expect(await call('task-update', { edits: [{ taskId: 6, field: 'remark', value: '按月调度' }] })).not.toHaveProperty('changes');
    expect(await call('task-update', { edits: [{ taskId: 6, field: 'status', value: '不存在的状态' }] })).toMatchObject({ ok: false });
    expect(await call('task-list', {})).not.toHaveProperty('changes');
    const undone = await call('history-undo', {});
    expect(undone).toMatchObject({
      ok: true,
      changes: { tables: ['task_owner'], history: { canRedo: true, undoLabel: '修改任务6的备注' } },
    });
  });

  it('discards the redo branch when a new edit follows an undo', async () => {
    const workbook = newWorkbook();
    const call = invoker(workbook);
    await call('task-update', { edits: [{ taskId: 1, field: 'remark', value: 'a' }] });
    await call('history-undo', {});
    await call('task-update', { edits: [{ taskId: 1, field: 'remark', value: 'b' }] });
    expect(await call('history-state', {})).toMatchObject({ ok: true, value: { canRedo: false, canUndo: true } });
    await call('history-redo', {});
    expect(workbook.db.prepare('SELECT remark FROM task WHERE id = 1').get()).toEqual({ remark: 'b' });
  });

  it('records nothing for an edit that changes nothing', async () => {
    const workbook = newWorkbook();
    const call = invoker(workbook);
    await call('task-update', { edits: [{ taskId: 1, field: 'remark', value: '' }] });
    expect(workbook.db.prepare('SELECT COUNT(*) AS n FROM action').get()).toEqual({ n: 0 });
  });

  it('refuses bad input with a validation error and changes nothing', async () => {
    const workbook = newWorkbook();
    const call = invoker(workbook);
    const before = workbook.db.prepare('SELECT * FROM task ORDER BY id').all();
    const edit = (e: unknown) => ({ edits: [e] });
    const bad: unknown[] = [
      edit({ taskId: 1, field: 'remark', value: 'x', extra: 1 }),
      { ...edit({ taskId: 1, field: 'remark', value: 'x' }), extra: 1 },
      edit({ taskId: 1.5, field: 'remark', value: 'x' }),
      edit({ taskId: Number.NaN, field: 'remark', value: 'x' }),
      edit({ taskId: 1, field: 'body', value: 'x' }),
      edit({ taskId: 1, field: 'remark', value: 'x'.repeat(20_001) }),
      { edits: [] },
      edit(JSON.parse('{"taskId":1,"field":"remark","value":"x","__proto__":{"polluted":true}}')),
      { taskId: 1, field: 'remark', value: 'x' },
      null,
      'task',
    ];
    for (const input of bad) {
      const result = await call('task-update', input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (!result.ok) expect(result.error.kind).toBe('validation');
    }
    const badStatus = await call('task-update', { edits: [{ taskId: 1, field: 'status', value: 'finished' }] });
    expect(badStatus).toMatchObject({ ok: false, error: { kind: 'bad_input' } });
    const missing = await call('task-update', { edits: [{ taskId: 999, field: 'remark', value: 'x' }] });
    expect(missing).toMatchObject({ ok: false, error: { kind: 'bad_input', details: [{ where: '任务（编号999）「备注」' }] } });
    expect(await call('no-such-channel', {})).toMatchObject({ ok: false, error: { kind: 'unknown_channel' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(workbook.db.prepare('SELECT * FROM task ORDER BY id').all()).toEqual(before);
  });

  it('lists tasks with lead and co orgs in order', async () => {
    const workbook = newWorkbook();
    const result = await invoker(workbook)('task-list', {});
    const tasks = (result.ok ? result.value : []) as TaskRow[];
    expect(tasks).toHaveLength(31);
    expect(tasks[22]).toMatchObject({
      number: 23,
      domainName: '基本住房保障',
      leadOrgs: ['市住房城乡建设局'],
      coOrgs: ['市发展改革委', '各县(市、区)人民政府', '达州经开区管委会'],
      targetCount: 2,
      status: 'not_started',
    });
  });
});

describe('importing a plan', () => {
  it('adds a second plan in one transaction and refuses text with no tasks', async () => {
    const workbook = newWorkbook();
    const call = invoker(workbook);
    const text = '二、主要任务\n（一）教育\n１．学前教育。新建幼儿园6所。\n（责任单位：市教育局、市财政局）';
    expect(await call('plan-import', { text, sourceName: 'a.txt' })).toMatchObject({ ok: true, value: { tasks: 1, targets: 1 } });
    const plans = await call('plan-list', {});
    expect(plans.ok && plans.value).toHaveLength(2);
    const before = workbook.db.prepare('SELECT COUNT(*) AS n FROM plan').get();
    expect(await call('plan-import', { text: '没有任务的文字', sourceName: 'b.txt' })).toMatchObject({
      ok: false,
      error: { kind: 'bad_input' },
    });
    expect(workbook.db.prepare('SELECT COUNT(*) AS n FROM plan').get()).toEqual(before);
  });
});
