import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/app/store/connection';
import { invoker, newWorkbook, tempDir } from './helpers';

/** Issue 20, item 10: a copy of the .mswb made in Explorer while the app is open holds every acknowledged edit. */
describe('copying the workbook file while it is open', () => {
  const remarkIn = (path: string): unknown => {
    const db = openDatabase(path, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT remark FROM task WHERE id = 1').get() as { remark: string }).remark;
    } finally {
      db.close();
    }
  };

  it('gets every edit, undo and redo so far, without the -wal beside it', async () => {
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    const copyAlone = (): string => {
      const copy = join(tempDir(), '拷到U盘.mswb');
      copyFileSync(workbook.path, copy);
      expect(existsSync(`${copy}-wal`)).toBe(false);
      return copy;
    };
    expect((await invoke('task-update', { edits: [{ taskId: 1, field: 'remark', value: '刚改的' }] })).ok).toBe(true);
    expect(remarkIn(copyAlone())).toBe('刚改的');
    expect((await invoke('history-undo', {})).ok).toBe(true);
    expect(remarkIn(copyAlone())).toBe('');
    expect((await invoke('history-redo', {})).ok).toBe(true);
    expect(remarkIn(copyAlone())).toBe('刚改的');
  });
});
