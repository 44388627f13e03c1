import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TaskRow } from '../../src/shared/contract';
import type { TargetRow } from '../../src/shared/grid';
import type { WorkbenchSession } from '../harness';
import { cell, pasteText, screenshots, useWorkbenchSessions, waitSaved } from './session';

/** Finding what is late (issue 16, item 3): column filters, 只看滞后/未填报, status words, sorting across groups. */

const sessions = useWorkbenchSessions();

async function targets(page: Page): Promise<TargetRow[]> {
  return page.evaluate(async () => {
    const result = await window.workbench!['target-list']({});
    if (!result.ok) throw new Error(result.error.message);
    return result.value.targets;
  });
}

/** A workbook where one target is met (城镇新增就业), one 滞后 (办好全市民生大事), one 严重滞后, the rest 未填报. */
async function openTargets(name: string): Promise<{ session: WorkbenchSession; met: TargetRow; late: TargetRow; veryLate: TargetRow }> {
  const session = await sessions.open(name);
  const { page } = session;
  const all = await targets(page);
  const byLabel = (label: string): TargetRow => {
    const found = all.find((t) => t.label === label);
    if (!found) throw new Error(`no target ${label}`);
    return found;
  };
  const [met, late, veryLate] = [byLabel('城镇新增就业'), byLabel('办好全市民生大事'), byLabel('减免宣汉县在园幼儿保教费')];
  await page.evaluate(
    async (edits) => {
      const result = await window.workbench!['target-update']({ edits });
      if (!result.ok) throw new Error(result.error.message);
    },
    [
      { targetId: met.id, field: 'actual' as const, value: '3.4' },
      { targetId: late.id, field: 'actual' as const, value: '16' },
      { targetId: veryLate.id, field: 'actual' as const, value: '2' },
    ],
  );
  await page.getByRole('button', { name: '指标', exact: true }).click();
  await page.getByTestId('targets-view').locator('.ag-row[row-id]').first().waitFor();
  const fresh = await targets(page);
  const find = (t: TargetRow): TargetRow => fresh.find((f) => f.id === t.id) as TargetRow;
  expect([find(met).progress, find(late).progress, find(veryLate).progress]).toEqual(['met', 'yellow', 'red']);
  return { session, met, late, veryLate };
}

/** The rows the grid shows, top to bottom, as their row ids (group headers as "group:…"), without the totals row. */
const shownRows = (page: Page, sheet: string): Promise<string[]> =>
  page.evaluate((testId) => {
    const rows = [...document.querySelectorAll(`[data-testid="${testId}"] .ag-row[row-index]:not(.ag-row-pinned)`)];
    const byIndex = new Map(rows.map((row) => [Number(row.getAttribute('row-index')), row.getAttribute('row-id') ?? '']));
    return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, id]) => id);
  }, sheet);

const dataRows = async (page: Page, sheet: string): Promise<string[]> =>
  (await shownRows(page, sheet)).filter((id) => !id.startsWith('group:'));

async function openFilter(page: Page, sheet: string, colId: string) {
  await page.getByTestId(sheet).locator(`.ag-header-cell[col-id="${colId}"]`).hover();
  await page.getByTestId(sheet).locator(`.ag-header-cell[col-id="${colId}"] .ag-header-cell-filter-button`).click();
  const popup = page.getByTestId('column-filter');
  await popup.waitFor();
  return popup;
}

const listed = (popup: ReturnType<Page['getByTestId']>): Promise<string[]> =>
  popup
    .locator('.filter-values li')
    .evaluateAll((items) =>
      items.map((item) => `${item.querySelector('.filter-value')?.textContent} ${item.querySelector('.filter-count')?.textContent}`),
    );

describe('column filters', () => {
  it('lists each 进度状态 with its count, worst first; a choice hides the other rows and the emptied groups', async () => {
    const { session, late, veryLate } = await openTargets('filter-values');
    const { page } = session;
    const total = (await targets(page)).length;
    const popup = await openFilter(page, 'targets-sheet', 'progress');
    expect(await listed(popup)).toEqual(['严重滞后 1', '滞后 1', `未填报 ${total - 3}`, '已达成 1']);
    await page.screenshot({ path: join(screenshots, 'filter-popup-1366x768.png') });

    await popup.getByRole('checkbox', { name: '（全选）' }).uncheck();
    await popup.locator('li', { hasText: '严重滞后' }).getByRole('checkbox').check();
    await popup.locator('li', { hasText: /^滞后/ }).getByRole('checkbox').check();
    await popup.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => dataRows(page, 'targets-sheet')).toEqual([String(late.id), String(veryLate.id)]);
    // only the two domains that still hold a row keep their header
    expect((await shownRows(page, 'targets-sheet')).filter((id) => id.startsWith('group:'))).toEqual([
      `group:${late.domainOrdinal}`,
      `group:${veryLate.domainOrdinal}`,
    ]);
    expect(await page.getByTestId('filter-status').textContent()).toContain('筛选后 2 行');
    expect(await page.locator('[data-testid="targets-sheet"] .ag-header-cell[col-id="progress"]').getAttribute('class')).toContain(
      'ag-header-cell-filtered',
    );

    await page.getByTestId('filter-status').getByRole('button', { name: '清除筛选' }).click();
    await expect.poll(async () => (await dataRows(page, 'targets-sheet')).length).toBeGreaterThan(2);
    expect(await page.getByTestId('filter-status').count()).toBe(0);

    await page.setViewportSize({ width: 1920, height: 1080 });
    await openFilter(page, 'targets-sheet', 'leadOrgs');
    await page.screenshot({ path: join(screenshots, 'filter-popup-1920x1080.png') });
  });

  it('filters numbers and dates by condition; a column list counts only what the other filters leave', async () => {
    const { session, met, late } = await openTargets('filter-conditions');
    const { page } = session;
    let popup = await openFilter(page, 'targets-sheet', 'completion');
    await popup.getByRole('combobox', { name: '筛选条件' }).selectOption({ label: '大于' });
    await popup.getByRole('textbox', { name: '条件值' }).fill('80');
    await popup.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => dataRows(page, 'targets-sheet')).toEqual([String(late.id), String(met.id)]);

    // with 完成率 > 80 in force, the 进度状态 list holds the two values left, not every target's
    popup = await openFilter(page, 'targets-sheet', 'progress');
    expect(await listed(popup)).toEqual(['滞后 1', '已达成 1']);
    await popup.getByRole('button', { name: '清除筛选' }).click();
    popup = await openFilter(page, 'targets-sheet', 'completion');
    await popup.getByRole('button', { name: '清除筛选' }).click();

    // dates typed as a clerk writes them; the condition on 截止日期
    await page.evaluate(
      async (edits) => {
        const result = await window.workbench!['target-update']({ edits });
        if (!result.ok) throw new Error(result.error.message);
      },
      [
        { targetId: met.id, field: 'dueDate' as const, value: '2017年6月底' },
        { targetId: late.id, field: 'dueDate' as const, value: '2017-12-31' },
      ],
    );
    await page.getByRole('button', { name: '任务', exact: true }).click();
    await page.getByRole('button', { name: '指标', exact: true }).click();
    await page.getByTestId('targets-view').locator('.ag-row[row-id]').first().waitFor();
    popup = await openFilter(page, 'targets-sheet', 'dueDate');
    await popup.getByRole('combobox', { name: '筛选条件' }).selectOption({ label: '早于' });
    await popup.getByLabel('条件值').fill('2017-07-01');
    await popup.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => dataRows(page, 'targets-sheet')).toEqual([String(met.id)]);
  });

  it('every grid has them: the budget 功能分类 list counts lines per class', async () => {
    const session = await sessions.open('filter-budget');
    const { page } = session;
    await page.getByRole('button', { name: '预算与情景' }).click();
    await page.getByTestId('budget-view').locator('.ag-row[row-id="1"]').waitFor();
    const popup = await openFilter(page, 'budget-sheet', 'className');
    expect(await listed(popup)).toContain('教育支出 7');
    await popup.getByRole('checkbox', { name: '（全选）' }).uncheck();
    await popup.getByRole('searchbox', { name: '搜索值' }).fill('教育');
    await popup.locator('li', { hasText: '教育支出' }).getByRole('checkbox').check();
    await popup.getByRole('button', { name: '确定' }).click();
    await expect.poll(async () => (await dataRows(page, 'budget-sheet')).length).toBe(7);
    expect(await page.getByTestId('filter-status').textContent()).toContain('筛选后 7 行');
  });
});

describe('finding what is late', () => {
  it('只看滞后/未填报 and status words in the quick search, on targets and tasks', async () => {
    const { session, met, veryLate } = await openTargets('late-only');
    const { page } = session;
    const total = (await targets(page)).length;
    await page.getByRole('button', { name: '只看滞后/未填报' }).click();
    await expect.poll(() => page.getByTestId('filter-status').textContent()).toContain(`筛选后 ${total - 1} 行`);
    expect(await page.getByRole('button', { name: '只看滞后/未填报' }).getAttribute('aria-pressed')).toBe('true');
    expect(await dataRows(page, 'targets-sheet')).not.toContain(String(met.id));
    await page.getByRole('button', { name: '只看滞后/未填报' }).click();

    await page.getByLabel('快速查找').fill('严重滞后');
    await expect.poll(() => dataRows(page, 'targets-sheet')).toEqual([String(veryLate.id)]);
    await page.getByLabel('快速查找').fill('已达成');
    await expect.poll(() => dataRows(page, 'targets-sheet')).toEqual([String(met.id)]);

    // tasks: one marked 推进中 and one 滞后 by hand, in the grid
    await page.getByRole('button', { name: '任务', exact: true }).click();
    await page.getByTestId('tasks-view').locator('.ag-row[row-id="1"]').waitFor();
    for (const [taskId, status] of [
      [1, '推进中'],
      [2, '滞后'],
    ] as const) {
      await cell(page, taskId, 'status').click();
      await pasteText(page, status);
      await waitSaved(page);
      await expect.poll(() => cell(page, taskId, 'status').textContent()).toBe(status);
    }
    const tasks = await page.evaluate(async () => {
      const result = await window.workbench!['task-list']({});
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    });
    await page.getByLabel('快速查找').fill('推进中');
    await expect.poll(() => dataRows(page, 'tasks-sheet')).toEqual(['1']);
    await page.getByLabel('快速查找').fill('');
    const expected = tasks.filter((t: TaskRow) => ['red', 'yellow', 'no_data'].includes(t.progress ?? '') || t.status === 'at_risk');
    await page.getByRole('button', { name: '只看滞后/未填报' }).click();
    await expect.poll(() => page.getByTestId('filter-status').textContent()).toContain(`筛选后 ${expected.length} 行`);
    expect(expected.length).toBeLessThan(tasks.length);
    expect(await dataRows(page, 'tasks-sheet')).toContain('2');
  });

  it('sorts 进度状态 worst first inside each domain, or across all rows with 按领域分组 off', async () => {
    const { session, late, veryLate } = await openTargets('sort-across');
    const { page } = session;
    await page.getByTestId('targets-sheet').locator('.ag-header-cell[col-id="progress"] .ag-header-cell-label').click();
    await expect
      .poll(async () => (await shownRows(page, 'targets-sheet')).slice(0, 2))
      .toEqual([`group:${late.domainOrdinal}`, String(late.id)]);
    // the worst of the second domain leads that domain, not the list
    const rows = await shownRows(page, 'targets-sheet');
    expect(rows[rows.indexOf(`group:${veryLate.domainOrdinal}`) + 1]).toBe(String(veryLate.id));

    await page.getByRole('checkbox', { name: '按领域分组' }).uncheck();
    await expect.poll(async () => (await shownRows(page, 'targets-sheet')).slice(0, 2)).toEqual([String(veryLate.id), String(late.id)]);
    expect((await shownRows(page, 'targets-sheet')).some((id) => id.startsWith('group:'))).toBe(false);
    await page.screenshot({ path: join(screenshots, 'targets-flat-sorted-1366x768.png') });
    await page.getByRole('checkbox', { name: '按领域分组' }).check();
    await expect.poll(async () => (await shownRows(page, 'targets-sheet'))[0]).toBe(`group:${late.domainOrdinal}`);
    await waitSaved(page);
  });
});
