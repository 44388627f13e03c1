import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TargetRow } from '../../src/shared/grid';
import { cell, copyText, editCell, pasteText, screenshots, useWorkbenchSessions, waitSaved } from './session';

const sessions = useWorkbenchSessions();

async function openView(name: string, view: string, testId: string) {
  const session = await sessions.open(name);
  await session.page.getByRole('button', { name: view, exact: true }).click();
  await session.page.getByTestId(testId).locator('.ag-row[row-id]').first().waitFor();
  return session;
}

const targetId = (page: Page, label: string): Promise<number> =>
  page.evaluate(async (wanted) => {
    const result = await window.workbench!['target-list']({});
    if (!result.ok) throw new Error(result.error.message);
    return result.value.targets.find((t: TargetRow) => t.label === wanted)?.id ?? 0;
  }, label);

const changeLog = async (page: Page): Promise<string> => {
  await page.getByRole('button', { name: '变更记录' }).click();
  await page.getByTestId('history-view').locator('.ag-row').first().waitFor();
  return (await page.getByTestId('history-view').textContent()) ?? '';
};

describe('spreadsheet editing', () => {
  it('pastes a 3×2 block from Excel with 3.4万 and 70% as one action, and copies it back as TSV', async () => {
    const { page, workbook } = await openView('paste', '指标', 'targets-view');
    const first = await targetId(page, '城乡居民参保率');
    await cell(page, first, 'baseline').click();
    await pasteText(page, '95%\t97.5%\r\n70%\t76%\r\n3.4万\t16.2万\r\n');
    await waitSaved(page);
    await expect.poll(() => cell(page, first, 'actual').textContent()).toBe('97.5');
    const rows = workbook.db
      .prepare('SELECT label, baseline, actual FROM target WHERE id BETWEEN ? AND ? ORDER BY id')
      .all(first, first + 2);
    expect(rows).toEqual([
      { label: '城乡居民参保率', baseline: 0.95, actual: 0.975 },
      { label: '参保居民住院医疗费用政策范围内报销比例', baseline: 0.7, actual: 0.76 },
      { label: '参加失业保险', baseline: 34000, actual: 162000 },
    ]);
    expect(workbook.db.prepare("SELECT COUNT(*) AS n FROM action WHERE label = '粘贴3行×2列'").get()).toEqual({ n: 1 });

    // shift+click makes a range; Ctrl+C puts it on the clipboard as TSV
    await cell(page, first + 2, 'actual').click({ modifiers: ['Shift'] });
    expect(await copyText(page)).toBe('95\t97.5\r\n70\t76\r\n3.4\t16.2');
    await page.screenshot({ path: join(screenshots, 'targets-1366x768.png') });

    // one undo takes the whole paste back
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '撤销' }).click();
    await expect.poll(() => workbook.db.prepare('SELECT actual FROM target WHERE id = ?').get(first)).toEqual({ actual: null });
    expect(await changeLog(page)).toContain('粘贴3行×2列');
  });

  it('a paste with one bad cell changes nothing and says which cell', async () => {
    const { page, workbook } = await openView('paste-bad', '指标', 'targets-view');
    const first = await targetId(page, '城乡居民参保率');
    const before = workbook.db.prepare('SELECT * FROM target').all();
    await cell(page, first, 'baseline').click();
    await pasteText(page, '95%\t97%\n70%\t很多');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('整批未做任何修改');
    expect(await alert.textContent()).toContain('参保居民住院医疗费用政策范围内报销比例”「实际值」');
    expect(await alert.textContent()).toContain('很多');
    expect(workbook.db.prepare('SELECT * FROM target').all()).toEqual(before);
  });

  it('fills down with Ctrl+D, clears with Delete, and collapses a domain group', async () => {
    const { page, workbook } = await openView('fill', '任务', 'tasks-view');
    await cell(page, 1, 'status').click();
    await pasteText(page, '推进中');
    await waitSaved(page);
    await expect.poll(() => cell(page, 1, 'status').textContent()).toBe('推进中');
    // shift+arrows extend the range right after the save, with no click to re-focus the cell
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await expect.poll(() => page.locator('.ag-cell.in-range').count()).toBe(3);
    await page.keyboard.press('Control+d');
    await waitSaved(page);
    await expect.poll(() => cell(page, 3, 'status').textContent()).toBe('推进中');
    expect(workbook.db.prepare('SELECT status FROM task WHERE id IN (1,2,3)').all()).toEqual([
      { status: 'in_progress' },
      { status: 'in_progress' },
      { status: 'in_progress' },
    ]);

    await editCell(page, 4, 'remark', '待核');
    await cell(page, 4, 'remark').click();
    await page.keyboard.press('Delete');
    await waitSaved(page);
    await expect.poll(() => cell(page, 4, 'remark').textContent()).toBe('');

    const header = page.locator('.group-row[data-group="1"]');
    await header.click();
    await expect.poll(() => page.locator('.ag-row[row-id="2"]').count()).toBe(0);
    expect(await header.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('.ag-row[row-id="6"]').count()).toBe(1);
    await header.click();
    await expect.poll(() => page.locator('.ag-row[row-id="2"]').count()).toBe(1);

    const log = await changeLog(page);
    expect(log).toContain('向下填充2行');
    expect(log).toContain('清除1个单元格');
  });

  it('arrow keys that arrive before the browser focus has caught up still move one cell each', async () => {
    const { page } = await openView('fast-keys', '任务', 'tasks-view');
    await cell(page, 1, 'status').click();
    // both keys reach the first cell's element in one task, as keys from a macro tool or a busy machine do
    const keys = (key: string, shiftKey: boolean): Promise<void> =>
      page.evaluate(
        ([name, shift]) => {
          const target = document.activeElement;
          const init = { key: name, code: name, shiftKey: shift, bubbles: true, cancelable: true };
          for (let i = 0; i < 2; i++) target?.dispatchEvent(new KeyboardEvent('keydown', init));
        },
        [key, shiftKey] as const,
      );
    await keys('ArrowDown', true);
    await expect.poll(() => page.locator('.ag-cell.in-range').count()).toBe(3);
    expect(
      await page
        .locator('.ag-cell-focus')
        .first()
        .evaluate((el) => el.closest('.ag-row')?.getAttribute('row-id')),
    ).toBe('3');
    await keys('ArrowUp', false);
    await expect
      .poll(() =>
        page
          .locator('.ag-cell-focus')
          .first()
          .evaluate((el) => el.closest('.ag-row')?.getAttribute('row-id')),
      )
      .toBe('1');
    expect(await page.locator('.ag-cell.in-range').count()).toBe(1);
  });

  it('a paste that arrives in the same task as the click lands in the clicked cell', async () => {
    const { page, workbook } = await openView('click-paste', '任务', 'tasks-view');
    await cell(page, 1, 'remark').click();
    // the click and the paste reach the page before AG Grid's queued cell events run, as on a busy machine
    await page.evaluate(() => {
      const target = document.querySelector('.ag-row[row-id="2"] .ag-cell[col-id="remark"]');
      const press = { bubbles: true, cancelable: true, button: 0 };
      target?.dispatchEvent(new PointerEvent('pointerdown', press));
      target?.dispatchEvent(new MouseEvent('mousedown', press));
      const data = new DataTransfer();
      data.setData('text/plain', '点击后立即粘贴');
      target?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await waitSaved(page);
    await expect.poll(() => cell(page, 2, 'remark').textContent()).toBe('点击后立即粘贴');
    expect(workbook.db.prepare('SELECT id, remark FROM task WHERE id IN (1, 2) ORDER BY id').all()).toEqual([
      { id: 1, remark: '' },
      { id: 2, remark: '点击后立即粘贴' },
    ]);
  });

  it('the matrix toggles an org onto a task by click and keyboard, and the task grid follows', async () => {
    const { page, workbook } = await openView('matrix', '分工矩阵', 'matrix-view');
    // an org with no role on task 1 yet
    const { id: finance, name } = workbook.db
      .prepare('SELECT id, name FROM unit WHERE id NOT IN (SELECT unit_id FROM task_owner WHERE task_id = 1) ORDER BY id LIMIT 1')
      .get() as { id: number; name: string };
    const matrixCell = cell(page, 1, `org:${finance}`);
    expect(await matrixCell.textContent()).toBe('');
    await matrixCell.click();
    await expect.poll(() => matrixCell.textContent()).toBe('●');
    await page.keyboard.press('c');
    await expect.poll(() => matrixCell.textContent()).toBe('○');
    expect(workbook.db.prepare('SELECT role FROM task_owner WHERE task_id = 1 AND unit_id = ?').get(finance)).toEqual({ role: 'co' });
    await page.screenshot({ path: join(screenshots, 'matrix-1366x768.png') });

    await page.getByRole('button', { name: '任务', exact: true }).click();
    await page.locator('.ag-row[row-id="1"]').waitFor();
    expect((await cell(page, 1, 'coOrgs').getAttribute('title')) ?? (await cell(page, 1, 'coOrgs').textContent())).toBeTruthy();
    const coOrgs = await page.evaluate(async () => {
      const result = await window.workbench!['task-list']({});
      return result.ok ? (result.value[0]?.coOrgs ?? []) : [];
    });
    expect(coOrgs).toContain(name);
    expect(await changeLog(page)).toContain(`任务1：${name}设为配合`);
  });

  it('shows the owners list and the change log at 1366×768', async () => {
    const { page } = await openView('owners', '责任单位', 'owners-view');
    expect(await page.getByTestId('owners-view').textContent()).toContain('市教育局');
    await page.screenshot({ path: join(screenshots, 'owners-1366x768.png') });
    await editCell(page, 1, 'phone', '0818-2123456');
    await changeLog(page);
    await page.screenshot({ path: join(screenshots, 'history-filters-1366x768.png') });
  });
});
