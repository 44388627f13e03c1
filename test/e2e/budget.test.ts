import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cell, editCell, screenshots, useWorkbenchSessions, waitSaved } from './session';

const sessions = useWorkbenchSessions();

async function openBudget(name: string) {
  const session = await sessions.open(name);
  await session.page.getByRole('button', { name: '预算与情景' }).click();
  await session.page.getByTestId('budget-view').locator('.ag-row[row-id="1"]').waitFor();
  return session;
}

const share = (page: Page) => page.getByTestId('floor-share').textContent();
const verdict = (page: Page) => page.getByTestId('floor-verdict').textContent();
const lineId = (page: Page, name: string): Promise<number> =>
  page.evaluate(async (lineName) => {
    const result = await window.workbench!['budget-view']({});
    if (!result.ok) throw new Error(result.error.message);
    // the lines cross as columns (see budgetLineTableSchema)
    return result.value.lines.id[result.value.lines.name.indexOf(lineName)] ?? 0;
  }, name);

describe('budget and scenarios', () => {
  it('shows the example baseline with its floor panel at 1366×768, labelled as example data', async () => {
    const { page, consoleErrors } = await openBudget('budget-first');
    expect(await page.getByTestId('budget-view').textContent()).toContain('示例数据（非真实预算）');
    expect(await verdict(page)).toContain('达到底线');
    expect(await page.getByTestId('status-floor').textContent()).toMatch(/民生占比 7\d\.\d\d% ✔ 达标/);
    const panel = await page.getByTestId('floor-panel').boundingBox();
    expect(panel && panel.x + panel.width).toBeLessThanOrEqual(1366);
    expect(consoleErrors).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'budget-1366x768.png') });
  });

  it('changing a line updates the share and the verdict as soon as it is stored', async () => {
    const { page, workbook } = await openBudget('budget-edit');
    const before = await share(page);
    const id = await lineId(page, '预备费');
    // 预备费 is near the end of the list, below the fold at 1366×768: found as a user finds it
    await page.getByLabel('快速查找').fill('预备费');
    await editCell(page, id, 'amount', '2000000');
    await expect.poll(() => verdict(page)).toContain('低于底线');
    expect(await share(page)).not.toBe(before);
    expect(await cell(page, id, 'amount').textContent()).toContain('2,000,000.00');
    expect(workbook.db.prepare('SELECT amount_fen AS a FROM budget_line WHERE id = ?').get(id)).toEqual({ a: 2_000_000_000_000 });
    expect(await page.getByTestId('status-floor').textContent()).toContain('低于底线');
    // a bad amount is refused with the reason, and nothing changes
    await editCell(page, id, 'amount', '1.2345678').catch(() => undefined);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('分');
    expect(workbook.db.prepare('SELECT amount_fen AS a FROM budget_line WHERE id = ?').get(id)).toEqual({ a: 2_000_000_000_000 });
  });

  it('goal seek creates a new scenario that meets the target; compare shows the Δ of the changed line', async () => {
    const { page } = await openBudget('budget-goal');
    const id = await lineId(page, '初中教育');
    await cell(page, id, 'name').click();
    await page.getByTestId('open-goal-seek').click();
    const dialog = page.getByTestId('goal-seek-dialog');
    await dialog.getByLabel('目标民生占比').fill('76');
    await dialog.getByLabel('新情景名称').fill('目标76%');
    await dialog.getByRole('button', { name: '求解并另存为新情景' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('已另存为情景“目标76%”');
    await expect.poll(() => page.getByTestId('scenario-select').locator('option:checked').textContent()).toBe('目标76%');
    const shown = Number((await share(page))?.replace('%', ''));
    expect(shown).toBeGreaterThanOrEqual(76);
    expect(await cell(page, id, 'amount').getAttribute('class')).toContain('overridden');
    await page.screenshot({ path: join(screenshots, 'budget-scenario-1366x768.png') });

    await page.getByRole('button', { name: '情景对比' }).click();
    const compare = page.getByTestId('compare-view');
    await compare.locator('.ag-row').first().waitFor();
    const rows = await compare.locator('.ag-row').count();
    expect(rows).toBe(1); // only the changed line
    expect(await compare.locator('.ag-row').first().textContent()).toContain('初中教育');
    expect(await compare.locator('.ag-cell[col-id="delta-1"]').first().textContent()).toMatch(/^\+[\d,]+\.\d\d/);
    expect(await page.getByTestId('compare-metrics').textContent()).toContain('✔ 达标');
    await page.getByTestId('share-chart').locator('canvas').waitFor();
    await page.screenshot({ path: join(screenshots, 'compare-1366x768.png') });
  });

  it('a scenario edit with +5% is highlighted and 恢复基线 takes it back; undo works across views', async () => {
    const { page } = await openBudget('budget-revert');
    await page.getByRole('button', { name: '新建情景' }).click();
    await page.getByTestId('question-dialog').getByRole('textbox').fill('教育加5%');
    await page.getByTestId('question-dialog').getByRole('button', { name: '确定' }).click();
    await expect.poll(() => page.getByTestId('scenario-select').locator('option:checked').textContent()).toBe('教育加5%');
    const id = await lineId(page, '小学教育');
    const base = await cell(page, id, 'amount').textContent();
    await editCell(page, id, 'amount', '+5%');
    await expect.poll(() => cell(page, id, 'amount').textContent()).toContain('170,100.00'); // 162,000 × 1.05
    await cell(page, id, 'amount').getByRole('button', { name: '恢复基线' }).click();
    await waitSaved(page);
    await expect.poll(() => cell(page, id, 'amount').textContent()).toBe(base);
    await page.keyboard.press('Control+z');
    await expect.poll(() => cell(page, id, 'amount').textContent()).toContain('170,100.00');
  });
});

describe('what-if tools', () => {
  it('narrow 口径 drops below the floor; breakback restores it in a new scenario; sensitivity shows the contour', async () => {
    const { page } = await openBudget('budget-tools');
    await page.getByRole('button', { name: '修改口径与底线…' }).click();
    const settings = page.getByTestId('floor-settings-dialog');
    await settings.getByRole('button', { name: '窄口径（5类）' }).click();
    expect(await settings.textContent()).toContain('窄口径：教育');
    await page.screenshot({ path: join(screenshots, 'budget-settings-1366x768.png') });
    await settings.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => verdict(page)).toContain('低于底线');

    await page.getByRole('button', { name: '分摊…' }).click();
    const breakback = page.getByTestId('breakback-dialog');
    expect(await breakback.getByRole('radio', { name: /补足民生底线/ }).isChecked()).toBe(true);
    await breakback.getByRole('button', { name: '分摊并另存为新情景' }).click();
    await expect.poll(() => page.getByTestId('scenario-select').locator('option:checked').textContent()).toBe('补足民生底线');
    await expect.poll(() => verdict(page)).toContain('达到底线');
    const panel = (await page.getByTestId('floor-panel').textContent()) ?? '';
    // one money unit per view: the panel states 单位：万元 once, the figures follow without it
    expect(panel).toContain('单位：万元');
    expect(panel).toContain('恢复底线需增民生支出0.00');

    await page.getByRole('button', { name: '敏感性分析…' }).click();
    const sensitivity = page.getByTestId('sensitivity-dialog');
    await sensitivity.getByRole('button', { name: '计算' }).click();
    const table = page.getByTestId('sensitivity-table');
    await table.waitFor();
    expect(await table.locator('td.pass').count()).toBeGreaterThan(0);
    expect(await table.locator('td.fail').count()).toBeGreaterThan(0);
    expect(await table.locator('td.edge-right, td.edge-bottom').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(screenshots, 'sensitivity-1366x768.png') });
  });
});

describe('a target that takes its actual from the budget', () => {
  it('lists the scenarios without reading the budget lines and links the actual to the chosen one', async () => {
    const { page, workbook, invoked } = await sessions.open('share-link');
    await page.evaluate(async () => {
      const created = await window.workbench!['scenario-create']({ name: '压缩非民生' });
      if (!created.ok) throw new Error(created.error.message);
    });
    const target = workbook.db.prepare("SELECT id FROM target WHERE label LIKE '%民生支出比例%'").get() as { id: number };
    await page.getByRole('button', { name: '指标', exact: true }).click();
    await cell(page, target.id, 'label').click();
    const before = invoked.length;
    await page.getByRole('button', { name: '实际值取自…' }).click();
    const dialog = page.getByTestId('target-link-dialog');
    await dialog.getByText('情景“压缩非民生”的民生支出占比').click();
    expect(invoked.slice(before)).toContain('scenario-list');
    expect(invoked.slice(before)).not.toContain('budget-view');
    await dialog.getByRole('button', { name: '确定' }).click();
    await expect
      .poll(() => workbook.db.prepare('SELECT scenario_id AS scenarioId FROM target_link WHERE target_id = ?').get(target.id))
      .toMatchObject({ scenarioId: expect.any(Number) });
    // the cell marks where the figure comes from (预算) before the share itself
    await expect.poll(() => cell(page, target.id, 'actual').textContent()).toMatch(/^预算7\d\.\d+$/);
  });
});

describe('views that show figures drawn from elsewhere', () => {
  it('a target edit moves the budget line whose quantity it drives, when the budget is next shown', async () => {
    const { page, workbook } = await sessions.open('follows-target');
    const line = await lineId(page, '就业创业服务补贴（每人1500元）');
    await page.getByRole('button', { name: '预算与情景' }).click();
    await expect.poll(() => cell(page, line, 'quantity').textContent()).toBe('33,500');
    // the line draws on the task's target of that name (the key work repeats it)
    const target = workbook.db.prepare('SELECT driver_target_id AS id FROM budget_line WHERE id = ?').get(line) as { id: number };
    await page.getByRole('button', { name: '指标', exact: true }).click();
    await editCell(page, target.id, 'value', '4万');
    await waitSaved(page);
    await page.getByRole('button', { name: '预算与情景' }).click();
    await expect.poll(() => cell(page, line, 'quantity').textContent()).toBe('40,000');
    await expect.poll(() => cell(page, line, 'amount').textContent()).toBe('6,000.00');
  });
});
