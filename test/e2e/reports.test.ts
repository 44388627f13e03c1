import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORT_KINDS, REPORT_LABELS } from '../../src/shared/report-kinds';
import { screenshots, useWorkbenchSessions } from './session';

const sessions = useWorkbenchSessions();

const pageCount = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
const pdfText = (file: string): string => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

describe('reports', () => {
  it('each kind renders for the default workbook and saves as an A4 PDF with page numbers', async () => {
    const { page, setNextSavePath } = await sessions.open('reports');
    await page.getByRole('button', { name: '报告' }).click();
    const pages: Record<string, number> = {};
    for (const kind of REPORT_KINDS) {
      await page.getByRole('radio', { name: REPORT_LABELS[kind] }).check();
      await page.locator(`[data-testid="report-document"][data-kind="${kind}"]`).waitFor();
      if (kind === 'compare') await page.locator('.report-charts canvas').first().waitFor();
      const file = join(sessions.dir(), `${kind}.pdf`);
      setNextSavePath(file);
      await page.getByRole('button', { name: '另存为PDF…' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain(file);
      const pdf = readFileSync(file);
      pages[kind] = pageCount(pdf);
      expect(pages[kind], kind).toBeGreaterThanOrEqual(1);
      const text = pdfText(file);
      // the footer numbers every page, the title and (where money appears) the unit are printed
      expect(text.replace(/\s+/g, '')).toContain(`第1页／共${pages[kind]}页`);
      if (kind === 'compliance' || kind === 'compare' || kind === 'execution') expect(text).toContain('单位：万元');
      // a look at the first page as an image, kept with the screenshots
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(screenshots, `report-${kind}`)]);
      await page.getByRole('alert').getByRole('button', { name: '关闭提示' }).click();
    }
    // the matrix runs over more than one page, with its header repeated on each
    const matrixText = pdfText(join(sessions.dir(), 'matrix.pdf'));
    expect(pages.matrix).toBeGreaterThanOrEqual(2);
    expect(matrixText.match(/牵头单位\s+配合单位/g)?.length).toBe(pages.matrix);
    console.info(`[reports] pages: ${JSON.stringify(pages)}`);
  });

  it('the compliance table 合计 equals the sum of the displayed parts', async () => {
    const { page } = await sessions.open('reconcile');
    await page.getByRole('button', { name: '报告' }).click();
    const table = page.locator('[data-kind="compliance"] .report-table').nth(1);
    await table.waitFor();
    const parts = await table.locator('tbody tr:not(.total) td.num').allTextContents();
    const total = await table.locator('tbody tr.total td.num').textContent();
    const toCents = (text: string): number => Math.round(Number(text.replaceAll(',', '')) * 100);
    expect(parts.reduce((sum, part) => sum + toCents(part), 0)).toBe(toCents(total ?? ''));
    await page.screenshot({ path: join(screenshots, 'reports-1366x768.png') });
  });
});
