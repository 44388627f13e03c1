import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VIEWS } from '../../src/shared/views';
import { screenshots, useWorkbenchSessions } from './session';

/**
 * Every view at the two screens an office has — a 1366×768 laptop and a 1920×1080 monitor: it opens from the
 * navigation, says what it is in Chinese, keeps the status bar and the menu bar on screen, and never makes the page
 * itself scroll sideways (a grid scrolls inside its own frame). The screenshots are the ones looked at before a
 * change to the layout lands (issue 16).
 */
const sessions = useWorkbenchSessions();

describe('every view fits the screen', () => {
  it.each([
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ])('at $width×$height', async ({ width, height }) => {
    const { page, consoleErrors } = await sessions.open(`views-${width}`);
    await page.setViewportSize({ width, height });
    await page.locator('.ag-row[row-id="1"]').waitFor();
    for (const view of VIEWS) {
      await page.locator('.nav').getByRole('button', { name: view.label, exact: true }).click();
      const shown = page.getByTestId(`${view.id}-view`);
      await shown.waitFor();
      // the view's own content has arrived (a grid row, a chart, a report, the help text), not a loading placeholder
      await expect
        .poll(() => shown.locator('.ag-header-cell, canvas, [data-testid="report-document"], h1, h2, h3, table').count(), {
          message: view.label,
        })
        .toBeGreaterThan(0);
      const layout = await page.evaluate(() => {
        const box = (selector: string) => document.querySelector(selector)?.getBoundingClientRect() ?? null;
        return {
          pageWidth: document.documentElement.scrollWidth,
          statusBottom: box('.status-bar')?.bottom ?? Number.POSITIVE_INFINITY,
          menuTop: box('[role="menubar"]')?.top ?? Number.NEGATIVE_INFINITY,
        };
      });
      expect(layout.pageWidth, view.label).toBeLessThanOrEqual(width);
      expect(layout.statusBottom, view.label).toBeLessThanOrEqual(height);
      expect(layout.menuTop, view.label).toBeGreaterThanOrEqual(0);
      await page.screenshot({ path: join(screenshots, `view-${view.id}-${width}x${height}.png`) });
    }
    expect(consoleErrors).toEqual([]);
  });
});
