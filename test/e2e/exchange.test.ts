import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { chooseMenu, screenshots, useWorkbenchSessions } from './session';

const sessions = useWorkbenchSessions();

describe('Excel/WPS exchange from the File menu', () => {
  it('exports, takes an edited copy back after a preview, and the grid shows it', async () => {
    const { page, workbook, setNextSavePath, setNextPickedFile } = await sessions.open('exchange');
    const file = join(sessions.dir(), '计划.xlsx');
    setNextSavePath(file);
    await chooseMenu(page, '文件', '导出Excel…');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('已导出');
    expect(existsSync(file)).toBe(true);

    const book = XLSX.read(readFileSync(file), { type: 'buffer' });
    (book.Sheets['任务'] as XLSX.WorkSheet).K5 = { t: 's', v: 'Excel里改的备注' };
    writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    setNextPickedFile(file);
    await chooseMenu(page, '文件', '导入', '导入Excel（回导）…');
    const dialog = page.getByTestId('import-xlsx-dialog');
    await expect.poll(() => dialog.textContent()).toContain('Excel里改的备注');
    expect(await dialog.getByTestId('import-summary').textContent()).toContain('任务');
    await page.screenshot({ path: join(screenshots, 'import-xlsx-preview-1366x768.png') });
    await dialog.getByRole('button', { name: /确认导入/ }).click();
    await expect.poll(() => page.locator('.ag-row[row-id="2"] .ag-cell[col-id="remark"]').textContent()).toBe('Excel里改的备注');
    expect(workbook.db.prepare('SELECT remark FROM task WHERE number = 2').get()).toEqual({ remark: 'Excel里改的备注' });
  });

  it('imports a budget sheet in 元 through the mapping dialog as a new baseline', async () => {
    const { page, setNextPickedFile } = await sessions.open('budget-import');
    const file = join(sessions.dir(), '2018预算.xlsx');
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        ['2018年一般公共预算支出'],
        ['单位：元'],
        ['科目编码', '科目名称', '预算数'],
        ['2050202', '小学教育', 1_620_000_000],
        ['2010301', '行政运行', 500_000_000],
        ['', '合计', 2_120_000_000],
      ]),
      '支出',
    );
    writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    setNextPickedFile(file);
    await chooseMenu(page, '文件', '导入', '导入预算表…');
    const dialog = page.getByTestId('budget-import-dialog');
    await expect.poll(() => page.getByTestId('budget-import-total').textContent()).toContain('识别 2 行，合计 212,000.00 万元');
    expect(await dialog.getByLabel('金额单位').inputValue()).toBe('yuan');
    await page.screenshot({ path: join(screenshots, 'budget-import-1366x768.png') });
    await dialog.getByRole('button', { name: '导入为新基线' }).click();
    await page.getByRole('button', { name: '预算与情景' }).click();
    await expect.poll(() => page.getByTestId('scenario-select').locator('option:checked').textContent()).toBe('2018预算');
    await expect.poll(() => page.getByTestId('floor-share').textContent()).toBe('76.42%');
  });

  it("takes an org's returned packet change by change: the unticked one is left out", async () => {
    const { page, workbook, setNextSavePath, setNextPickedFile } = await sessions.open('packet-return');
    const file = join(sessions.dir(), '人社局报送表.xlsx');
    setNextSavePath(file);
    await chooseMenu(page, '文件', '单位报送表', '导出单位报送表…');
    const exportDialog = page.getByRole('dialog', { name: '导出单位报送表' });
    await exportDialog.getByLabel('单位').selectOption({ label: '市人力资源社会保障局' });
    await exportDialog.getByRole('button', { name: '导出…' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('已导出 1 个报送表');

    const book = XLSX.read(readFileSync(file), { type: 'buffer' });
    const sheet = book.Sheets['报送表'] as XLSX.WorkSheet;
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1 });
    const row = (label: string): number => rows.findIndex((r) => r[3] === label) + 1;
    sheet[`I${row('城镇新增就业')}`] = { t: 'n', v: 3.6 };
    sheet[`I${row('城乡居民参保率')}`] = { t: 'n', v: 97 };
    writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    setNextPickedFile(file);
    await chooseMenu(page, '文件', '单位报送表', '导入单位报送表…');
    const dialog = page.getByTestId('packet-import-dialog');
    await expect.poll(() => dialog.locator('tbody tr').count()).toBe(2);
    await dialog.getByRole('checkbox', { name: '接受：城乡居民参保率' }).uncheck();
    await dialog.getByRole('button', { name: '接受选中的 1 处修改' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('已接受“市人力资源社会保障局”报送的 1 处修改');
    // 3.6 (万人, as the packet writes it) is stored in the target's base unit
    expect(workbook.db.prepare("SELECT actual FROM target WHERE label = '城镇新增就业' AND actual IS NOT NULL").all()).toEqual([
      { actual: 36000 },
    ]);
    expect(workbook.db.prepare("SELECT actual FROM target WHERE label = '城乡居民参保率'").get()).toEqual({ actual: null });
  });
});
