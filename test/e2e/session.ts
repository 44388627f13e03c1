import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchBrowser, launchWorkbench, repoRoot, type WorkbenchSession } from '../harness';

/** One Chromium per test file, one fresh workbook per test, the screenshot folder, and grid helpers. */

export const screenshots = join(repoRoot, 'test-output', 'screenshots');

export interface E2eContext {
  /** a temporary folder removed after the file */
  dir(): string;
  /** opens a new workbook named `name` and waits for the first task row */
  open(name: string): Promise<WorkbenchSession>;
}

export function useWorkbenchSessions(): E2eContext {
  let browser: Browser;
  let dir = '';
  let session: WorkbenchSession | null = null;
  beforeAll(async () => {
    browser = await launchBrowser();
    dir = mkdtempSync(join(tmpdir(), 'minsheng-e2e-'));
    mkdirSync(screenshots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    // a grid feature used without its module (see src/renderer/grid/setup.ts) logs an AG Grid error
    const gridErrors = session?.consoleErrors.filter((error) => /AG Grid/i.test(error)) ?? [];
    await session?.close();
    session = null;
    expect(gridErrors).toEqual([]);
  });
  return {
    dir: () => dir,
    open: async (name) => {
      session = await launchWorkbench({ dbPath: join(dir, `${name}.mswb`), browser });
      await session.page.locator('.ag-row[row-id="1"]').waitFor();
      return session;
    },
  };
}

export const cell = (page: Page, rowId: number | string, colId: string, scope = 'body') =>
  page.locator(`${scope === 'body' ? '' : `${scope} `}.ag-row[row-id="${rowId}"] .ag-cell[col-id="${colId}"]`);

/**
 * Waits until the page's writes have settled. A committed cell edit starts its write on the page's next turn (the
 * status then reads 保存中…), and the status already read 已保存 before it: one turn is let pass first, or the poll
 * could see the old 已保存 and return before the write began — under load, a test then read the workbook too soon.
 */
export async function waitSaved(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('已保存');
}

/** Double-clicks a cell, types `text` into its editor and presses Enter. */
export async function editCell(page: Page, rowId: number, colId: string, text: string, scope = 'body'): Promise<void> {
  await cell(page, rowId, colId, scope).dblclick();
  const editor = page.locator('.ag-cell-editor input, .ag-cell-inline-editing input').first();
  await editor.fill(text);
  await editor.press('Enter');
  await waitSaved(page);
}

/** Sends text to the focused cell as the clipboard would: a real paste event with a DataTransfer. */
export async function pasteText(page: Page, text: string): Promise<void> {
  await page.evaluate((tsv) => {
    const data = new DataTransfer();
    data.setData('text/plain', tsv);
    document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

export async function copyText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const data = new DataTransfer();
    document.activeElement?.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
    return data.getData('text/plain');
  });
}

/** The system clipboard of the page's browser: what Ctrl+C put there, what Ctrl+V will paste. */
export const clipboard = {
  allow: (page: Page) => page.context().grantPermissions(['clipboard-read', 'clipboard-write']),
  write: (page: Page, text: string) => page.evaluate((value) => navigator.clipboard.writeText(value), text),
  read: (page: Page) => page.evaluate(() => navigator.clipboard.readText()),
};

/** The row-id and col-id of the cell that has the browser focus. */
export const focusedCell = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const cellElement = document.activeElement?.closest('.ag-cell');
    return `${cellElement?.closest('.ag-row')?.getAttribute('row-id') ?? ''}:${cellElement?.getAttribute('col-id') ?? ''}`;
  });

/**
 * Chooses a command from the menu bar by clicking, as a user would: `chooseMenu(page, '文件', '导入计划…')`, or
 * through a submenu, `chooseMenu(page, '文件', '导入', '导入预算表…')`.
 */
export async function chooseMenu(page: Page, menu: string, ...path: string[]): Promise<void> {
  await page.getByRole('menubar').getByRole('menuitem', { name: menu, exact: true }).click();
  for (const label of path) await page.getByRole('menu').getByRole('menuitem', { name: label, exact: true }).click();
}
