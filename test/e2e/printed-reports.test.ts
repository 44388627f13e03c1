import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { REPORT_LABELS, type ReportKind } from '../../src/shared/report-kinds';
import { screenshots, useWorkbenchSessions } from './session';

/**
 * Issue 16, item 11: reports as they come out of the printer — the 合计 row once, at the end of its table (not
 * at the foot of every page), no grey preview background, and the example-data note on every page.
 */

const sessions = useWorkbenchSessions();

const pageCount = (file: string): number => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? 0);
const pageText = (file: string, page: number): string =>
  execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
const occurrences = (text: string, word: string): number => text.split(word).length - 1;

/** The screen's backgrounds, which must not come out of the printer: the preview's grey and the app's own. */
const SCREEN_BACKGROUNDS = [
  [0xdd, 0xe3, 0xea],
  [0xf5, 0xf7, 0xfa],
] as const;

/**
 * A rendered page's ink: the share of non-white pixels in its side margins (where only the running note may
 * be), and the share of the page painted in a screen background colour (text and rules are neutral greys, the
 * backgrounds are bluish, so they are told apart by colour, not by darkness).
 */
function pageInk(file: string, page: number): { margins: number; screenBackground: number } {
  const ppm = execFileSync('pdftoppm', ['-r', '30', '-f', String(page), '-l', String(page), file]);
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 30).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not answer a P6 image');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = ppm.subarray(header[0].length);
  const band = Math.max(1, Math.floor((width * 6) / 297));
  const count = { margin: 0, marginInk: 0, background: 0 };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 3;
      const [r, g, b] = [pixels[at]!, pixels[at + 1]!, pixels[at + 2]!];
      if (SCREEN_BACKGROUNDS.some(([br, bg, bb]) => Math.abs(r - br) <= 2 && Math.abs(g - bg) <= 2 && Math.abs(b - bb) <= 2))
        count.background++;
      if (x < band || x >= width - band) {
        count.margin++;
        if (r < 250 || g < 250 || b < 250) count.marginInk++;
      }
    }
  }
  return { margins: count.marginInk / count.margin, screenBackground: count.background / (width * height) };
}

async function savePdf(page: Page, kind: ReportKind, file: string, setNextSavePath: (path: string) => void): Promise<void> {
  await page.getByRole('radio', { name: REPORT_LABELS[kind] }).check();
  await page.locator(`[data-testid="report-document"][data-kind="${kind}"]`).waitFor();
  setNextSavePath(file);
  await page.getByRole('button', { name: '另存为PDF…' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toContain(file);
  await page.getByRole('alert').getByRole('button', { name: '关闭提示' }).click();
}

describe('printed reports', () => {
  it.each(['compliance', 'compare', 'execution'] as const)(
    '%s: one 合计 per table, white margins, the example note on every page',
    async (kind) => {
      const { page, setNextSavePath } = await sessions.open(`print-${kind}`);
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.getByRole('button', { name: '报告' }).click();
      const file = join(sessions.dir(), `${kind}.pdf`);
      await savePdf(page, kind, file, setNextSavePath);
      const document = page.locator('[data-testid="report-document"]');
      const onScreen = (await document.textContent())?.replace(/\s+/g, '') ?? '';
      const pages = pageCount(file);
      const printed = Array.from({ length: pages }, (_, i) => pageText(file, i + 1));
      console.info(`[printed-reports] ${kind}: ${pages} page(s)`);

      // as many 合计 on paper as on screen: a repeated table footer would add one per page break
      expect(occurrences(printed.join(''), '合计')).toBe(occurrences(onScreen, '合计'));
      // the example workbook's figures are marked on every page, not only at the end of the report
      for (const [i, text] of printed.entries()) expect(text, `page ${i + 1}`).toMatch(/示例数据/);
      for (let p = 1; p <= pages; p++) {
        const ink = pageInk(file, p);
        expect(ink.margins, `page ${p} margins`).toBeLessThan(0.01);
        expect(ink.screenBackground, `page ${p} screen background`).toBeLessThan(0.05);
      }
      execFileSync('pdftoppm', ['-png', '-r', '60', file, join(screenshots, `printed-${kind}`)]);
    },
  );
});
