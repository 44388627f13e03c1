import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handlers } from '../../src/app/handlers';
import { nodeHandlerContext } from '../../src/app/exchange/node-context';
import { dispatch } from '../../src/app/ipc/dispatch';
import { mayCreateAtStart } from '../../src/app/paths';
import { WorkbookSession } from '../../src/app/session';
import { backupDir, listBackups } from '../../src/app/store/backups';
import { APPLICATION_ID } from '../../src/app/store/file-check';
import { openWorkbook } from '../../src/app/store/workbook';
import { cli, folderState, repoRoot, resources, tempDir } from './helpers';

/**
 * Issue #14, cases 1, 2, 3 and 6: opening decides before writing. Every refusal is checked by hashing every file
 * in the folder before and after — the file and its companions must be exactly as they were.
 */

const open = (path: string, create = false) => openWorkbook(path, { resources, actor: 'tester', create });

function session(path: string): WorkbookSession {
  return new WorkbookSession(path, (file, how) => openWorkbook(file, { resources, actor: 'tester', ...how }));
}

/** Calls a channel on a session that may have no workbook open (the recovery screen's situation). */
function sessionCall(target: WorkbookSession) {
  const context = nodeHandlerContext(target, repoRoot);
  return (channel: string, input: unknown = {}) => dispatch(handlers, context, channel, input);
}

/** Another program's SQLite database (a customer list), in rollback-journal mode as most programs leave them. */
function foreignDatabase(path: string, wal = false): void {
  const db = new Database(path);
  if (wal) db.pragma('journal_mode = WAL');
  db.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, '张三');");
  db.close();
}

/**
 * A workbook with a `-wal` beside it that belongs to another copy of it: copy x → y, y moves on (and is
 * checkpointed), x writes a log; x's log is put beside y. Replaying it would mix pages of two different files.
 */
async function workbookWithForeignLog(dir: string): Promise<string> {
  const x = join(dir, 'x.mswb');
  const y = join(dir, 'y.mswb');
  open(x, true).close();
  copyFileSync(x, y);
  const ours = open(y);
  ours.db.prepare("UPDATE task SET remark = '备份前的备注' WHERE id = 1").run();
  await ours.backup('manual');
  ours.close();
  const other = new Database(y);
  for (let i = 0; i < 300; i++) other.prepare('INSERT INTO unit (name) VALUES (?)').run(`单位${i}${'甲'.repeat(200)}`);
  other.prepare('DELETE FROM target WHERE id % 2 = 0').run();
  other.close();
  const writer = new Database(x);
  writer.pragma('wal_autocheckpoint = 0');
  for (let i = 0; i < 50; i++) writer.prepare('UPDATE task SET remark = ? WHERE id = ?').run(`改${i}${'乙'.repeat(500)}`, (i % 31) + 1);
  copyFileSync(`${x}-wal`, `${y}-wal`);
  writer.close();
  rmSync(x);
  return y;
}

describe('opening decides before writing anything', () => {
  it("another program's SQLite file is refused, byte for byte untouched (CLI info, 打开, the file association)", async () => {
    const dir = tempDir();
    const path = join(dir, 'f.db');
    foreignDatabase(path);
    const before = folderState(dir);

    const info = cli('info', '--db', path, '--json');
    expect(info.code).toBe(1);
    expect(info.stderr).toContain('不是民生规划工作簿');
    expect(info.stdout).toBe('');
    expect(folderState(dir)).toEqual(before);

    const app = session(path);
    expect(app.open()).toBe(false);
    expect(app.failureReason).toBe('foreign');
    expect(app.failure).toContain('不是民生规划工作簿');
    expect(app.failure).not.toMatch(/SQLITE|malformed|database/i);
    // the recovery screen answers without touching the file either
    const recovery = await sessionCall(app)('recovery-state');
    expect(recovery).toMatchObject({ ok: true, value: { damaged: true, reason: 'foreign' } });
    expect(folderState(dir)).toEqual(before);
    // still another program's file: its table is there and nothing of ours was added
    const check = new Database(path, { readonly: true });
    expect(check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([{ name: 'customers' }]);
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    check.close();
  });

  it('a foreign SQLite file in WAL mode with its log beside it is refused, log untouched', () => {
    const dir = tempDir();
    const path = join(dir, 'other.mswb');
    foreignDatabase(path, true);
    // the other program is still running: its log holds the last rows
    const running = new Database(path);
    running.pragma('wal_autocheckpoint = 0');
    running.prepare("INSERT INTO customers VALUES (2, '李四')").run();
    copyFileSync(path, join(dir, 'copy.mswb'));
    copyFileSync(`${path}-wal`, join(dir, 'copy.mswb-wal'));
    running.close();
    const copy = join(dir, 'copy.mswb');
    const before = folderState(dir);
    const app = session(copy);
    expect(app.open()).toBe(false);
    expect(app.failureReason).toBe('foreign');
    expect(folderState(dir)).toEqual(before);
  });

  it('a -wal from another copy is refused with the file and the log unchanged; recovery lists the verified backups', async () => {
    const dir = tempDir();
    const path = await workbookWithForeignLog(dir);
    expect(listBackups(path)).toHaveLength(1);
    const before = folderState(dir);
    expect(Object.keys(before)).toContain('y.mswb-wal');

    const app = session(path);
    expect(app.open()).toBe(false);
    expect(app.failureReason).toBe('foreign-wal');
    expect(app.failure).toContain('y.mswb-wal');
    expect(app.failure).toContain('都未做任何改动');
    expect(folderState(dir)).toEqual(before);
    expect(existsSync(`${path}-shm`)).toBe(false);

    const recovery = await sessionCall(app)('recovery-state');
    expect(recovery.ok && recovery.value).toMatchObject({
      damaged: true,
      reason: 'foreign-wal',
      backups: [{ verified: true, reasonLabel: '手动' }],
    });
    expect(folderState(dir)).toEqual(before);
    // the CLI says the same and leaves it alone too
    const info = cli('info', '--db', path);
    expect(info.code).toBe(1);
    expect(info.stderr).toContain('日志文件');
    expect(folderState(dir)).toEqual(before);
  });

  it('the log a crash left beside this very file is replayed: the last committed edit is there', () => {
    const dir = tempDir();
    const path = join(dir, 'crashed.mswb');
    open(path, true).close();
    const writer = new Database(path);
    writer.pragma('wal_autocheckpoint = 0');
    writer.prepare("UPDATE task SET remark = '崩溃前的最后一笔' WHERE id = 3").run();
    // the state a power cut or a killed process leaves: the file and its log, no clean close
    const crashed = join(dir, 'copy.mswb');
    copyFileSync(path, crashed);
    copyFileSync(`${path}-wal`, `${crashed}-wal`);
    writer.close();
    const workbook = open(crashed);
    expect(workbook.db.prepare('SELECT remark FROM task WHERE id = 3').get()).toEqual({ remark: '崩溃前的最后一笔' });
    workbook.close();
  });

  it('an empty file is refused, never opened as an empty workbook; twenty starts later the backups still hold the plan', async () => {
    const dir = tempDir();
    const path = join(dir, 'z.mswb');
    const good = open(path, true);
    await good.backup('manual');
    good.close();
    writeFileSync(path, '');
    const backupsBefore = folderState(backupDir(path));
    for (let start = 0; start < 20; start++) {
      const app = session(path);
      expect(app.open()).toBe(false);
      expect(app.failureReason).toBe('empty');
    }
    expect(readFileSync(path).length).toBe(0);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(folderState(backupDir(path))).toEqual(backupsBefore);
    const [backup] = listBackups(path);
    const copy = new Database(join(backupDir(path), backup?.file ?? ''), { readonly: true });
    expect(copy.prepare('SELECT COUNT(*) AS n FROM plan').get()).toEqual({ n: 1 });
    copy.close();
    const info = cli('info', '--db', path);
    expect(info.code).toBe(1);
    expect(info.stderr).toContain('空文件');
  });

  it('a file cut short (an interrupted copy) is refused untouched', () => {
    const dir = tempDir();
    const path = join(dir, 'half.mswb');
    open(path, true).close();
    truncateSync(path, 64 * 1024);
    const before = folderState(dir);
    const app = session(path);
    expect(app.open()).toBe(false);
    expect(app.failureReason).toBe('truncated');
    expect(app.failure).toContain('不完整');
    expect(folderState(dir)).toEqual(before);
  });

  it('a workbook from a newer version is refused with its bytes and companions unchanged', () => {
    const dir = tempDir();
    const path = join(dir, 'newer.mswb');
    open(path, true).close();
    const raw = new Database(path);
    raw.prepare("INSERT INTO schema_migration (version, name, applied_at) VALUES (99, 'future', 'x')").run();
    raw.close();
    const before = folderState(dir);
    const app = session(path);
    expect(app.open()).toBe(false);
    expect(app.failureReason).toBe('newer');
    expect(app.failure).toContain('更新版本');
    expect(folderState(dir)).toEqual(before);
  });

  it('a workbook from before the identity was written is adopted once, after a verified backup', () => {
    const dir = tempDir();
    const path = join(dir, 'old.mswb');
    open(path, true).close();
    const raw = new Database(path);
    raw.pragma('application_id = 0');
    raw.close();
    const workbook = open(path);
    expect(Number(workbook.db.pragma('application_id', { simple: true }))).toBe(APPLICATION_ID);
    workbook.close();
    const backups = listBackups(path);
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatchObject({ reason: 'migration', verified: true });
    const copy = new Database(join(backupDir(path), backups[0]?.file ?? ''), { readonly: true });
    // the backup is the workbook as it was, before it was stamped
    expect(Number(copy.pragma('application_id', { simple: true }))).toBe(0);
    copy.close();
    open(path).close();
    expect(listBackups(path)).toHaveLength(1);
  });

  it('a missing workbook is created only on the very first start; once it had backups, its absence goes to recovery', async () => {
    const dir = tempDir();
    const path = join(dir, 'workbook.mswb');
    expect(mayCreateAtStart(path, path)).toBe(true);
    expect(mayCreateAtStart(join(dir, 'other.mswb'), path)).toBe(false);
    const first = new WorkbookSession(path, (file, how) =>
      openWorkbook(file, { resources, actor: 'tester', ...how, create: how?.create ?? mayCreateAtStart(file, path) }),
    );
    expect(first.open()).toBe(true);
    await first.workbook.backup('open');
    first.close();
    // the file disappears (a restore that failed half-way in an older version, a user who moved it)
    rmSync(path);
    const before = folderState(dir);
    const next = new WorkbookSession(path, (file, how) =>
      openWorkbook(file, { resources, actor: 'tester', ...how, create: how?.create ?? mayCreateAtStart(file, path) }),
    );
    expect(next.open()).toBe(false);
    expect(next.failureReason).toBe('missing');
    expect(existsSync(path)).toBe(false);
    const recovery = await sessionCall(next)('recovery-state');
    expect(recovery.ok && recovery.value).toMatchObject({ damaged: true, reason: 'missing', backups: [{ verified: true }] });
    expect(folderState(dir)).toEqual(before);
  });
});

describe('the command line never creates a workbook except with init', () => {
  it('a mistyped path is an error (exit 1) and no file appears; init into a missing folder says so (exit 1)', () => {
    const dir = tempDir();
    for (const args of [
      ['info', '--db', join(dir, 'typo.mswb')],
      ['floor', '--db', join(dir, 'typo.mswb')],
      ['import-plan', join(repoRoot, 'db', 'seed', 'dazhou-2017-equalization-plan.txt'), '--db', join(dir, 'typo.mswb')],
      ['export-xlsx', '--db', join(dir, 'typo.mswb'), '--out', join(dir, 'out.xlsx')],
    ]) {
      const result = cli(...args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toContain('找不到工作簿文件');
      expect(result.stderr).toContain('init');
    }
    expect(folderState(dir)).toEqual({});
    const init = cli('init', '--db', join(dir, 'no-such-folder', 'plan.mswb'));
    expect(init.code).toBe(1);
    expect(init.stderr).toContain('文件夹');
    expect(init.stderr).toContain('不存在');
    expect(init.stderr).not.toContain('内部错误');
    expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
    // init itself leaves nothing half-made: the workbook appears whole, with no temporary files beside it
    expect(cli('init', '--db', join(dir, 'plan.mswb')).code).toBe(0);
    expect(Object.keys(folderState(dir))).toEqual(['plan.mswb']);
  });
});

describe('restore never destroys the only good copy', () => {
  it('a restore that runs out of space half-way leaves the workbook and its log exactly as they were', async () => {
    const dir = tempDir();
    const path = join(dir, 'r.mswb');
    const workbook = open(path, true);
    const backup = await workbook.backup('manual');
    workbook.db.pragma('wal_autocheckpoint = 0');
    workbook.db.prepare("UPDATE task SET remark = '备份之后的修改' WHERE id = 2").run();
    // a snapshot of the file and its log as a crash left them: the restore must not lose the log either
    mkdirSync(join(dir, 'crashed'));
    const crashed = join(dir, 'crashed', 'r.mswb');
    copyFileSync(path, crashed);
    copyFileSync(`${path}-wal`, `${crashed}-wal`);
    workbook.close();
    const before = folderState(join(dir, 'crashed'));
    // a real full disk for the child: it may not write a file larger than 100 KB (the workbook is ~250 KB)
    const child = spawnSync(
      'bash',
      [
        '-c',
        `ulimit -f 100; exec "${process.execPath}" --import tsx test/reliability/restore-child.ts "${crashed}" "${join(backupDir(path), backup.file)}"`,
      ],
      {
        cwd: repoRoot,
        encoding: 'utf8',
      },
    );
    expect(child.stdout.trim()).toMatch(/^refused: 恢复失败（磁盘空间不足）/);
    expect(child.stdout).toContain('没有任何改动');
    expect(folderState(join(dir, 'crashed'))).toEqual(before);
    const reopened = open(crashed);
    expect(reopened.db.prepare('SELECT remark FROM task WHERE id = 2').get()).toEqual({ remark: '备份之后的修改' });
    reopened.close();
  });
});
