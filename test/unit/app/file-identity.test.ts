import { describe, expect, it } from 'vitest';
import { workbookFileRole } from '../../../src/app/file-identity';

/** Spelling variants of the workbook that only a case-insensitive disk (Windows, macOS) treats as the same file. */
describe('the workbook by another spelling', () => {
  it('on Windows, case does not make another file', () => {
    expect(workbookFileRole('D:\\数据\\E.MSWB', 'D:\\数据\\e.mswb', 'win32')).toBe('当前打开的工作簿');
    expect(workbookFileRole('D:\\数据\\e.MSWB-WAL', 'D:\\数据\\e.mswb', 'win32')).toContain('e.mswb-wal');
    expect(workbookFileRole('D:\\数据\\e.xlsx', 'D:\\数据\\e.mswb', 'win32')).toBeNull();
  });

  it('on Linux, case does make another file; companions and the backup folder are recognised', () => {
    expect(workbookFileRole('/data/E.mswb', '/data/e.mswb', 'linux')).toBeNull();
    expect(workbookFileRole('/data/e.mswb.lock', '/data/e.mswb', 'linux')).toContain('e.mswb.lock');
    expect(workbookFileRole('/data/e.mswb.backups/x.xlsx', '/data/e.mswb', 'linux')).toBe('工作簿的备份文件夹');
  });
});
