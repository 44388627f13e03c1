import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkbookAt } from '../../src/app/handlers/workbook-files';
import { folderAcceptsFiles, opensAsLocalCopy } from '../../src/app/removable';
import { contentHash } from '../../src/app/store/content-hash';
import { contextFor, fileDb, invoker, newWorkbook, tempDir } from './helpers';

describe('workbook files', () => {
  it('Save As writes a copy through SQLite, work continues in it, and opening the copy shows the same content', async () => {
    const dir = tempDir();
    const workbook = newWorkbook(join(dir, 'original.mswb'));
    const context = contextFor(workbook);
    const invoke = invoker(workbook, context);
    await invoke('task-update', { edits: [{ taskId: 1, field: 'remark', value: '另存前的修改' }] });
    const before = contentHash(workbook.db);
    context.dialogs.save = join(dir, 'copy');
    const saved = await invoke('workbook-save-as', {});
    expect(saved).toMatchObject({ ok: true, value: { path: join(dir, 'copy.mswb') } });
    expect(context.session.path).toBe(join(dir, 'copy.mswb'));
    expect(contentHash(fileDb(context.session.workbook))).toBe(before);

    // back to the original, then the copy from 最近打开
    context.dialogs.open = join(dir, 'original.mswb');
    expect((await invoke('workbook-open', {})).ok).toBe(true);
    const recent = await invoke('workbook-recent', {});
    expect(recent.ok && (recent.value as { recent: { path: string }[] }).recent.map((r) => r.path)).toEqual([
      join(dir, 'original.mswb'),
      join(dir, 'copy.mswb'),
    ]);
    expect((await invoke('workbook-open-recent', { path: join(dir, 'copy.mswb') })).ok).toBe(true);
    expect(contentHash(fileDb(context.session.workbook))).toBe(before);
    // only paths from the list can be opened by name
    const refused = await invoke('workbook-open-recent', { path: '/etc/passwd' });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('新建 creates a workbook with the reference plan and the example budget; an existing file is never overwritten', async () => {
    const dir = tempDir();
    const workbook = newWorkbook(join(dir, 'first.mswb'));
    const context = contextFor(workbook);
    const invoke = invoker(workbook, context);
    context.dialogs.save = join(dir, '2018.mswb');
    expect((await invoke('workbook-new', {})).ok).toBe(true);
    expect(existsSync(join(dir, '2018.mswb'))).toBe(true);
    expect((context.session.workbook.db.prepare('SELECT COUNT(*) AS n FROM task').get() as { n: number }).n).toBe(31);
    context.dialogs.save = join(dir, 'first.mswb');
    const again = await invoke('workbook-new', {});
    expect(again).toMatchObject({ ok: false, error: { kind: 'conflict' } });
  });

  it('a workbook on removable media is opened as a local copy, leaving the stick untouched', async () => {
    const dir = tempDir();
    const stick = newWorkbook(join(dir, 'stick.mswb'));
    stick.db.prepare("UPDATE task SET remark = 'U盘上的' WHERE id = 1").run();
    const hash = contentHash(stick.db);
    stick.close();
    const workbook = newWorkbook(join(dir, 'local.mswb'));
    const context = contextFor(workbook);
    context.session.copyInFrom(join(dir, 'stick.mswb'), join(context.localFolder, 'stick.mswb'));
    expect(context.session.path).toBe(join(context.localFolder, 'stick.mswb'));
    expect(contentHash(fileDb(context.session.workbook))).toBe(hash);
    const local = '/home/a/.local/share/MinshengWorkbench';
    expect(await opensAsLocalCopy('/media/usb/plan.mswb', local, 'linux')).toBe(true);
    expect(await opensAsLocalCopy('/run/media/a/U盘/plan.mswb', local, 'linux')).toBe(true);
    expect(await opensAsLocalCopy('/home/a/plan.mswb', local, 'linux')).toBe(false);
    expect(await opensAsLocalCopy('/Volumes/KINGSTON/plan.mswb', local, 'darwin')).toBe(true);
    // a disk the OS cannot describe is treated as the riskier case; the app's own folder never is
    expect(await opensAsLocalCopy('/srv/plan.mswb', local, 'aix')).toBe(true);
    expect(await opensAsLocalCopy(`${local}/plan.mswb`, local, 'aix')).toBe(false);
  });

  it('a workbook where no file can be created (a write-protected stick) is opened as a local copy, the stick untouched', async () => {
    const dir = tempDir();
    const onStick = newWorkbook(join(dir, '写保护.mswb'));
    onStick.db.pragma('wal_checkpoint(TRUNCATE)');
    onStick.close();
    const bytes = readFileSync(join(dir, '写保护.mswb'));
    const context = contextFor(newWorkbook());
    const writeProtected = (folder: string): boolean =>
      folderAcceptsFiles(folder, (probe) => {
        if (probe.startsWith(dir)) throw Object.assign(new Error('EROFS: read-only file system, open'), { code: 'EROFS' });
      });
    const result = await openWorkbookAt(context, join(dir, '写保护.mswb'), writeProtected);
    expect(result.path).toBe(join(context.localFolder, '写保护.mswb'));
    expect(result.note).toContain('所在位置不能写入（写保护的U盘、光盘或只读共享），已复制到本机');
    expect(context.session.isOpen).toBe(true);
    expect(readdirSync(dir)).toEqual(['写保护.mswb']);
    expect(readFileSync(join(dir, '写保护.mswb')).equals(bytes)).toBe(true);
  });

  it('tells a folder that takes no new files from one that does, by trying', () => {
    const dir = tempDir();
    expect(folderAcceptsFiles(dir)).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
    for (const code of ['EROFS', 'EACCES', 'EPERM']) {
      expect(
        folderAcceptsFiles(dir, () => {
          throw Object.assign(new Error(code), { code });
        }),
      ).toBe(false);
    }
    // a folder that does not exist is not "write-protected": opening reports it in its own words
    expect(folderAcceptsFiles(join(dir, '没有'))).toBe(true);
  });

  it('Save As onto a file the dialog asked to replace replaces it (and its stale log); one someone has open is refused', async () => {
    const dir = tempDir();
    const old = newWorkbook(join(dir, '2018.mswb'));
    old.close();
    writeFileSync(join(dir, '2018.mswb-wal'), 'a log that belonged to the replaced file');
    const workbook = newWorkbook(join(dir, 'current.mswb'));
    const context = contextFor(workbook);
    const invoke = invoker(workbook, context);
    await invoke('task-update', { edits: [{ taskId: 1, field: 'remark', value: '替换后的内容' }] });
    context.dialogs.save = join(dir, '2018.mswb');
    expect(await invoke('workbook-save-as', {})).toMatchObject({ ok: true, value: { path: join(dir, '2018.mswb') } });
    expect(existsSync(join(dir, '2018.mswb-wal')) && readFileSync(join(dir, '2018.mswb-wal'), 'utf8').startsWith('a log')).toBe(false);
    expect(context.session.workbook.db.prepare('SELECT remark FROM task WHERE id = 1').get()).toEqual({ remark: '替换后的内容' });

    // a colleague's window has 2019.mswb open: it is not replaced under them
    const held = newWorkbook(join(dir, '2019.mswb'));
    const before = readFileSync(join(dir, '2019.mswb'));
    context.dialogs.save = join(dir, '2019.mswb');
    const refused = await invoke('workbook-save-as', {});
    expect(refused).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringContaining('不能替换') } });
    expect(readFileSync(join(dir, '2019.mswb')).equals(before)).toBe(true);
    held.close();

    // a name typed without the extension that only then matches a file was never confirmed as a replacement
    context.dialogs.save = join(dir, '2019');
    expect(await invoke('workbook-save-as', {})).toMatchObject({
      ok: false,
      error: { kind: 'conflict', message: expect.stringContaining('文件已存在') },
    });
  });

  it('Save As onto a USB stick writes one finished file there and keeps working on the local workbook', async () => {
    mkdirSync('/media', { recursive: true });
    const stick = mkdtempSync('/media/minsheng-stick-');
    try {
      const workbook = newWorkbook();
      const context = contextFor(workbook);
      const invoke = invoker(workbook, context);
      await invoke('task-update', { edits: [{ taskId: 1, field: 'remark', value: '带走的内容' }] });
      context.dialogs.save = join(stick, '带走.mswb');
      const saved = await invoke('workbook-save-as', {});
      expect(saved).toMatchObject({ ok: true, value: { path: workbook.path, note: expect.stringContaining('可以直接拔出带走') } });
      expect(context.session.path).toBe(workbook.path);
      expect(readdirSync(stick)).toEqual(['带走.mswb']);
      const copy = newWorkbook(join(stick, '带走.mswb'));
      expect(copy.db.prepare('SELECT remark FROM task WHERE id = 1').get()).toEqual({ remark: '带走的内容' });
      copy.close();
    } finally {
      rmSync(stick, { recursive: true, force: true });
    }
  });
});
