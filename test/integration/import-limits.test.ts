import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { readXlsx } from '../../src/core/exchange/read-xlsx';
import type { BudgetInspect, BudgetMapped } from '../../src/shared/exchange';
import { invoker, newWorkbook, tempDir } from './helpers';

/** Issue #14, case 7: a row or column beyond a reading limit is an error that names it, never a silent cut. */

function writeBook(path: string, fill: (sheet: XLSX.WorkSheet) => void): string {
  const sheet = XLSX.utils.aoa_to_sheet([
    ['科目编码', '科目名称', '金额'],
    ['2050202', '小学教育', 100],
    ['2080501', '离退休', 200],
  ]);
  fill(sheet);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, '预算');
  writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
  return path;
}

const mapping = { sheet: '预算', headerRow: 0, codeColumn: 0, nameColumn: 1, amountColumn: 2, unit: 'wan' as const };

describe('imports never drop rows or columns silently', () => {
  it('a budget line at row 250,000 (empty rows between) is named as beyond the row limit; nothing is imported', async () => {
    const path = writeBook(join(tempDir(), 'far.xlsx'), (sheet) =>
      XLSX.utils.sheet_add_aoa(sheet, [['2100101', '远处的一行', 300]], { origin: 'A250000' }),
    );
    const workbook = newWorkbook();
    const invoke = invoker(workbook);
    invoke.dialogs.open = path;
    const inspect = await invoke('budget-import-inspect', {});
    if (!inspect.ok) throw new Error(inspect.error.message);
    const { token } = inspect.value as BudgetInspect;
    const preview = await invoke('budget-import-preview', { token, mapping });
    const mapped = (preview.ok ? preview.value : null) as BudgetMapped | null;
    expect(mapped?.problems).toEqual([
      expect.objectContaining({
        where: '工作表“预算” 第250000行 A列',
        message: expect.stringContaining('第250000行有数据，超过了可读取的200,000行上限'),
      }),
    ]);
    const before = workbook.db.prepare('SELECT COUNT(*) AS n FROM budget_line').get();
    const applied = await invoke('budget-import-apply', { token, mapping, baselineName: '不应导入' });
    expect(applied).toMatchObject({
      ok: false,
      error: { kind: 'bad_input', details: [expect.objectContaining({ where: '工作表“预算” 第250000行 A列' })] },
    });
    expect(workbook.db.prepare('SELECT COUNT(*) AS n FROM budget_line').get()).toEqual(before);
  });

  it('a value in the 205th column is named as beyond the column limit', async () => {
    const path = writeBook(join(tempDir(), 'wide.xlsx'), (sheet) => XLSX.utils.sheet_add_aoa(sheet, [['多出来的数']], { origin: 'GW3' }));
    const invoke = invoker(newWorkbook());
    invoke.dialogs.open = path;
    const inspect = await invoke('budget-import-inspect', {});
    if (!inspect.ok) throw new Error(inspect.error.message);
    const preview = await invoke('budget-import-preview', { token: (inspect.value as BudgetInspect).token, mapping });
    expect(preview.ok && (preview.value as BudgetMapped).problems).toEqual([
      expect.objectContaining({
        where: '工作表“预算” 第3行 GW列',
        message: expect.stringContaining('第205列（GW列）有数据，超过了可读取的200列上限'),
      }),
    ]);
  });

  it('the reader finds the first cell past either limit, and reads everything when there is none', () => {
    const path = writeBook(join(tempDir(), 'small.xlsx'), (sheet) => XLSX.utils.sheet_add_aoa(sheet, [['x']], { origin: 'A40' }));
    const bytes = new Uint8Array(readFileSync(path));
    expect(readXlsx(bytes, 'small.xlsx', { maxRows: 30, maxColumns: 10 }).sheets[0]?.beyond).toEqual({
      row: 39,
      column: 0,
      limit: 'rows',
      max: 30,
    });
    expect(readXlsx(bytes, 'small.xlsx', { maxRows: 30, maxColumns: 2 }).sheets[0]?.beyond).toEqual({
      row: 0,
      column: 2,
      limit: 'columns',
      max: 2,
    });
    const whole = readXlsx(bytes, 'small.xlsx', { maxRows: 40, maxColumns: 3 }).sheets[0];
    expect(whole?.beyond).toBeNull();
    expect(whole?.rowCount).toBe(40);
  });
});
