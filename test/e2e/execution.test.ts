import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { classOnlyTable, writeXlsxFile } from '../fixtures/execution-tables';
import { screenshots, useWorkbenchSessions, waitSaved } from './session';

const sessions = useWorkbenchSessions();

async function openExecution(name: string) {
  const session = await sessions.open(name);
  await session.page.getByRole('button', { name: '预算执行' }).click();
  await session.page.getByTestId('execution-view').locator('[data-testid="execution-classes"] .ag-row').first().waitFor();
  await session.page.getByTestId('execution-chart').locator('canvas').waitFor();
  return session;
}

const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();

describe('预算执行', () => {
  it('shows the example budget: the share so far, each method with what 民生 still needs, the chart and classes, at 1366×768', async () => {
    const { page, consoleErrors } = await openExecution('execution-first');
    const view = page.getByTestId('execution-view');
    expect(await view.textContent()).toContain('示例数据（非真实执行数据）');
    expect(await text(page, 'execution-share')).toMatch(/^\d{2}\.\d\d%$/);
    const projections = page.getByTestId('execution-projections');
    for (const label of ['预算按计划执行完毕', '按上年同期进度', '按已过月份直线推算'])
      expect(await projections.textContent()).toContain(label);
    expect(await text(page, 'execution-range')).toMatch(/预计年底民生占比 \d{2}\.\d\d%～\d{2}\.\d\d%（3种方法）/);
    // one money unit in the view: the panel and the projections in 万元, as the grid (no 亿元 beside a 万元 grid)
    expect(await projections.textContent()).toContain('单位：万元');
    expect(await view.textContent()).not.toContain('亿元');
    // lights for classes far behind the time schedule
    expect(
      await view.locator('[data-testid="execution-classes"] .light.yellow, [data-testid="execution-classes"] .light.red').count(),
    ).toBeGreaterThan(0);
    const box = await page.getByTestId('execution-chart').boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(1366);
    expect(consoleErrors).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'execution-1366x768.png') });

    // by line: the lines of a class under its header
    await view.getByRole('radio', { name: '按科目' }).click();
    await view.locator('[data-testid="execution-lines"] .group-row').first().waitFor();
    expect(await view.locator('[data-testid="execution-lines"] .group-row').first().textContent()).toMatch(/个科目 · 累计/);
    await page.screenshot({ path: join(screenshots, 'execution-lines-1366x768.png') });
  });

  it('imports a table through the dialog, then a corrected one for the same period: differences first, one undoable action each', async () => {
    const { page, setNextPickedFile } = await openExecution('execution-import');
    const dir = sessions.dir();
    const first = join(dir, '通川区2017年6月.xlsx');
    writeXlsxFile(first, [{ name: 'Sheet1', rows: classOnlyTable() }]);
    setNextPickedFile(first);
    await page.getByRole('button', { name: '导入执行表…' }).click();
    const dialog = page.getByTestId('execution-import-dialog');
    await dialog.getByTestId('execution-import-summary').waitFor();
    expect(await dialog.getByLabel('新地区名称').inputValue()).toBe('通川区');
    expect(await dialog.getByTestId('execution-import-sheets').textContent()).toContain('2017年1-6月');
    expect(await dialog.getByTestId('execution-import-summary').textContent()).toContain('6个科目');
    await page.screenshot({ path: join(screenshots, 'execution-import-1366x768.png') });
    await dialog.getByRole('button', { name: /^导入/ }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('已导入“通川区2017年6月.xlsx”到“通川区”');
    expect(await page.getByTestId('execution-budget-select').locator('option:checked').textContent()).toBe('通川区');
    expect(await text(page, 'execution-share')).toBe('80.61%');

    const revised = classOnlyTable();
    (revised[4] as unknown[])[5] = 28_000;
    const second = join(dir, '通川区更正.xlsx');
    writeXlsxFile(second, [{ name: 'Sheet1', rows: revised }]);
    setNextPickedFile(second);
    await page.getByRole('button', { name: '导入执行表…' }).click();
    await dialog.getByTestId('execution-import-replaces').waitFor();
    expect(await dialog.getByTestId('execution-import-replaces').textContent()).toContain('1个科目不同');
    expect(await dialog.getByTestId('execution-import-replaces').textContent()).toContain('27,000.00');
    await page.screenshot({ path: join(screenshots, 'execution-replace-1366x768.png') });
    await dialog.getByRole('button', { name: /替换并导入/ }).click();
    await expect.poll(() => text(page, 'execution-share')).toBe('80.84%'); // 67,500 / 83,500
    await page.keyboard.press('Control+z');
    await expect.poll(() => text(page, 'execution-share')).toBe('80.61%');
  });

  it('enters a month by hand in the grid; a bad cell is refused with its place', async () => {
    const { page } = await openExecution('execution-entry');
    await page.getByTestId('execution-entry-toggle').click();
    const grid = page.getByTestId('execution-lines');
    const cell = grid.locator('.ag-row:not(.ag-row-pinned)').first().locator('.ag-cell[col-id="cumulative"]');
    await cell.dblclick();
    const editor = page.locator('.ag-cell-editor input, .ag-cell-inline-editing input').first();
    await editor.fill('99999');
    await editor.press('Enter');
    await waitSaved(page);
    await expect.poll(() => cell.textContent()).toBe('99,999.00');
    await cell.dblclick();
    await editor.fill('很多');
    await editor.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('「累计数」');
    expect(await cell.textContent()).toBe('99,999.00');
    await page.screenshot({ path: join(screenshots, 'execution-entry-1366x768.png') });
  });

  it('按执行进度生成情景 opens the projected scenario in 预算与情景 with the projected share', async () => {
    const { page } = await openExecution('execution-scenario');
    await page.getByTestId('execution-scenario').click();
    const dialog = page.getByTestId('execution-scenario-dialog');
    const chosen = await dialog.locator('label:has(input:checked)').textContent();
    const share = /预计民生占比 (\d{2}\.\d\d%)/.exec(chosen ?? '')?.[1];
    await dialog.getByRole('button', { name: '生成情景' }).click();
    await page.getByTestId('budget-view').waitFor();
    await expect.poll(() => page.getByTestId('scenario-select').locator('option:checked').textContent()).toContain('执行推算');
    await expect.poll(() => page.getByTestId('floor-share').textContent()).toBe(share);
  });
});

describe('民生支出执行情况 report', () => {
  it('prints the budget and period on screen, with 单位：万元 and 合计 rows that add up', async () => {
    const { page } = await openExecution('execution-report');
    await page.getByTestId('execution-budget-select').selectOption({ label: '宣汉县（示例）' });
    await expect.poll(() => page.getByTestId('execution-budget-select').locator('option:checked').textContent()).toBe('宣汉县（示例）');
    await page.getByRole('button', { name: '报告' }).click();
    await page.getByRole('radio', { name: '民生支出执行情况' }).check();
    const report = page.locator('[data-testid="report-document"][data-kind="execution"]');
    await report.waitFor();
    expect(await report.locator('.report-subtitle').textContent()).toContain('宣汉县（示例）　2017年1-6月');
    expect(await report.textContent()).toContain('单位：万元');
    expect(await report.textContent()).toContain('示例数据（非真实执行数据）');
    const table = report.locator('.report-table').nth(1);
    const toCents = (text: string): number => Math.round(Number(text.replaceAll(',', '')) * 100);
    for (const column of [4, 5]) {
      // the 合计 row is the table's last body row (a <tfoot> would print again at the foot of every page)
      const parts = await table.locator(`tbody tr:not(.total) td:nth-child(${column})`).allTextContents();
      const total = await table.locator(`tbody tr.total td:nth-child(${column})`).textContent();
      expect(parts.reduce((sum, part) => sum + toCents(part), 0)).toBe(toCents(total ?? ''));
    }
    await page.screenshot({ path: join(screenshots, 'execution-report-1366x768.png') });
  });
});

describe('区县对比', () => {
  it('ranks the budgets by share with their projected range against the floor and the city-wide total', async () => {
    const { page } = await sessions.open('counties');
    await page.getByRole('button', { name: '区县对比' }).click();
    const sheet = page.getByTestId('counties-sheet');
    const rows = sheet.locator('.ag-row:not(.ag-row-pinned)');
    await rows.first().waitFor();
    await page.getByTestId('counties-chart').locator('canvas').waitFor();
    expect(await rows.count()).toBe(8);
    expect(await sheet.locator('.ag-row-pinned').textContent()).toContain('全市合计');
    expect(await page.getByTestId('counties-view').textContent()).toContain('金额单位：万元');
    const ranks = await rows.locator('.ag-cell[col-id="rank"]').allTextContents();
    expect(ranks).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    await page.screenshot({ path: join(screenshots, 'counties-1366x768.png') });
  });
});
