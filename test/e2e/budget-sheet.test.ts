import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type BudgetLineRow, budgetLinesFromTable } from '../../src/shared/budget';
import type { WorkbenchSession } from '../harness';
import { cell, clipboard, screenshots, useWorkbenchSessions, waitSaved } from './session';

/** The budget grid as a spreadsheet (issue 16, item 1): ranges, blocks, fills, Delete = baseline, 按比例调整. */

const sessions = useWorkbenchSessions();

async function openBudget(name: string): Promise<WorkbenchSession> {
  const session = await sessions.open(name);
  await clipboard.allow(session.page);
  await session.page.getByRole('button', { name: '预算与情景' }).click();
  await session.page.getByTestId('budget-view').locator('.ag-row[row-id="1"]').waitFor();
  return session;
}

async function newScenario(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: '新建情景' }).click();
  await page.getByTestId('question-dialog').getByRole('textbox').fill(name);
  await page.getByTestId('question-dialog').getByRole('button', { name: '确定' }).click();
  await expect.poll(() => page.getByTestId('scenario-select').locator('option:checked').textContent()).toBe(name);
}

const lines = async (page: Page): Promise<BudgetLineRow[]> =>
  budgetLinesFromTable(
    await page.evaluate(async () => {
      const result = await window.workbench!['budget-view']({});
      if (!result.ok) throw new Error(result.error.message);
      return result.value.lines;
    }),
  );

/** The seven 205 教育支出 lines of the example baseline, in grid order. */
const education = async (page: Page): Promise<BudgetLineRow[]> => (await lines(page)).filter((line) => line.classCode === '205');

const badge = (page: Page) => page.getByTestId('override-count').textContent();
const lastAction = (session: WorkbenchSession): string =>
  (session.workbook.db.prepare('SELECT label FROM action ORDER BY id DESC LIMIT 1').get() as { label: string }).label;
const actionCount = (session: WorkbenchSession): number =>
  (session.workbook.db.prepare('SELECT COUNT(*) AS n FROM action').get() as { n: number }).n;
const wan = (fen: number): string => (fen / 1_000_000).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const totalCell = (page: Page) => page.locator('.ag-row-pinned .ag-cell[col-id="amount"]');

describe('the budget grid edits like a spreadsheet', () => {
  it('-5% pasted over the seven 教育 amounts is one action; the badge counts them at once; undo takes them back', async () => {
    const session = await openBudget('budget-paste-pct');
    const { page } = session;
    await newScenario(page, '教育压减5%');
    const seven = await education(page);
    expect(seven).toHaveLength(7);
    const [first, last] = [seven[0] as BudgetLineRow, seven[6] as BudgetLineRow];
    await cell(page, first.id, 'amount').click();
    await cell(page, last.id, 'amount').click({ modifiers: ['Shift'] });
    await expect.poll(() => page.locator('.ag-cell.in-range').count()).toBe(7);
    const before = actionCount(session);
    await clipboard.write(page, '-5%');
    await page.keyboard.press('Control+v');
    await waitSaved(page);
    await expect.poll(() => badge(page)).toBe('调整 7 处');
    expect(actionCount(session)).toBe(before + 1);
    expect(lastAction(session)).toBe('情景“教育压减5%”：粘贴到7个单元格');
    for (const line of seven)
      await expect.poll(() => cell(page, line.id, 'amount').textContent()).toContain(wan(Math.round(line.amountFen * 0.95)));
    expect(await cell(page, first.id, 'amount').getAttribute('class')).toContain('overridden');
    // the 合计 row follows at once
    const total = (await lines(page)).reduce((sum, line) => sum + line.amountFen, 0);
    await expect.poll(() => totalCell(page).textContent()).toBe(wan(total));

    await page.keyboard.press('Control+z');
    await expect.poll(() => badge(page)).toBe('调整 0 处');
    await expect.poll(() => cell(page, first.id, 'amount').textContent()).toBe(wan(first.amountFen));
  });

  it('+500 typed and Ctrl+Enter fills a range; Ctrl+D fills down; Delete and ↺ go back to the baseline', async () => {
    const session = await openBudget('budget-fill');
    const { page } = session;
    await newScenario(page, '试算');
    const [preschool, primary, middle, high] = await education(page);
    if (!preschool || !primary || !middle || !high) throw new Error('example baseline changed');

    // a range by keyboard, then what is typed goes into all of it
    await cell(page, preschool.id, 'amount').click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await expect.poll(() => page.locator('.ag-cell.in-range').count()).toBe(3);
    await page.keyboard.type('+500');
    await page.keyboard.press('Control+Enter');
    await waitSaved(page);
    await expect.poll(() => badge(page)).toBe('调整 3 处');
    expect(lastAction(session)).toBe('情景“试算”：填充3个单元格');
    await expect.poll(() => cell(page, middle.id, 'amount').textContent()).toContain(wan(middle.amountFen + 500_000_000));

    // Ctrl+D: the top cell's figure down the range
    await cell(page, preschool.id, 'amount').click();
    await cell(page, high.id, 'amount').click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+d');
    await waitSaved(page);
    await expect.poll(() => badge(page)).toBe('调整 4 处');
    await expect.poll(() => cell(page, high.id, 'amount').textContent()).toContain(wan(preschool.amountFen + 500_000_000));

    // Delete: the range back to the baseline, one action
    await cell(page, primary.id, 'amount').click();
    await cell(page, high.id, 'amount').click({ modifiers: ['Shift'] });
    await page.keyboard.press('Delete');
    await waitSaved(page);
    await expect.poll(() => badge(page)).toBe('调整 1 处');
    expect(lastAction(session)).toBe('情景“试算”：3个单元格恢复基线');
    await expect.poll(() => cell(page, high.id, 'amount').textContent()).toBe(wan(high.amountFen));
    expect(await cell(page, high.id, 'amount').getAttribute('class')).not.toContain('overridden');

    // ↺ in the one cell left
    await cell(page, preschool.id, 'amount').getByRole('button', { name: '恢复基线' }).click();
    await waitSaved(page);
    await expect.poll(() => badge(page)).toBe('调整 0 处');
    await expect.poll(() => cell(page, preschool.id, 'amount').textContent()).toBe(wan(preschool.amountFen));
    expect(lastAction(session)).toBe(`情景“试算”：“${preschool.name}”的金额恢复基线`);
  });

  it('copies a block with Ctrl+C and pastes it with Ctrl+V in the baseline; a refused block names the row by code and name', async () => {
    const session = await openBudget('budget-block');
    const { page } = session;
    const all = await lines(page);
    const [preschool, primary] = await education(page);
    const vocational = all.find((line) => line.code === '2050302');
    const high = all.find((line) => line.code === '2050204');
    if (!preschool || !primary || !vocational || !high) throw new Error('example baseline changed');
    const driverAfterHigh = all[all.indexOf(high) + 1] as BudgetLineRow;

    await cell(page, preschool.id, 'name').click();
    await cell(page, primary.id, 'amount').click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+c');
    await expect
      .poll(() => clipboard.read(page))
      .toBe(`${preschool.name}\t教育支出\t自动\t${wan(preschool.amountFen)}\r\n${primary.name}\t教育支出\t自动\t${wan(primary.amountFen)}`);

    // the amounts alone into two lines of which the second is priced by quantity × rate: refused, named as shown
    await clipboard.write(page, `${wan(preschool.amountFen)}\r\n${wan(primary.amountFen)}`);
    await cell(page, high.id, 'amount').click();
    await page.keyboard.press('Control+v');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('整批未做任何修改');
    expect(await alert.textContent()).toContain(`${driverAfterHigh.code} ${driverAfterHigh.name}「金额（万元）」`);
    expect(session.workbook.db.prepare('SELECT amount_fen AS a FROM budget_line WHERE id = ?').get(high.id)).toEqual({ a: high.amountFen });
    await alert.getByRole('button', { name: '关闭提示' }).click();

    await cell(page, vocational.id, 'amount').click();
    await page.keyboard.press('Control+v');
    await waitSaved(page);
    await expect.poll(() => cell(page, vocational.id, 'amount').textContent()).toBe(wan(preschool.amountFen));
    const next = all[all.indexOf(vocational) + 1] as BudgetLineRow;
    expect(session.workbook.db.prepare('SELECT amount_fen AS a FROM budget_line WHERE id = ?').get(next.id)).toEqual({
      a: primary.amountFen,
    });
    expect(lastAction(session)).toBe('基线：粘贴2行×1列');

    // a value the workbook refuses: the detail names the line by its code and name
    await cell(page, vocational.id, 'amount').click();
    await clipboard.write(page, '很多');
    await page.keyboard.press('Control+v');
    await expect.poll(() => alert.textContent()).toContain(`${vocational.code} ${vocational.name}「金额」`);

    // 删除行 acts on the lines of the selected range
    await cell(page, vocational.id, 'name').click();
    await cell(page, next.id, 'name').click({ modifiers: ['Shift'] });
    await page.getByRole('button', { name: '删除行' }).click();
    const question = page.getByTestId('question-dialog');
    expect(await question.textContent()).toContain('删除选中的2个预算行');
    await question.getByRole('button', { name: '删除' }).click();
    await waitSaved(page);
    await expect.poll(() => page.locator(`.ag-row[row-id="${next.id}"]`).count()).toBe(0);
    expect(session.workbook.db.prepare('SELECT COUNT(*) AS n FROM budget_line WHERE id IN (?, ?)').get(vocational.id, next.id)).toEqual({
      n: 0,
    });
  });

  it('按比例调整… scales a 功能分类 or the selection as one action', async () => {
    const session = await openBudget('budget-scale');
    const { page } = session;
    expect(await page.getByRole('button', { name: '按比例调整…' }).isDisabled()).toBe(true);
    await newScenario(page, '教育加3%');
    const seven = await education(page);
    const [first, second] = seven as [BudgetLineRow, BudgetLineRow];

    await cell(page, first.id, 'amount').click();
    await cell(page, second.id, 'amount').click({ modifiers: ['Shift'] });
    await page.getByRole('button', { name: '按比例调整…' }).click();
    const dialog = page.getByTestId('scale-dialog');
    expect(await dialog.getByRole('radio', { name: /选中的 2 行/ }).isChecked()).toBe(true);
    await dialog.getByRole('combobox', { name: '功能分类' }).selectOption('205');
    await dialog.getByLabel('调整比例').fill('3');
    const baseFen = seven.reduce((sum, line) => sum + line.baseAmountFen, 0);
    expect(await page.getByTestId('scale-preview').textContent()).toContain(
      `7 行，基线合计 ${wan(baseFen)} 万元，调整后约 ${wan(Math.round(baseFen * 1.03))} 万元`,
    );
    const before = actionCount(session);
    await dialog.getByRole('button', { name: '调整' }).click();
    await waitSaved(page);
    await expect.poll(() => badge(page)).toBe('调整 7 处');
    expect(actionCount(session)).toBe(before + 1);
    expect(lastAction(session)).toBe('情景“教育加3%”：功能分类205（7行）金额按比例调整+3%');
    for (const line of seven)
      await expect.poll(() => cell(page, line.id, 'amount').textContent()).toContain(wan(Math.round(line.baseAmountFen * 1.03)));
    await page.screenshot({ path: join(screenshots, 'budget-sheet-1366x768.png') });

    // the selection: two lines, -10%
    await cell(page, first.id, 'amount').click();
    await cell(page, second.id, 'amount').click({ modifiers: ['Shift'] });
    await page.getByRole('button', { name: '按比例调整…' }).click();
    await dialog.getByLabel('调整比例').fill('-10');
    await dialog.getByRole('button', { name: '调整' }).click();
    await waitSaved(page);
    await expect.poll(() => cell(page, second.id, 'amount').textContent()).toContain(wan(Math.round(second.baseAmountFen * 0.9)));
    expect(lastAction(session)).toBe('情景“教育加3%”：选中的2行金额按比例调整-10%');
    await expect.poll(() => badge(page)).toBe('调整 7 处');
  });

  it('shows the budget grid with a selected range at 1920×1080', async () => {
    const session = await openBudget('budget-wide');
    const { page } = session;
    await page.setViewportSize({ width: 1920, height: 1080 });
    await newScenario(page, '情景A');
    const seven = await education(page);
    await clipboard.write(page, '+2%');
    await cell(page, (seven[0] as BudgetLineRow).id, 'amount').click();
    await cell(page, (seven[3] as BudgetLineRow).id, 'amount').click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+v');
    await waitSaved(page);
    await expect.poll(() => badge(page)).toBe('调整 4 处');
    await page.screenshot({ path: join(screenshots, 'budget-sheet-1920x1080.png') });
  });
});
