import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDocx } from '../fixtures/docx-builder';
import type { TargetRow } from '../../src/shared/grid';
import { cell, chooseMenu, editCell, screenshots, useWorkbenchSessions } from './session';

const sessions = useWorkbenchSessions();
const open = sessions.open;

describe('the task grid', () => {
  it('shows the default plan in Chinese at 1366×768 with nothing cut off', async () => {
    const { page, consoleErrors } = await open('first');
    await expect.poll(() => page.locator('.status-bar').textContent()).toContain('任务 31 项');
    // the share is asked for after the task grid is painted, and arrives without opening the budget
    await expect.poll(() => page.getByTestId('status-floor').textContent()).toMatch(/民生占比 7\d\.\d\d% ✔ 达标/);
    expect(await cell(page, 1, 'title').textContent()).toBe('普惠性学前教育');
    expect(await cell(page, 1, 'leadOrgs').textContent()).toBe('市教育局');
    // every column fits the window: no horizontal scroll at 1366 wide
    const lastHeader = await page.locator('.ag-header-cell[col-id="remark"]').boundingBox();
    const grid = await page.locator('.ag-root-wrapper').boundingBox();
    expect(lastHeader && grid && lastHeader.x + lastHeader.width).toBeLessThanOrEqual((grid?.x ?? 0) + (grid?.width ?? 0));
    // AG Grid's injected theme styles were allowed by the CSP nonce: the header is themed
    const wrapperBorder = await page.locator('.ag-root-wrapper').evaluate((el) => getComputedStyle(el).borderTopStyle);
    expect(wrapperBorder).toBe('solid');
    const styleTags = await page.evaluate(() => [...document.querySelectorAll('style')].map((s) => s.nonce !== ''));
    expect(styleTags.length).toBeGreaterThan(0);
    expect(styleTags.every(Boolean)).toBe(true);
    expect(consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'tasks-1366x768.png') });
  });

  it('follows what was done elsewhere: a target met in 指标 and an org renamed in 责任单位 show in the task grid', async () => {
    const { page, invoked } = await open('follows');
    await expect.poll(() => cell(page, 1, 'targets').textContent()).toMatch(/^0\/\d+$/);
    const total = (await cell(page, 1, 'targets').textContent())?.split('/')[1];
    const target = await page.evaluate(async () => {
      const result = await window.workbench!['target-list']({});
      if (!result.ok) throw new Error(result.error.message);
      return result.value.targets.find(
        (t: TargetRow) => t.taskNumber === 1 && t.comparator === '>=' && t.value !== null && t.relativeToYear === null,
      );
    });
    expect(target).toBeDefined();
    await page.getByRole('button', { name: '指标', exact: true }).click();
    await page.getByTestId('targets-view').locator('.ag-row[row-id]').first().waitFor();
    const callsBefore = invoked.length;
    await editCell(page, target!.id, 'actual', String(target!.value));
    await page.getByRole('button', { name: '任务', exact: true }).click();
    await expect.poll(() => cell(page, 1, 'targets').textContent()).toBe(`1/${total}`);
    // the write's answer relabelled 撤销 and said which tables changed: one round trip, then the task rows reloaded
    await expect
      .poll(() => page.getByRole('button', { name: '撤销' }).getAttribute('title'))
      .toBe(`撤销：修改指标“${target!.label}”的实际值`);
    // (the status bar's poll for changes made by other processes aside)
    const calls = invoked.slice(callsBefore).filter((channel) => channel !== 'workbook-status');
    expect(calls[0]).toBe('target-update');
    // then only the task rows, whose lights and counts are drawn from targets, are read again
    expect(calls.slice(1).every((channel) => channel === 'task-list')).toBe(true);
    expect(calls).toContain('task-list');

    await page.getByRole('button', { name: '责任单位', exact: true }).click();
    const orgRow = page.getByTestId('owners-view').locator('.ag-row', { hasText: '市教育局' }).first();
    const orgId = await orgRow.getAttribute('row-id');
    await editCell(page, Number(orgId), 'name', '市教育和体育局');
    await page.getByRole('button', { name: '任务', exact: true }).click();
    await expect.poll(() => cell(page, 1, 'leadOrgs').textContent()).toBe('市教育和体育局');
  });

  it('keeps an edited cell after a reload, in the page and in the workbook', async () => {
    const { page, workbook } = await open('edit');
    await editCell(page, 6, 'remark', '每月10日前报送进度');
    expect(workbook.db.prepare('SELECT remark FROM task WHERE id = 6').get()).toEqual({ remark: '每月10日前报送进度' });
    await page.reload();
    await page.locator('.ag-row[row-id="6"]').waitFor();
    expect(await cell(page, 6, 'remark').textContent()).toBe('每月10日前报送进度');
  });

  it('shows a hostile string as text and runs nothing', async () => {
    const { page, workbook } = await open('hostile');
    const hostile = '<img src=x onerror="window.__pwned=1">';
    await editCell(page, 2, 'remark', hostile);
    await page.reload();
    await page.locator('.ag-row[row-id="2"]').waitFor();
    expect(await cell(page, 2, 'remark').textContent()).toBe(hostile);
    expect(await cell(page, 2, 'remark').locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(workbook.db.prepare('SELECT remark FROM task WHERE id = 2').get()).toEqual({ remark: hostile });
  });

  it('undoes and redoes with Ctrl+Z / Ctrl+Y across a reload', async () => {
    const { page, workbook } = await open('undo');
    await editCell(page, 3, 'progressNote', '已完成招生');
    await page.reload();
    await page.locator('.ag-row[row-id="3"]').waitFor();
    await cell(page, 3, 'number').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => cell(page, 3, 'progressNote').textContent()).toBe('');
    expect(workbook.db.prepare('SELECT progress_note AS p FROM task WHERE id = 3').get()).toEqual({ p: '' });
    await page.keyboard.press('Control+y');
    await expect.poll(() => cell(page, 3, 'progressNote').textContent()).toBe('已完成招生');
  });

  it('imports a Word plan after a preview that shows where each task came from, with an owner fixed, and the change log lists edits', async () => {
    const { page, setNextPickedFile, workbook } = await open('import');
    const file = join(sessions.dir(), '某市2018年实施计划.docx');
    // the numbers are Word's automatic numbering, not in the text
    const lists = {
      1: [
        { format: 'chineseCounting', pattern: '%1、' },
        { format: 'chineseCounting', pattern: '（%2）' },
      ],
      2: [{ format: 'decimalFullWidth', pattern: '%1．' }],
    };
    writeFileSync(
      file,
      buildDocx(
        [
          { kind: 'p', text: '某市2018年实施计划' },
          { kind: 'p', text: '主要任务', numId: 1, level: 0 },
          { kind: 'p', text: '教育', numId: 1, level: 1 },
          { kind: 'p', text: '学前教育。新建幼儿园6~8所。（牵头单位：市教育局，配合单位：市财政局）', numId: 2, level: 0 },
          { kind: 'p', text: '义务教育。新增学位800个，义务教育巩固率达到95%。', numId: 2, level: 0 },
        ],
        lists,
      ),
    );
    setNextPickedFile(file);
    await chooseMenu(page, '文件', '导入计划…');
    await page.getByRole('button', { name: '选择文件…' }).click();
    const preview = page.getByTestId('plan-preview');
    await expect.poll(() => preview.textContent()).toContain('2 项任务');
    expect(await preview.textContent()).toContain('Word文档（.docx）');
    // each task shows its source place; the task without owners is flagged with its place
    expect(await preview.locator('tr[data-task="1"] .place').textContent()).toBe('第4段');
    expect(await page.getByTestId('plan-warnings').textContent()).toContain('第5段：任务2“义务教育”没有识别到责任单位');
    await page.getByRole('button', { name: '修改任务2的责任单位' }).click();
    await page.getByLabel('牵头单位').fill('市教育局');
    await page.getByLabel('配合单位').fill('市财政局、市发展改革委');
    await page.screenshot({ path: join(screenshots, 'import-preview-owner-fix-1366x768.png') });
    await page.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => preview.locator('tr[data-task="2"] .owners').first().textContent()).toBe('市教育局');
    await page.screenshot({ path: join(screenshots, 'import-preview-1366x768.png') });
    await page.getByRole('button', { name: '确认导入' }).click();
    await expect.poll(() => page.locator('.status-bar').textContent()).toContain('任务 2 项');
    const owners = workbook.db
      .prepare(
        `SELECT u.name, o.role FROM task_owner o JOIN unit u ON u.id = o.unit_id JOIN task t ON t.id = o.task_id
         WHERE t.plan_id = (SELECT MAX(id) FROM plan) AND t.number = 2 ORDER BY o.ord`,
      )
      .all();
    expect(owners).toEqual([
      { name: '市教育局', role: 'lead' },
      { name: '市财政局', role: 'co' },
      { name: '市发展改革委', role: 'co' },
    ]);

    await editCell(page, 32, 'remark', '新计划备注');
    await page.getByRole('button', { name: '变更记录' }).click();
    await page.getByTestId('history-view').locator('.ag-row').first().waitFor();
    expect(await page.getByTestId('history-view').textContent()).toContain('修改任务1的备注');
    await page.screenshot({ path: join(screenshots, 'history-1366x768.png') });
  });
});
