import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkbook, resourcesAt } from '../../src/app/store/workbook';
import { launchWorkbench, repoRoot } from '../harness';
import { cell, chooseMenu, screenshots, useWorkbenchSessions } from './session';

/** Issue #14 in the page: the read-only notice and 强制打开, a duplicate plan text, deleting a plan, a foreign file. */

const sessions = useWorkbenchSessions();
const resources = resourcesAt(repoRoot);

describe('a workbook someone else has open', () => {
  it('opens read-only with who and since when in the status bar, shows their edits, and 强制打开 takes it over', async () => {
    const path = join(sessions.dir(), 'shared.mswb');
    const colleague = openWorkbook(path, { resources, actor: '张三', create: true });
    const session = await launchWorkbench({ dbPath: path });
    try {
      const { page } = session;
      await page.locator('.ag-row[row-id="1"]').waitFor();
      const badge = page.getByTestId('status-read-only');
      await badge.waitFor();
      expect(await badge.textContent()).toContain(`只读：工作簿正在被 张三（${hostname()}）于`);
      await page.screenshot({ path: join(screenshots, 'read-only-1366x768.png') });

      // an edit is refused with the same sentence; nothing is written
      await cell(page, 2, 'remark').dblclick();
      const editor = page.locator('.ag-cell-editor input, .ag-cell-inline-editing input').first();
      await editor.fill('只读窗口里的修改');
      await editor.press('Enter');
      await expect.poll(() => page.locator('.message-bar').textContent()).toContain('已以只读方式打开');
      expect(colleague.db.prepare('SELECT remark FROM task WHERE id = 2').get()).toEqual({ remark: '' });

      // the writer edits: the page notices the other process's commit and shows it
      colleague.db.prepare("UPDATE task SET remark = '张三刚改的' WHERE id = 3").run();
      await expect.poll(() => cell(page, 3, 'remark').textContent(), { timeout: 15_000 }).toBe('张三刚改的');

      await badge.getByRole('button', { name: '强制打开…' }).click();
      const question = page.getByTestId('question-dialog');
      expect(await question.textContent()).toContain('对方的窗口将不能再保存修改');
      await page.screenshot({ path: join(screenshots, 'force-open-1366x768.png') });
      await question.getByRole('button', { name: '强制打开' }).click();
      await expect.poll(() => badge.count()).toBe(0);
      await cell(page, 2, 'remark').dblclick();
      await page.locator('.ag-cell-editor input, .ag-cell-inline-editing input').first().fill('强制打开后的修改');
      await page.keyboard.press('Enter');
      await expect
        .poll(() => session.workbook.db.prepare('SELECT remark FROM task WHERE id = 2').get())
        .toEqual({ remark: '强制打开后的修改' });
      expect(colleague.writeRefusal()).toContain('强制打开了该工作簿');
    } finally {
      await session.close();
      colleague.close();
    }
  });
});

describe('plans', () => {
  it('importing a text that is already in the workbook says so and needs a tick; the copy can be deleted and brought back', async () => {
    const { page, workbook } = await sessions.open('plans');
    await chooseMenu(page, '文件', '导入计划…');
    const seed = readFileSync(join(repoRoot, 'db', 'seed', 'dazhou-2017-equalization-plan.txt'), 'utf8');
    await page.getByLabel('计划全文').fill(seed);
    await page.getByRole('button', { name: '识别粘贴的文本' }).click();
    const warning = page.getByTestId('plan-duplicate');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('工作簿中已有内容相同的计划');
    const importButton = page.getByRole('button', { name: '仍然导入' });
    expect(await importButton.isDisabled()).toBe(true);
    await page.screenshot({ path: join(screenshots, 'plan-duplicate-1366x768.png') });
    await warning.getByRole('checkbox').check();
    await importButton.click();
    await expect.poll(() => workbook.db.prepare('SELECT COUNT(*) AS n FROM plan').get()).toEqual({ n: 2 });

    await chooseMenu(page, '文件', '计划管理…');
    const dialog = page.getByTestId('plans-dialog');
    await expect.poll(() => dialog.locator('tbody tr').count()).toBe(2);
    await page.screenshot({ path: join(screenshots, 'plans-1366x768.png') });
    await dialog.locator('tbody tr').nth(1).getByRole('button', { name: '删除…' }).click();
    await page.getByTestId('question-dialog').getByRole('button', { name: '删除' }).click();
    await expect.poll(() => dialog.locator('tbody tr').count()).toBe(1);
    expect(workbook.db.prepare('SELECT COUNT(*) AS n FROM plan').get()).toEqual({ n: 1 });
    // the only plan left cannot be deleted
    expect(await dialog.getByRole('button', { name: '删除…' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: '关闭' }).last().click();
    await page.locator('.ag-row[row-id="1"] .ag-cell[col-id="number"]').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => workbook.db.prepare('SELECT COUNT(*) AS n FROM plan').get()).toEqual({ n: 2 });
  });
});

describe('a file that is not a workbook', () => {
  it('starts in recovery, says so, and leaves the file as it was', async () => {
    const path = join(sessions.dir(), '客户.mswb');
    const foreign = new Database(path);
    foreign.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, '张三');");
    foreign.close();
    const before = readFileSync(path);
    const session = await launchWorkbench({ dbPath: path, create: false });
    try {
      const recovery = session.page.getByTestId('recovery-view');
      await recovery.waitFor();
      expect(await recovery.locator('h1').textContent()).toBe('该文件不是民生规划工作簿');
      expect(await recovery.textContent()).toContain('都未做任何改动');
      await session.page.screenshot({ path: join(screenshots, 'recovery-foreign-1366x768.png') });
      expect(readFileSync(path).equals(before)).toBe(true);
    } finally {
      await session.close();
    }
  });
});
