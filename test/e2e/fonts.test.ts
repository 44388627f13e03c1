import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cell, useWorkbenchSessions } from './session';

const sessions = useWorkbenchSessions();

/** The fonts Chromium actually drew a node's text with (not the CSS it asked for). */
async function platformFonts(page: Page, target: Locator): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const selector = await target.evaluate((el) => {
    el.setAttribute('data-font-probe', '1');
    return '[data-font-probe="1"]';
  });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await target.evaluate((el) => el.removeAttribute('data-font-probe'));
  await cdp.detach();
  return fonts.map((font) => font.familyName);
}

// what a Linux desktop (统信UOS, 银河麒麟, Debian here) has instead of 微软雅黑 / 宋体
const LINUX_CJK = /Noto Sans CJK|Noto Serif CJK|Source Han|WenQuanYi|AR PL/;

describe('fonts on a Linux desktop (only the Linux CJK fonts installed)', () => {
  it('draws the grid, the navigation and a printed report with a CJK font, never a fallback without the glyphs', async () => {
    const { page, setNextSavePath } = await sessions.open('fonts');
    expect(await platformFonts(page, cell(page, 1, 'title'))).toEqual([expect.stringMatching(LINUX_CJK)]);
    expect(await platformFonts(page, page.getByRole('button', { name: '分工矩阵' }))).toEqual([expect.stringMatching(LINUX_CJK)]);
    // digits and Chinese in one run drawn with the one CJK font, not digits in DejaVu beside fallback glyphs
    expect(await platformFonts(page, page.getByText(/^任务 \d+ 项$/))).toEqual([expect.stringMatching(LINUX_CJK)]);

    await page.getByRole('button', { name: '报告' }).click();
    await page.getByRole('radio', { name: '任务分工表' }).check();
    const report = page.locator('[data-testid="report-document"][data-kind="matrix"]');
    await report.waitFor();
    expect(await platformFonts(page, report.locator('h1'))).toEqual([expect.stringMatching(LINUX_CJK)]);
    expect(
      await platformFonts(
        page,
        report
          .locator('td')
          .filter({ hasText: /[\u4e00-\u9fff]/ })
          .first(),
      ),
    ).toEqual([expect.stringMatching(LINUX_CJK)]);
    // and the saved PDF carries the text as text (Chromium embeds CJK glyphs as Type 3 fonts with a Unicode map)
    const file = join(sessions.dir(), 'fonts.pdf');
    setNextSavePath(file);
    await page.getByRole('button', { name: '另存为PDF…' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain(file);
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('任务分工表');
  });
});
