import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchWorkbench } from '../harness';
import { screenshots, useWorkbenchSessions } from './session';

const sessions = useWorkbenchSessions();

describe('a small screen: 1366×768 at 125% or 1920×1080 at 150% leaves about 1024×600 CSS pixels', () => {
  // 960×540 is the minimum window (MIN_WINDOW): there the navigation list scrolls, the actions under it stay put
  it.each([
    { width: 1024, height: 600 },
    { width: 960, height: 540 },
  ])('keeps the status bar, every navigation entry and the grid on screen at $width×$height', async ({ width, height }) => {
    const { page, close } = await launchWorkbench({ dbPath: join(sessions.dir(), `small-${width}.mswb`), viewport: { width, height } });
    try {
      await page.locator('.ag-row[row-id="1"]').waitFor();
      const inside = async (selector: string) => {
        const box = await page.locator(selector).first().boundingBox();
        return !!box && box.y >= 0 && box.y + box.height <= height && box.x >= 0 && box.x + box.width <= width;
      };
      await page.screenshot({ path: join(screenshots, `tasks-${width}x${height}.png`) });
      expect(await inside('.status-bar')).toBe(true);
      expect(await inside('[data-testid="save-state"]')).toBe(true);
      for (const label of [
        '任务',
        '指标',
        '责任单位',
        '分工矩阵',
        '预算与情景',
        '情景对比',
        '预算执行',
        '区县对比',
        '报告',
        '变更记录',
        '使用说明',
      ]) {
        const button = page.locator('.nav').getByRole('button', { name: label, exact: true });
        await button.scrollIntoViewIfNeeded();
        const box = await button.boundingBox();
        expect(!!box && box.y >= 0 && box.y + box.height <= height - 26, label).toBe(true);
      }
      expect(await inside('.ag-row[row-id="1"] .ag-cell[col-id="title"]')).toBe(true);
      await page.screenshot({ path: join(screenshots, `tasks-${width}x${height}.png`) });
    } finally {
      await close();
    }
  });
});
