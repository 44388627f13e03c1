import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TargetRow } from '../../src/shared/grid';
import type { WorkbenchSession } from '../harness';
import { cell, clipboard, focusedCell, screenshots, useWorkbenchSessions, waitSaved } from './session';

/** The keyboard of Excel/WPS in every grid (issue 16, item 4), and a selection that shows in every column (item 7). */

const sessions = useWorkbenchSessions();

async function openTargets(name: string): Promise<{ session: WorkbenchSession; rows: TargetRow[] }> {
  const session = await sessions.open(name);
  await clipboard.allow(session.page);
  await session.page.getByRole('button', { name: '指标', exact: true }).click();
  await session.page.getByTestId('targets-view').locator('.ag-row[row-id]').first().waitFor();
  const rows = await session.page.evaluate(async () => {
    const result = await window.workbench!['target-list']({});
    if (!result.ok) throw new Error(result.error.message);
    return result.value.targets;
  });
  return { session, rows };
}

const stored = (session: WorkbenchSession, id: number, column: 'actual' | 'due_date' | 'note'): unknown =>
  (session.workbook.db.prepare(`SELECT ${column} AS v FROM target WHERE id = ?`).get(id) as { v: unknown }).v;
const editorValue = (page: Page): Promise<string> => page.locator('.ag-cell-inline-editing input').inputValue();
const editing = (page: Page): Promise<number> => page.locator('.ag-cell-inline-editing').count();

describe('keys as in Excel/WPS', () => {
  it('typing starts an edit with that character; Enter saves and moves down, Shift+Enter up; Tab and Shift+Tab go over editable cells', async () => {
    const { session, rows } = await openTargets('keys-enter-tab');
    const { page } = session;
    const [first, second, third] = rows as [TargetRow, TargetRow, TargetRow];
    await cell(page, first.id, 'actual').click();
    await page.keyboard.type('72');
    expect(await editorValue(page)).toBe('72');
    await page.keyboard.press('Enter');
    await waitSaved(page);
    await expect.poll(() => stored(session, first.id, 'actual')).toBe(0.72);
    await expect.poll(() => focusedCell(page)).toBe(`${second.id}:actual`);
    // the row and its group's subtotals show the stored figures
    await expect.poll(() => cell(page, first.id, 'progress').textContent()).toBe('已达成');
    await expect.poll(() => page.locator(`.group-row[data-group="${first.domainOrdinal}"]`).textContent()).toContain('已达成1个');
    await expect.poll(() => editing(page)).toBe(0);
    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => focusedCell(page)).toBe(`${first.id}:actual`);
    await expect.poll(() => editing(page)).toBe(0);

    // Tab skips 完成率 and 进度状态, which cannot be edited; Shift+Tab comes back
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedCell(page)).toBe(`${first.id}:dueDate`);
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => focusedCell(page)).toBe(`${first.id}:actual`);

    // Tab while editing saves the cell and moves on without opening the next one
    await page.keyboard.press('ArrowDown');
    await page.keyboard.type('18');
    await page.keyboard.press('Tab');
    await waitSaved(page);
    await expect.poll(() => stored(session, second.id, 'actual')).toBe(18);
    await expect.poll(() => focusedCell(page)).toBe(`${second.id}:dueDate`);
    await expect.poll(() => editing(page)).toBe(0);
    // from the last editable cell of a row, Tab goes to the first of the next
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedCell(page)).toBe(`${second.id}:note`);
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedCell(page)).toBe(`${third.id}:label`);
  });

  it('F2 edits in place, Esc cancels', async () => {
    const { session, rows } = await openTargets('keys-f2-esc');
    const { page } = session;
    const [first, second] = rows as [TargetRow, TargetRow];
    await cell(page, second.id, 'actual').click();
    await page.keyboard.type('18');
    await page.keyboard.press('Enter');
    await waitSaved(page);
    await cell(page, second.id, 'actual').click();
    await page.keyboard.press('F2');
    expect(await editorValue(page)).toBe('18');
    await page.keyboard.press('End');
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    await waitSaved(page);
    await expect.poll(() => stored(session, second.id, 'actual')).toBe(185);

    await cell(page, first.id, 'actual').click();
    await page.keyboard.type('99');
    await expect.poll(() => editing(page)).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => editing(page)).toBe(0);
    await expect.poll(() => cell(page, first.id, 'actual').textContent()).toBe('');
    expect(stored(session, first.id, 'actual')).toBeNull();
    expect(await focusedCell(page)).toBe(`${first.id}:actual`);
  });

  it('the date cell takes typing — 2017年6月底, 2017-12-31 — with no calendar popping up', async () => {
    const { session, rows } = await openTargets('keys-date');
    const { page } = session;
    const [first, second] = rows as [TargetRow, TargetRow];
    await cell(page, first.id, 'dueDate').click();
    await page.keyboard.type('2017年6月底');
    expect(await page.locator('.ag-cell-inline-editing input').getAttribute('type')).toBe('text');
    expect(await page.locator('input[type="date"]').count()).toBe(0);
    expect(await editorValue(page)).toBe('2017年6月底');
    await page.keyboard.press('Enter');
    await waitSaved(page);
    await expect.poll(() => stored(session, first.id, 'due_date')).toBe('2017-06-30');
    await expect.poll(() => focusedCell(page)).toBe(`${second.id}:dueDate`);
    await page.keyboard.type('2017-12-31');
    await page.keyboard.press('Enter');
    await waitSaved(page);
    await expect.poll(() => stored(session, second.id, 'due_date')).toBe('2017-12-31');
    await expect.poll(() => cell(page, second.id, 'dueDate').textContent()).toBe('2017-12-31');
  });

  it('a value pasted right after a click lands in the clicked cell, also while another cell is being typed in', async () => {
    const { session, rows } = await openTargets('keys-paste-click');
    const { page } = session;
    const [first, second, third, fourth] = rows as [TargetRow, TargetRow, TargetRow, TargetRow];
    await clipboard.write(page, '备注甲');
    await cell(page, first.id, 'note').click();
    await page.keyboard.press('Control+v');
    await clipboard.write(page, '备注乙');
    await cell(page, second.id, 'note').click();
    await page.keyboard.press('Control+v');
    await waitSaved(page);
    await expect.poll(() => stored(session, second.id, 'note')).toBe('备注乙');
    expect(stored(session, first.id, 'note')).toBe('备注甲');

    await cell(page, third.id, 'note').click();
    await page.keyboard.type('C3');
    await cell(page, fourth.id, 'note').click();
    await page.keyboard.press('Control+v');
    await waitSaved(page);
    await expect.poll(() => stored(session, fourth.id, 'note')).toBe('备注乙');
    await expect.poll(() => stored(session, third.id, 'note')).toBe('C3');
  });

  it('Chinese typed through an input method starts an edit in the focused cell', async () => {
    const { session, rows } = await openTargets('keys-ime');
    const { page } = session;
    const [first, second] = rows as [TargetRow, TargetRow];
    await cell(page, first.id, 'note').click();
    // what an IME sends before composing (key "Process", keyCode 229); then the composed text is inserted
    await page.evaluate(() =>
      document.activeElement?.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Process', keyCode: 229, bubbles: true, cancelable: true } as KeyboardEventInit),
      ),
    );
    await page.keyboard.insertText('已核实');
    expect(await editorValue(page)).toBe('已核实');
    await page.keyboard.press('Enter');
    await waitSaved(page);
    await expect.poll(() => stored(session, first.id, 'note')).toBe('已核实');
    await expect.poll(() => focusedCell(page)).toBe(`${second.id}:note`);
  });

  it('a range selected in 实际值 shows over the column tint', async () => {
    const { session, rows } = await openTargets('range-visible');
    const { page } = session;
    const [first, , third, fourth] = rows as [TargetRow, TargetRow, TargetRow, TargetRow];
    await cell(page, first.id, 'actual').click();
    await cell(page, third.id, 'actual').click({ modifiers: ['Shift'] });
    await expect.poll(() => page.locator('.ag-cell.in-range').count()).toBe(3);
    const background = (id: number): Promise<string> => cell(page, id, 'actual').evaluate((el) => getComputedStyle(el).backgroundColor);
    const selected = await background(third.id);
    const unselected = await background(fourth.id);
    expect(unselected).toBe('rgb(251, 253, 243)'); // the entry column's tint
    expect(selected).toBe('rgb(214, 228, 245)'); // the selection, not the tint
    await page.screenshot({ path: join(screenshots, 'targets-range-1366x768.png') });
  });
});
