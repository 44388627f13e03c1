import { linkSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDir } from '../../src/app/store/backups';
import { cli, contextFor, folderState, invoker, newWorkbook, tempDir } from './helpers';

/** Issue #14, case 4: an export or Save As never lands on the open workbook or a file that belongs to it. */

describe('exports refuse the open workbook and its companions', () => {
  it('export-xlsx and export-csv onto the workbook or its -wal are refused (exit 1), the files unchanged', () => {
    const dir = tempDir();
    const db = join(dir, 'e.mswb');
    expect(cli('init', '--db', db).code).toBe(0);
    const before = folderState(dir);
    for (const args of [
      ['export-xlsx', '--db', db, '--out', db],
      ['export-csv', '--db', db, '--sheet', '任务', '--out', db],
      ['export-csv', '--db', db, '--sheet', '任务', '--out', `${db}-wal`],
      ['export-xlsx', '--db', db, '--out', join(dir, 'x', '..', 'e.mswb')],
    ]) {
      const result = cli(...args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toMatch(/不能写入“.*”：它是(当前打开的工作簿|工作簿的附属文件“e\.mswb-wal”)，写入会覆盖工作簿的数据/);
      expect(folderState(dir)).toEqual(before);
    }
  });

  it('the Save dialog answering with the workbook by another name (a link, a hard link, ..) is refused; the backup folder too', async () => {
    const dir = tempDir();
    const workbook = newWorkbook(join(dir, 'e.mswb'));
    await workbook.backup('manual');
    const invoke = invoker(workbook);
    symlinkSync(workbook.path, join(dir, 'shortcut.xlsx'));
    linkSync(workbook.path, join(dir, 'hardlink.xlsx'));
    mkdirSync(join(dir, 'sub'));
    const before = folderState(dir);
    for (const target of [
      join(dir, 'shortcut.xlsx'),
      join(dir, 'hardlink.xlsx'),
      join(dir, 'sub', '..', 'e.mswb'),
      join(backupDir(workbook.path), '导出.xlsx'),
    ]) {
      invoke.dialogs.save = target;
      const result = await invoke('xlsx-export', {});
      expect(result, target).toMatchObject({ ok: false, error: { kind: 'bad_input', message: expect.stringContaining('不能写入') } });
    }
    invoke.dialogs.folder = backupDir(workbook.path);
    expect(await invoke('packet-export', {})).toMatchObject({ ok: false, error: { message: expect.stringContaining('备份文件夹') } });
    expect(folderState(dir)).toEqual(before);
    // a real export goes through and leaves nothing temporary beside it
    invoke.dialogs.save = join(dir, '计划.xlsx');
    expect((await invoke('xlsx-export', {})).ok).toBe(true);
    expect(Object.keys(folderState(dir)).filter((name) => !(name in before))).toEqual(['计划.xlsx']);
  });

  it('Save As onto the workbook by another spelling is refused, and a Save As copy is complete when it appears', async () => {
    const dir = tempDir();
    const workbook = newWorkbook(join(dir, 'e.mswb'));
    const context = contextFor(workbook);
    const invoke = invoker(workbook, context);
    mkdirSync(join(dir, 'sub'));
    context.dialogs.save = join(dir, 'sub', '..', 'e.mswb');
    expect(await invoke('workbook-save-as', {})).toMatchObject({ ok: false });
    expect(context.session.path).toBe(workbook.path);
    context.dialogs.save = join(dir, '副本.mswb');
    expect((await invoke('workbook-save-as', {})).ok).toBe(true);
    expect(Object.keys(folderState(dir)).filter((name) => name.startsWith('.'))).toEqual([]);
  });
});
