import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshots, useWorkbenchSessions } from './session';

/**
 * Issue 16, item 12: org names read whole at 1366 and 1920 wide, and the 序时进度 date (the 2017 plan's year end,
 * now that 2017 is over) shown beside the grids whose 进度 lights it decides.
 */

const sessions = useWorkbenchSessions();

/** The org names of a column that do not fit their cell (cut with an ellipsis). */
const cutCells = (page: Page, colId: string): Promise<string[]> =>
  page.evaluate((id) => {
    const cells = [...document.querySelectorAll<HTMLElement>(`.ag-row:not(.ag-row-pinned) .ag-cell[col-id="${id}"]`)];
    if (cells.length === 0) return ['（没有这一列的单元格）'];
    return cells
      .filter(
        (cell) =>
          (cell.querySelector<HTMLElement>('.ag-cell-value') ?? cell).scrollWidth >
          (cell.querySelector<HTMLElement>('.ag-cell-value') ?? cell).clientWidth + 1,
      )
      .map((cell) => cell.textContent ?? '');
  }, colId);

describe('column widths and the 序时进度 date', () => {
  it.each([
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ])('at $width×$height the lead orgs are read whole in 任务 and 指标, and the 序时进度 date is shown', async ({ width, height }) => {
    const { page } = await sessions.open(`widths-${width}`);
    await page.setViewportSize({ width, height });
    await page.reload();
    await page.locator('.ag-row[row-id="1"]').waitFor();
    expect(await cutCells(page, 'leadOrgs')).toEqual([]);
    // every column still fits: no horizontal scroll
    const lastHeader = await page.locator('.ag-header-cell[col-id="remark"]').boundingBox();
    const grid = await page.locator('.ag-root-wrapper').boundingBox();
    expect(lastHeader && grid && lastHeader.x + lastHeader.width <= grid.x + grid.width + 1).toBe(true);
    // the plan year 2017 is over: measured at its year end, and the grid says so
    await expect.poll(() => page.getByTestId('progress-as-of').textContent()).toBe('序时进度 100.00%（截至2017-12-31）');
    await page.screenshot({ path: join(screenshots, `tasks-widths-${width}x${height}.png`) });

    await page.keyboard.press('Control+2');
    await page.locator('[data-testid="progress-settings"]').waitFor();
    // each column once (a merge had brought back a second 完成率)
    const headings = await page
      .locator('[data-testid="targets-sheet"] .ag-header-cell')
      .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('col-id') ?? ''));
    expect(headings.filter((id, i) => headings.indexOf(id) !== i || /_\d+$/.test(id))).toEqual([]);
    // 责任单位 sits to the right of the targets' figures: scrolled into view as a reader would
    await page.locator('.ag-body-horizontal-scroll-viewport').evaluate((viewport) => viewport.scrollTo({ left: viewport.scrollWidth }));
    await page.locator('.ag-row:not(.ag-row-pinned) .ag-cell[col-id="leadOrgs"]').first().waitFor();
    expect(await cutCells(page, 'leadOrgs')).toEqual([]);
    expect(await page.getByTestId('progress-settings').textContent()).toContain('截至2017-12-31');
    await page.screenshot({ path: join(screenshots, `targets-widths-${width}x${height}.png`) });
  });
});
